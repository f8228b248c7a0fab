/// The columns (CSV/TSV) or keys (JSONL) of the DVCQG dossier record that the engine reads.
/// Every other column is ignored.
public enum DossierField: UInt8, CaseIterable, Sendable {
    case id, procedure, field, agency, channel, status, received, due, processingEnd, returned
    case level, fullOnline, feeBearing, paidOnline, digitized, electronicResult, apology, supplements
    case refused, submitted
    /// Read for the documents' dossier lists only; never judged.
    case procedureName

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
        }
    }

    /// Looks a column name up, ignoring ASCII case and surrounding spaces.
    public static func named(_ bytes: UnsafeRawBufferPointer) -> DossierField? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        let length = end - start
        outer: for candidate in DossierField.allCases {
            let name = candidate.name.utf8
            guard name.count == length else { continue }
            var i = start
            for c in name {
                var b = bytes[i]
                if b >= 65 && b <= 90 { b += 32 }
                var lc = c
                if lc >= 65 && lc <= 90 { lc += 32 }
                if b != lc { continue outer }
                i += 1
            }
            return candidate
        }
        return nil
    }
}
