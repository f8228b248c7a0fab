/// Dossier owners (`ChuHoSo`) for the quirky export: Vietnamese names, some with commas, quotes or
/// a line break, chosen by a hash of `(seed, serial)` so the CSV and JSONL twins agree.
enum SyntheticOwners {
    static let surnames = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
        "Lý",
    ]
    static let middles = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân"]
    static let givens = [
        "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long",
        "Mai", "Nam", "Nga", "Phúc", "Quyên", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến",
    ]
    static let businesses = ["Tạp hóa", "Cà phê", "Sửa xe", "Quán phở", "Nhà thuốc", "Tiệm may"]

    /// Without `lineBreaks` the multi-line cells are plain names (one line per record).
    static func owner(seed: UInt64, serial: Int, lineBreaks: Bool = true) -> String {
        var h = SeededRandom.mix(seed ^ 0x6F77_6E65_72, UInt64(serial))
        func pick(_ list: [String]) -> String {
            let v = list[Int(h % UInt64(list.count))]
            h = SeededRandom.mix(h, 1)
            return v
        }
        let kind = h % 1000
        h = SeededRandom.mix(h, 2)
        let person = pick(surnames) + " " + pick(middles) + " " + pick(givens)
        switch kind {
        case 0..<4 where lineBreaks:  // a multi-line cell, as typed into a web form
            return person + "\nủy quyền cho " + pick(surnames) + " " + pick(middles) + " " + pick(givens)
        case 4..<40:
            return person + ", đại diện hộ kinh doanh"
        case 40..<60:
            return "Hộ kinh doanh \"" + pick(businesses) + " " + pick(givens) + "\""
        case 60..<70:
            return "Công ty TNHH \"" + pick(givens) + " " + pick(givens) + "\", chi nhánh " + pick(givens)
        default:
            return person
        }
    }
}
