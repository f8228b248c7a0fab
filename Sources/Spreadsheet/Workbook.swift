import CivilTime
import _TextSupport

/// A workbook as the documents fill it: named sheets, each a header row and rows of typed cells.
/// `xlsxBytes` writes it as Office Open XML (ECMA-376) through our own zip container.
public struct Workbook: Sendable {
    public var sheets: [Sheet] = []

    public init(sheets: [Sheet] = []) { self.sheets = sheets }
}

/// One sheet: a header row (bold, frozen while scrolling) and data rows.
public struct Sheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[Cell]]

    public init(name: String, header: [String], rows: [[Cell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// A typed cell. Text is always a string cell, never a formula, whatever it starts with (`=`,
/// `+`, `-`, `@`); numbers are number cells, negative ones too.
public enum Cell: Sendable, Hashable {
    case empty
    case text(String)
    case integer(Int)
    /// An exact decimal as text (`"0.557"`), shown with `decimals` places.
    case decimal(String, decimals: Int)
    /// A percentage as the one display rule shows it (`"95.26"` for 95.26%), stored as the
    /// fraction it names (0.9526) and shown as `95.26%`.
    case percent(String)
    /// A date cell: the day's serial number with a date format.
    case date(CivilDate)
    /// A date-and-time cell (Vietnam time, as every timestamp of the tool).
    case dateTime(Timestamp)
    /// A length of time in seconds, stored as a fraction of a day and shown as hours and minutes
    /// (`[h]:mm`: 19:20 for 19 hours 20 minutes, however many days that is).
    case duration(seconds: Int64)

    /// `numerator / denominator` by the one rate rule (truncated to two decimals of a percent);
    /// empty when the denominator is 0.
    public static func rate(_ numerator: Int, of denominator: Int) -> Cell {
        NumberText.percent(numerator, of: denominator, decimals: 2).map(Cell.percent) ?? .empty
    }

    /// A double as a decimal cell rounded to `decimals` places; empty when not finite.
    public static func number(_ value: Double, decimals: Int) -> Cell {
        value.isFinite ? .decimal(NumberText.fixed(value, decimals: decimals), decimals: decimals) : .empty
    }

    /// The text a reader sees in the cell, for column widths.
    var displayText: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .integer(let n): return NumberText.grouped(n)
        case .decimal(let s, _): return s
        case .percent(let s): return s + "%"
        case .date: return "2026-01-01"
        case .dateTime: return "2026-01-01 00:00:00"
        case .duration(let s): return "\(s / 3600):00"
        }
    }
}
