import Foundation

/// Deterministic number text (no locale; `String(format:)` only with the C locale's "%f").
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

    /// `numerator / denominator` as a percentage with `decimals` places, truncated toward zero
    /// on the exact fraction; nil when the denominator is 0.
    ///
    /// This is the one rule every output shows a rate by. Truncation never shows a value that
    /// looks like it meets a target the exact fraction misses: 24,749 of 25,000 is 98.996%, shown
    /// as 98.99, never as 99.00. The integers are divided exactly: a `Double` would land some
    /// fractions just above a boundary.
    public static func percent(_ numerator: Int, of denominator: Int, decimals: Int) -> String? {
        guard denominator != 0 else { return nil }
        var scale: UInt = 1
        for _ in 0..<decimals { scale *= 10 }
        let negative = (numerator < 0) != (denominator < 0)
        // The exact quotient through a double-width product; only a quotient beyond 64 bits
        // (a rate above 10^13 percent) goes through Double.
        let product = numerator.magnitude.multipliedFullWidth(by: 100 * scale)
        let divisor = denominator.magnitude
        let units: UInt
        if product.high < divisor {
            units = divisor.dividingFullWidth(product).quotient
        } else {
            units = UInt((Double(numerator.magnitude) * 100 * Double(scale) / Double(divisor)).rounded(.down))
        }
        let sign = negative && units > 0 ? "-" : ""
        let whole = String(units / scale)
        guard decimals > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A rate as the terminal and documents print it: two decimals by `percent`'s rule and a
    /// percent sign (`98.99%`); `n/a` when the denominator is 0.
    public static func percentText(_ numerator: Int, of denominator: Int) -> String {
        percent(numerator, of: denominator, decimals: 2).map { $0 + "%" } ?? "n/a"
    }

    /// A percentage held as a number (a simulated mean of rates) by the same rule: two decimals,
    /// truncated toward zero, and a percent sign (98.999 -> `98.99%`); `n/a` when not finite.
    public static func percentText(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let hundredths = (value * 100).rounded(.towardZero)
        return fixed(hundredths / 100, decimals: 2) + "%"
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

    /// `value` with at most `maxDecimals` decimals, rounded on its exact binary value, trailing
    /// zeros and a bare point removed: 97.56099 -> "97.561", 100.0 -> "100", -0.00001 -> "0";
    /// "-" when it is not finite.
    public static func trimmed(_ value: Double, maxDecimals: Int = 4) -> String {
        guard value.isFinite else { return "-" }
        var text = String(format: "%.\(maxDecimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A simulation figure for a table: integral values as integers, others with one decimal
    /// from 100 up and four below (`2988.3`, `95.4601`); "-" when it is not finite.
    public static func figure(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded() && abs(value) < 1e12 { return String(Int64(value)) }
        return String(format: abs(value) >= 100 ? "%.1f" : "%.4f", value)
    }

    /// A CSV field, quoted (RFC 4180) when it holds the separator (a comma unless told), a quote or
    /// a line break.
    ///
    /// Scans scalars, not `Character`s: CRLF is a single `Character` equal to neither "\r" nor
    /// "\n", and a quote or comma followed by a combining mark is one `Character` too.
    public static func csvField(_ text: String, separator: Unicode.Scalar = ",") -> String {
        guard text.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else {
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
