/// Seeded random dossier logs in the core CSV format, with every quirk the engine must handle:
/// quoted names with commas, quotes and line breaks, CRLF, blank lines, missing fields, every
/// status, open and closed supplement pauses, duplicate ids.
public enum RandomDossierLog {
    public static let header =
        "MaHoSo,MaTTHC,MaLinhVuc,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,MucDo,ToanTrinh,CoPhiLePhi,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,KetQuaDienTu,XinLoi,DanhSachHoSoBoSung"

    public static let procedures = ["1.001193", "1.000894", "2.000815", "1.004227", "9.999999"]
    public static let agencies = ["UBND xã Dân Hòa", "Văn phòng, \"một cửa\"", "Phòng\nKinh tế", "Công an xã", ""]

    static func stamp(_ day: Int, _ minute: Int) -> String {
        // Days from 2026-03-01 (a Sunday); `minute` within the day.
        var y = 2026
        var m = 3
        var d = 1 + day
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        while d > lengths[m - 1] {
            d -= lengths[m - 1]
            m += 1
            if m > 12 {
                m = 1
                y += 1
            }
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)\(two(m))\(two(d))\(two(minute / 60))\(two(minute % 60))00"
    }

    static func quote(_ text: String) -> String {
        if text.contains(",") || text.contains("\"") || text.contains("\n") {
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return text
    }

    public static func make(seed: UInt64, count: Int) -> String {
        var rng = SplitMix(seed: seed)
        var out = header + "\n"
        for i in 0..<count {
            let status = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 10, 10][rng.below(13)]
            let receivedDay = rng.below(60)
            let receivedMinute = 6 * 60 + rng.below(14 * 60)
            let received = status == 1 || status == 3 ? "" : stamp(receivedDay, receivedMinute)
            var due = rng.chance(0.85) ? stamp(receivedDay + 1 + rng.below(6), 8 * 60 + rng.below(9 * 60)) : ""
            if received.isEmpty { due = "" }
            var end = ""
            var returned = ""
            if [8, 9, 10].contains(status) || (status == 7 && rng.chance(0.3)) {
                let stamped = stamp(receivedDay + 1 + rng.below(8), 7 * 60 + rng.below(11 * 60))
                if rng.chance(0.7) { end = stamped } else { returned = stamped }
                if !end.isEmpty && rng.chance(0.5) { returned = stamp(receivedDay + 10, 9 * 60) }
            }
            var pauses: [String] = []
            if !received.isEmpty && rng.chance(0.2) {
                let n = 1 + rng.below(3)
                for k in 0..<n {
                    let start = stamp(receivedDay + k, 17 * 60 + 45 + k)
                    let open = k == n - 1 && end.isEmpty && returned.isEmpty && rng.chance(0.5)
                    pauses.append(
                        start + "/" + (open ? "" : stamp(receivedDay + k + 1 + rng.below(2), 9 * 60 + rng.below(400))))
                }
            }
            let id = rng.chance(0.02) ? "HS\(rng.below(max(1, i)))" : "HS\(i)"
            let flag = { (p: Double, rng: inout SplitMix) -> String in
                rng.chance(0.1) ? "" : (rng.chance(p) ? "1" : "0")
            }
            var cells: [String] = [
                id, procedures[rng.below(procedures.count)], "LV\(rng.below(3))",
                quote(agencies[rng.below(agencies.count)]), rng.chance(0.05) ? "" : "\(1 + rng.below(3))", "\(status)",
                received, due, end, returned, rng.chance(0.1) ? "" : "\(2 + rng.below(3))",
            ]
            cells.append(flag(0.4, &rng))
            cells.append(flag(0.6, &rng))
            cells.append(rng.chance(0.1) ? "" : "\(rng.below(3))")
            cells.append(flag(0.5, &rng))
            cells.append(flag(0.5, &rng))
            cells.append(flag(0.5, &rng))
            cells.append(pauses.joined(separator: ";"))
            out += cells.joined(separator: ",") + (rng.chance(0.2) ? "\r\n" : "\n")
            if rng.chance(0.03) { out += "\n" }
        }
        return out
    }
}
