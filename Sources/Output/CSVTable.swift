import _TextSupport

/// How CSV is written: for programs (`--format csv`: commas, decimal points, no BOM, exactly as
/// before) or for Excel (`--excel`, `--format csv-excel`).
///
/// Excel opens a CSV as the system's legacy code page unless it starts with a UTF-8 BOM, and
/// splits it on the list separator of the user's locale: Vietnamese Windows uses `;` and a
/// decimal comma. A text cell starting with `=`, `+`, `-` or `@` would be read as a formula, so
/// for Excel such text gets a leading apostrophe (the usual guard); numbers are never touched,
/// negative ones included.
public struct CSVStyle: Sendable, Hashable {
    public var separator: Unicode.Scalar
    public var decimalComma: Bool
    public var byteOrderMark: Bool
    public var guardsFormulas: Bool

    /// `--format csv`.
    public static let plain = CSVStyle(separator: ",", decimalComma: false, byteOrderMark: false, guardsFormulas: false)

    /// `--excel`: a BOM and formula guards; `;` and a decimal comma for Vietnamese.
    public static func excel(_ language: Language) -> CSVStyle {
        CSVStyle(
            separator: language == .vi ? ";" : ",", decimalComma: language == .vi, byteOrderMark: true,
            guardsFormulas: true)
    }

    public init(separator: Unicode.Scalar, decimalComma: Bool, byteOrderMark: Bool, guardsFormulas: Bool) {
        self.separator = separator
        self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark
        self.guardsFormulas = guardsFormulas
    }

    /// A text cell: guarded, then quoted when it holds the separator, a quote or a line break.
    func text(_ s: String) -> String {
        var s = s
        if guardsFormulas, let first = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { s = "'" + s }
        return NumberText.csvField(s, separator: separator)
    }

    /// A number written with a decimal point (`95.2644`, `-3`), in this style's decimal mark.
    func number(_ s: String) -> String {
        decimalComma ? String(s.map { $0 == "." ? "," : $0 }) : s
    }
}

/// A CSV document: a header row and rows whose cells say whether they are text or numbers, so
/// one table can be written in either style.
struct CSVTable {
    enum Cell {
        case text(String)
        /// Number text with a decimal point, as `NumberText` writes it.
        case number(String)
        case empty
    }

    var header: [String]
    var rows: [[Cell]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [Cell]) { rows.append(row) }

    func text(_ style: CSVStyle) -> String {
        let separator = String(style.separator)
        var lines = [header.map(style.text).joined(separator: separator)]
        for row in rows {
            lines.append(
                row.map { cell -> String in
                    switch cell {
                    case .text(let s): return style.text(s)
                    case .number(let s): return style.number(s)
                    case .empty: return ""
                    }
                }.joined(separator: separator))
        }
        return (style.byteOrderMark ? "\u{FEFF}" : "") + lines.joined(separator: "\n") + "\n"
    }
}

extension CSVTable.Cell {
    static func integer(_ n: Int) -> CSVTable.Cell { .number(String(n)) }

    /// A rate's percentage with four decimals by the one rule; empty without a denominator.
    static func percent(_ numerator: Int, of denominator: Int) -> CSVTable.Cell {
        NumberText.percent(numerator, of: denominator, decimals: 4).map(CSVTable.Cell.number) ?? .empty
    }

    static func optionalText(_ s: String?) -> CSVTable.Cell { s.map(CSVTable.Cell.text) ?? .empty }
}
