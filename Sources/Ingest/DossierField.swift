/// The columns (CSV/TSV) or keys (JSONL) of the DVCQG dossier record that the engine reads.
/// Every other column is ignored.
public enum DossierField: UInt8, CaseIterable, Sendable {
    case id, procedure, field, agency, channel, status, received, due, processingEnd, returned
    case level, fullOnline, feeBearing, paidOnline, digitized, electronicResult, apology, supplements
    case refused, submitted
    /// Read for the documents' dossier lists only; never judged.
    case procedureName
    /// `ChuHoSo`, the applicant: a personal name, read for `export` (pseudonymised there); never judged.
    case owner
    /// A step log's columns (`QuaTrinhXuLy` in a JSONL dossier): `ThoiDiemXuLy`, `NgayBatDau`,
    /// `NgayKetThucTheoQuyDinh`, `TrangThai`, `PhongBanXuLy`, `NguoiXuLy`, `ChucDanh`, `NoiDungXuLy`.
    case stepTime, stepStart, stepPlannedEnd, stepStatus, department, handler, handlerTitle, stepContent
    /// `QuaTrinhXuLy`: a JSONL dossier's list of steps.
    case steps

    /// The DVCQG name of the column or key.
    public var name: String {
        switch self {
        case .id: return "MaHoSo"
        case .procedure: return "MaTTHC"
        case .field: return "MaLinhVuc"
        case .agency: return "DonViXuLy"
        case .channel: return "KenhThucHien"
        case .status: return "TrangThaiHoSo"
        case .received: return "NgayTiepNhan"
        case .due: return "NgayHenTra"
        case .processingEnd: return "NgayKetThucXuLy"
        case .returned: return "NgayTra"
        case .level: return "MucDo"
        case .fullOnline: return "ToanTrinh"
        case .feeBearing: return "CoPhiLePhi"
        case .paidOnline: return "DuocThanhToanTrucTuyen"
        case .digitized: return "HoSoCoThanhPhanSoHoa"
        case .electronicResult: return "KetQuaDienTu"
        case .apology: return "XinLoi"
        case .supplements: return "DanhSachHoSoBoSung"
        case .refused: return "NgayTuChoi"
        case .submitted: return "NgayNopHoSo"
        case .procedureName: return "TenTTHC"
        case .owner: return "ChuHoSo"
        case .stepTime: return "ThoiDiemXuLy"
        case .stepStart: return "NgayBatDau"
        case .stepPlannedEnd: return "NgayKetThucTheoQuyDinh"
        case .stepStatus: return "TrangThai"
        case .department: return "PhongBanXuLy"
        case .handler: return "NguoiXuLy"
        case .handlerTitle: return "ChucDanh"
        case .stepContent: return "NoiDungXuLy"
        case .steps: return "QuaTrinhXuLy"
        }
    }

    /// The field a column of this kind of log feeds: a step log's `TrangThai` is the step's
    /// status, a dossier log's the dossier's (the two names share the alias `Trạng thái`). A
    /// dossier log's columns named like a step's are ignored, as they were before step logs.
    func inLog(of kind: LogKind) -> DossierField? {
        switch (kind, self) {
        case (.steps, .status): return .stepStatus
        case (.dossiers, .stepStatus): return .status
        case (.dossiers, _) where isStepColumn: return nil
        default: return self
        }
    }

    /// A step's own column.
    var isStepColumn: Bool {
        switch self {
        case .stepTime, .stepStart, .stepPlannedEnd, .stepStatus, .department, .handler, .handlerTitle,
            .stepContent:
            return true
        default: return false
        }
    }

    /// Looks a header name up: the DVCQG name or a name of `HeaderAliases.table`, in any case,
    /// with or without diacritics, spaces and punctuation.
    public static func named(_ bytes: UnsafeRawBufferPointer) -> DossierField? {
        HeaderAliases.field(named: String(decoding: bytes, as: UTF8.self))
    }
}
