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

    /// `numerator / denominator` as a percentage with `decimals` places, rounded on the exact
    /// fraction, halves away from zero; nil when the denominator is 0.
    ///
    /// Going through `Double` would round some exact halves down: 29/20,000 is 0.145%, but the
    /// nearest `Double` to it is just below, so `fixed` would print 0.14 where 1/32 = 3.125% prints
    /// 3.13. Counts too large for the integer product fall back to `fixed`.
    public static func percent(_ numerator: Int, of denominator: Int, decimals: Int) -> String? {
        guard denominator != 0 else { return nil }
        var scale: UInt = 1
        for _ in 0..<decimals { scale *= 10 }
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: 100 * scale)
        guard !overflow else { return fixed(Double(numerator) * 100 / Double(denominator), decimals: decimals) }
        let divisor = denominator.magnitude
        var units = scaled / divisor
        let remainder = scaled % divisor
        if remainder >= divisor - remainder { units += 1 }
        let negative = (numerator < 0) != (denominator < 0) && units > 0
        let whole = String(units / scale)
        guard decimals > 0 else { return (negative ? "-" : "") + whole }
        let fraction = String(units % scale)
        return (negative ? "-" : "") + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
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

    /// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
    ///
    /// Scans scalars, not `Character`s: CRLF is a single `Character` equal to neither "\r" nor
    /// "\n", and a quote or comma followed by a combining mark is one `Character` too.
    public static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append(scalar) }
            out.unicodeScalars.append(scalar)
        }
        out.unicodeScalars.append("\"")
        return out
    }
}
