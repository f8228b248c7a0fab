import CivilTime
import _TextSupport

/// How a document's typed value reads as text in its language: the one place HTML and Markdown
/// turn a `DocumentValue` into words and digits. Rates go through `NumberText.percent` (two
/// decimals, truncated on the exact fraction); the digits then take the language's number style.
public enum DocumentText {
    public static func text(_ value: DocumentValue, _ language: Language) -> String {
        switch value {
        case .empty: return ""
        case .text(let s), .code(let s): return s
        case .integer(let n): return number(NumberText.grouped(n), language)
        case .rate(let n, let d):
            guard let p = NumberText.percent(n, of: d, decimals: 2) else { return notAvailable }
            return number(p, language) + "%"
        case .percent(let x, let decimals):
            guard x.isFinite else { return notAvailable }
            return number(groupedFixed(truncated(x, decimals: decimals), decimals: decimals), language) + "%"
        case .decimal(let x, let decimals):
            guard x.isFinite else { return notAvailable }
            return number(groupedFixed(x, decimals: decimals), language)
        case .date(let d): return date(d, language)
        case .timestamp(let t): return timestamp(t, language)
        case .duration(let seconds, let perDay):
            return formatWorkingDuration(seconds, perDay: perDay, language: language)
        case .flag(let b): return Labels.document(b ? "yes" : "no", language)
        }
    }

    /// A value that cannot be computed (a rate of no dossiers).
    public static let notAvailable = "–"

    /// `14/03/2026` in Vietnamese, `2026-03-14` in English.
    public static func date(_ d: CivilDate, _ language: Language) -> String {
        guard language == .vi else { return d.description }
        return dayMonth(d) + "/" + String(d.year)
    }

    /// `14/03`: a day on a chart's time axis.
    static func dayMonth(_ d: CivilDate) -> String { twoDigits(d.day) + "/" + twoDigits(d.month) }

    /// `03/2026`: a month on a chart's time axis.
    static func monthYear(_ d: CivilDate) -> String { twoDigits(d.month) + "/" + String(d.year) }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// `14/03/2026 17:00` in Vietnamese, `2026-03-14 17:00` in English: to the minute, as dues
    /// and office hours are.
    public static func timestamp(_ t: Timestamp, _ language: Language) -> String {
        date(t.date, language) + " " + t.clockText
    }

    /// `x` cut toward zero to `decimals` places, as rates are: a simulated 98.996% is 98.99%, never
    /// 99.00%. Rounded to 1e-6 of the last place first, so 99.43 stored as 99.42999... stays 99.43.
    static func truncated(_ x: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = ((abs(x) * scale * 1e6).rounded() / 1e6).rounded(.down)
        return (x < 0 ? -units : units) / scale
    }

    /// `x` with `decimals` places and grouped thousands (`1,234.50`), before the language's style.
    static func groupedFixed(_ x: Double, decimals: Int) -> String {
        let text = NumberText.fixed(x, decimals: decimals)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let point = digits.firstIndex(of: ".")
        let whole = Int(digits[..<(point ?? digits.endIndex)]) ?? 0
        let fraction = point.map { String(digits[$0...]) } ?? ""
        return (negative ? "-" : "") + NumberText.grouped(whole) + fraction
    }

    /// Number text in English style (`1,234.5`) restyled for `language`: Vietnamese swaps the
    /// separators (`1.234,5`).
    static func number(_ english: String, _ language: Language) -> String { Labels.number(english, language) }
}
