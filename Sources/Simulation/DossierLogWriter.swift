import CivilTime
import _TextSupport

/// Writes simulated dossiers in the core CSV format that `tthc report` reads.
public enum DossierLogWriter {
    public static let header =
        "MaHoSo,MaTTHC,MaLinhVuc,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,"
        + "MucDo,ToanTrinh,CoPhiLePhi,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,KetQuaDienTu,XinLoi,DanhSachHoSoBoSung"

    /// `yyyyMMddHHmmss`.
    public static func compact(_ t: Timestamp) -> String {
        let d = t.date
        let s = t.secondOfDay
        func p(_ v: Int, _ w: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, w - text.count)) + text
        }
        return p(d.year, 4) + p(d.month, 2) + p(d.day, 2) + p(s / 3600, 2) + p(s / 60 % 60, 2) + p(s % 60, 2)
    }

    static func field(_ s: String) -> String { NumberText.csvField(s) }

    /// CSV text (header and one row per dossier) for the dossiers of `scenario`, with their
    /// status as of the run's end (`XinLoi` = 1 only for a dossier with an apology on record).
    public static func csv(_ dossiers: [SimulatedDossier], scenario: Scenario, prefix: String = "SIM") -> String {
        var out = header + "\n"
        for d in dossiers { out += row(d, scenario: scenario, prefix: prefix) }
        return out
    }

    /// One dossier's CSV row, with its line feed (for a log written as the run goes).
    public static func row(_ d: SimulatedDossier, scenario: Scenario, prefix: String = "SIM") -> String {
        let p = scenario.procedures[d.procedure]
        let pauses = d.pauses.map { compact($0.start) + "/" + ($0.end.map(compact) ?? "") }.joined(separator: ";")
        let fields: [String] = [
            prefix + String(d.sequence), field(p.code), field(p.field), field(p.agency), String(d.channel.rawValue),
            String(d.status.rawValue), compact(d.received), d.due.map(compact) ?? "",
            d.processingEnd.map(compact) ?? "",
            d.returned.map(compact) ?? "", String(d.level), d.fullOnline ? "1" : "0", d.feeBearing ? "1" : "0",
            d.paidOnline ? "1" : "0", d.digitized ? "1" : "0", d.electronicResult ? "1" : "0",
            d.apology ? "1" : "0",
            pauses,
        ]
        return fields.joined(separator: ",") + "\n"
    }
}
