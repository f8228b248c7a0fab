import CivilTime

/// One processing step of a dossier (`QuaTrinhXuLy`), from a step log's row or from the list
/// inside a JSONL dossier. Names are kept once per history (`StepNames`) and referred to by index,
/// so that millions of steps hold no string each.
public struct ProcessStep: Hashable, Sendable {
    /// `ThoiDiemXuLy`: when the step was recorded, which is when it ended.
    public var time: Timestamp
    /// `NgayBatDau`: when the step started, when the log gives it.
    public var start: Timestamp?
    /// `NgayKetThucTheoQuyDinh`: when the step should have ended.
    public var plannedEnd: Timestamp?
    /// `TrangThai`, read as a dossier status through the status mapping.
    public var status: DossierStatus
    /// `PhongBanXuLy`, `NguoiXuLy`, `ChucDanh` and `NoiDungXuLy`: indices into `StepNames`.
    public var department: Int32
    public var handler: Int32
    public var title: Int32
    public var content: Int32
    /// Where the row came from, for messages: the file's index among the inputs and its line (1-based).
    public var file: Int32
    public var line: Int64

    public init(
        time: Timestamp, start: Timestamp? = nil, plannedEnd: Timestamp? = nil, status: DossierStatus,
        department: Int32, handler: Int32, title: Int32, content: Int32, file: Int32 = 0, line: Int64 = 0
    ) {
        self.time = time
        self.start = start
        self.plannedEnd = plannedEnd
        self.status = status
        self.department = department
        self.handler = handler
        self.title = title
        self.content = content
        self.file = file
        self.line = line
    }
}

/// The names that steps refer to by index: one table per kind, index 0 the empty name.
public struct StepNames: Sendable {
    public var departments: [String] = [""]
    public var handlers: [String] = [""]
    public var titles: [String] = [""]
    public var contents: [String] = [""]

    public init() {}
}
