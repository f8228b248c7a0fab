import _TextSupport

/// Deterministic number text (no locale, no Foundation formatters).
public enum NumberText {
    /// `value` rounded to `decimals` places, e.g. 99.5 -> "99.50".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        let whole = Int(scaled / scale)
        var frac = Int(scaled - Double(whole) * scale)
        var digits = ""
        for _ in 0..<decimals {
            digits = String(frac % 10) + digits
            frac /= 10
        }
        return (negative ? "-" : "") + String(whole) + (decimals > 0 ? "." + digits : "")
    }

    /// Thousands grouped with commas: 1240 -> "1,240".
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A JSON string literal.
    public static func jsonString(_ text: String) -> String { JSONText.quoted(text) }

    /// A CSV field, quoted when needed.
    public static func csvField(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
