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
        }
    }

    /// Looks a header name up: the DVCQG name or a name of `HeaderAliases.table`, in any case,
    /// with or without diacritics, spaces and punctuation.
    public static func named(_ bytes: UnsafeRawBufferPointer) -> DossierField? {
        HeaderAliases.field(named: String(decoding: bytes, as: UTF8.self))
    }
}
