import CivilTime

/// A supplement request: the clock stops from `start` until `end` (nil while still waiting).
public struct PauseInterval: Hashable, Sendable {
    public var start: Timestamp
    public var end: Timestamp?

    public init(start: Timestamp, end: Timestamp?) {
        self.start = start
        self.end = end
    }
}

/// One dossier as the engine reads it, whatever encoding it came from.
///
/// Text fields are views into the parser's buffer (valid only while the consumer is called), so
/// parsing allocates no `String` per field. Absent fields are empty views, nil, or 0 codes.
public struct DossierRecord {
    /// `MaHoSo`.
    public var id: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `MaTTHC`.
    public var procedure: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `MaLinhVuc`.
    public var field: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `DonViXuLy`.
    public var agency: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `TenTTHC`: shown beside the code in dossier lists, never judged.
    public var procedureName: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `ChuHoSo`: the applicant's name, for `export` only (a personal name, pseudonymised there).
    public var owner: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// `KenhThucHien`, 0 when absent.
    public var channel: UInt8 = 0
    /// `TrangThaiHoSo`.
    public var status: DossierStatus = .received
    /// `NgayTiepNhan`.
    public var received: Timestamp?
    /// `NgayHenTra`.
    public var due: Timestamp?
    /// `NgayKetThucXuLy`.
    public var processingEnd: Timestamp?
    /// `NgayTra`.
    public var returned: Timestamp?
    /// `NgayTuChoi`: when the unit refused the dossier (status 3).
    public var refused: Timestamp?
    /// `NgayNopHoSo`: when the dossier was submitted (registered).
    public var submitted: Timestamp?
    /// `MucDo` 2/3/4, 0 when absent.
    public var level: UInt8 = 0
    /// `ToanTrinh`.
    public var fullOnline: Bool?
    /// `CoPhiLePhi` (or, in JSONL, derived from `DanhSachLePhi`).
    public var feeBearing: Bool?
    /// `DuocThanhToanTrucTuyen` 0/1/2, nil when absent.
    public var paidOnline: UInt8?
    /// `HoSoCoThanhPhanSoHoa` (or any `TaiLieuNop[].DuocSoHoa` in JSONL).
    public var digitized: Bool?
    /// `KetQuaDienTu`.
    public var electronicResult: Bool?
    /// `XinLoi`.
    public var apology: Bool?
    /// Supplement requests, in the order given. The parser reuses this array's storage.
    public var pauses: [PauseInterval] = []
    /// The keys of `procedure`, `field` and `agency` in the text table that `textKeyTag` names
    /// (0: none, and the keys mean nothing): within one table, equal keys mean equal bytes, and
    /// -1 is a value without a key (absent, or the table was full). The CSV parser's clean path
    /// sets them, so that a consumer finds a value's group by an array index instead of hashing
    /// its bytes.
    public var textKeyTag = 0
    public var procedureKey: Int32 = -1
    public var fieldKey: Int32 = -1
    public var agencyKey: Int32 = -1
    /// A step log's row: the step's own columns (empty on a dossier log's record).
    public var step = StepFields()
    /// `QuaTrinhXuLy` of a JSONL dossier, in the order given. The parser reuses this array's storage.
    public var embeddedSteps: [StepFields] = []
    /// The record's first line, counted from the first record of the piece of the log it was
    /// read in; the scanner tells a piece's consumer where that piece starts (`RecordConsumer.place`).
    public var pieceLine = 0

    public init() {}

    /// end = `NgayKetThucXuLy`, else `NgayTra`.
    @inlinable public var end: Timestamp? { processingEnd ?? returned }

    /// Clears every dossier field but keeps the pause array's capacity (the step fields:
    /// `resetSteps`). (Always inlined: called once per record, where a call cost as much as
    /// the stores.)
    @inlinable @inline(__always) public mutating func reset() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        id = empty
        procedure = empty
        field = empty
        agency = empty
        procedureName = empty
        owner = empty
        channel = 0
        status = .received
        received = nil
        due = nil
        processingEnd = nil
        returned = nil
        refused = nil
        submitted = nil
        level = 0
        fullOnline = nil
        feeBearing = nil
        paidOnline = nil
        digitized = nil
        electronicResult = nil
        apology = nil
        textKeyTag = 0
        if !pauses.isEmpty { pauses.removeAll(keepingCapacity: true) }
    }

    /// Clears the step fields too: a parser of step rows calls it after `reset()`. (A dossier
    /// log's parser never sets them, so its hot path does not pay for clearing them.)
    @inlinable public mutating func resetSteps() {
        step = StepFields()
        if !embeddedSteps.isEmpty { embeddedSteps.removeAll(keepingCapacity: true) }
    }
}

/// The fields of one processing step, as read: text as views into the parser's buffer (valid
/// only while the consumer is called), the status already read through the status mapping.
public struct StepFields {
    /// `ThoiDiemXuLy`.
    public var time: Timestamp?
    /// `NgayBatDau`.
    public var start: Timestamp?
    /// `NgayKetThucTheoQuyDinh`.
    public var plannedEnd: Timestamp?
    /// `TrangThai`, nil when absent.
    public var status: DossierStatus?
    /// `PhongBanXuLy`, `NguoiXuLy`, `ChucDanh`, `NoiDungXuLy`.
    public var department = UnsafeRawBufferPointer(start: nil, count: 0)
    public var handler = UnsafeRawBufferPointer(start: nil, count: 0)
    public var title = UnsafeRawBufferPointer(start: nil, count: 0)
    public var content = UnsafeRawBufferPointer(start: nil, count: 0)

    public init() {}
}

extension DossierRecord {
    /// The record's latest event in seconds: received, processing end, returned, or a pause's
    /// start or end (not its due, which is a promise); `Int64.min` without any. A log's default
    /// as-of time is the latest event of all its records.
    @inlinable public var latestEventSeconds: Int64 {
        var latest = Int64.min
        if let t = received, t.seconds > latest { latest = t.seconds }
        if let t = processingEnd, t.seconds > latest { latest = t.seconds }
        if let t = returned, t.seconds > latest { latest = t.seconds }
        for pause in pauses {
            if pause.start.seconds > latest { latest = pause.start.seconds }
            if let e = pause.end, e.seconds > latest { latest = e.seconds }
        }
        return latest
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes as a `String` (for keys and messages, never per field in the hot path).
    public var utf8String: String { String(decoding: self, as: UTF8.self) }
}
