import CivilTime
import Metrics

/// One typed value of a document: text, a count, a rate as its exact fraction, a date, a time, a
/// duration. Renderers decide how it looks (`DocumentText` for HTML and Markdown, number cells in
/// xlsx); nothing here is pre-formatted, so no renderer rounds a rate a second way.
public enum DocumentValue: Sendable, Hashable {
    case empty
    /// Text from the log or the document's own words; data, never markup.
    case text(String)
    /// An identifier (`MaHoSo`, `MaTTHC`): text a renderer may set in a fixed-width face and
    /// must never turn into a number or a formula.
    case code(String)
    case integer(Int)
    /// A rate as its exact fraction, shown by `NumberText.percent`'s rule (two decimals,
    /// truncated); `n/a` when the denominator is 0.
    case rate(numerator: Int, denominator: Int)
    /// A percentage that is not an exact fraction (a simulated mean, a confidence bound), already
    /// in percent (`95.4601`): shown with `decimals` places, cut toward zero like a rate.
    case percent(Double, decimals: Int)
    /// A measured quantity (working days, points, a simulated figure) with `decimals` places.
    case decimal(Double, decimals: Int)
    case date(CivilDate)
    /// A Vietnam-time instant.
    case timestamp(Timestamp)
    /// Working time in seconds on a clock of `secondsPerDay` working seconds a day (`2d 3h20m`).
    case duration(seconds: Int64, secondsPerDay: Int64)
    /// Yes or no (an apology letter recorded, a difference significant).
    case flag(Bool)
}

/// A value with the tone it is shown in.
public struct DocumentCell: Sendable, Hashable {
    public var value: DocumentValue
    public var tone: DocumentTone

    public init(_ value: DocumentValue, tone: DocumentTone = .neutral) {
        self.value = value
        self.tone = tone
    }

    public static let empty = DocumentCell(.empty)
    public static func text(_ s: String, tone: DocumentTone = .neutral) -> DocumentCell { .init(.text(s), tone: tone) }
    public static func code(_ s: String) -> DocumentCell { .init(.code(s)) }
    public static func integer(_ n: Int, tone: DocumentTone = .neutral) -> DocumentCell {
        .init(.integer(n), tone: tone)
    }
    public static func rate(_ rate: Rate, tone: DocumentTone = .neutral) -> DocumentCell {
        .init(.rate(numerator: rate.numerator, denominator: rate.denominator), tone: tone)
    }
    public static func rate(_ numerator: Int, of denominator: Int, tone: DocumentTone = .neutral) -> DocumentCell {
        .init(.rate(numerator: numerator, denominator: denominator), tone: tone)
    }
    public static func decimal(_ x: Double, decimals: Int) -> DocumentCell { .init(.decimal(x, decimals: decimals)) }
    public static func date(_ d: CivilDate) -> DocumentCell { .init(.date(d)) }
    public static func timestamp(_ t: Timestamp?) -> DocumentCell { t.map { .init(.timestamp($0)) } ?? .empty }
    public static func duration(_ seconds: Int64, perDay: Int64, tone: DocumentTone = .neutral) -> DocumentCell {
        .init(.duration(seconds: seconds, secondsPerDay: perDay), tone: tone)
    }
    public static func flag(_ b: Bool, tone: DocumentTone = .neutral) -> DocumentCell { .init(.flag(b), tone: tone) }

    /// Whether the value is a number (right-aligned in tables, a number cell in xlsx).
    public var isNumeric: Bool {
        switch value {
        case .integer, .rate, .percent, .decimal, .duration: return true
        case .empty, .text, .code, .date, .timestamp, .flag: return false
        }
    }
}
