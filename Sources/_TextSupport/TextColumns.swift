/// The one table aligner: every table the tool prints pads its columns here.
///
/// Widths are counted in `Character`s (grapheme clusters), so a Vietnamese letter takes one
/// column whether it is stored precomposed ("ế") or as a base letter and combining marks.
public enum TextColumns {
    /// The display width of `text` as the tables count it.
    public static func width(_ text: String) -> Int { text.count }

    /// `text` padded with spaces to `width` columns: on the right, or on the left when
    /// `rightAligned`; unchanged when it is already as wide.
    public static func padded(_ text: String, to width: Int, rightAligned: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - TextColumns.width(text)))
        return rightAligned ? pad + text : text + pad
    }

    /// `rows` as lines: each column as wide as its widest cell, cells `separator` apart, the
    /// columns for which `rightAligned` holds padded on the left, each line after `indent` spaces
    /// and without trailing spaces. A row may be shorter than the others.
    ///
    /// `paint(row, column, text)` may wrap a cell in terminal colour codes; the padding is counted
    /// on the text alone, so colours never move a column.
    public static func lines(
        _ rows: [[String]], rightAligned: (Int) -> Bool = { _ in false }, indent: Int = 0, separator: String = "  ",
        paint: ((Int, Int, String) -> String)? = nil
    ) -> [String] {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], width(cell))
            }
        }
        let lead = String(repeating: " ", count: indent)
        return rows.enumerated().map { r, row in
            var line = lead
            for (i, cell) in row.enumerated() {
                if i > 0 { line += separator }
                let right = rightAligned(i)
                let pad =
                    right || i + 1 < row.count ? String(repeating: " ", count: max(0, widths[i] - width(cell))) : ""
                let shown = paint.map { $0(r, i, cell) } ?? cell
                line += right ? pad + shown : shown + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
