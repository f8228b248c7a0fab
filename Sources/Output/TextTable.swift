import _TextSupport

/// A terminal table with a header row: numeric-looking columns are right-aligned, the others
/// left-aligned, two spaces of indent. The padding is `TextColumns`'.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// `paint(row, column, text)` colours a body cell (row 0 is the first row after the header).
    func render(indent: Int = 2, paint: ((Int, Int, String) -> String)? = nil) -> String {
        let columns = header.count
        // Every row as wide as the header: missing cells are empty, extra cells dropped.
        let body = rows.map { row in (0..<columns).map { $0 < row.count ? row[$0] : "" } }
        // Codes such as procedure 1.001193 look numeric but are names: keep them left-aligned.
        var numeric = header.map { !TextTable.textHeaders.contains($0) }
        for row in body {
            for (i, cell) in row.enumerated() where !cell.isEmpty && !TextTable.looksNumeric(cell) {
                numeric[i] = false
            }
        }
        let bodyPaint = paint.map { paint in { (r: Int, c: Int, text: String) in r == 0 ? text : paint(r - 1, c, text) }
        }
        return TextColumns.lines([header] + body, rightAligned: { numeric[$0] }, indent: indent, paint: bodyPaint)
            .joined(separator: "\n") + "\n"
    }

    static let textHeaders: Set<String> = [
        "agency", "procedure", "field", "channel", "day", "week", "month", "quarter", "dossier", "target", "metric",
        "group", "indicator", "status", "procedure name",
        // The same in Vietnamese.
        "Đơn vị", "Thủ tục", "Tên thủ tục", "Lĩnh vực", "Kênh", "Ngày", "Tuần", "Tháng", "Quý", "Hồ sơ", "Chỉ tiêu",
        "Chỉ số", "Nhóm", "Kết quả",
    ]

    static func looksNumeric(_ cell: String) -> Bool {
        guard let first = cell.first, first.isNumber || first == "-" else { return cell == "n/a" }
        return cell.allSatisfy { $0.isNumber || ",.%-/ ".contains($0) }
    }
}
