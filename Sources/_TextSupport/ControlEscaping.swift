extension String {
    /// This text with every control character spelled as an escape (`\t`, `\r`, `\n`, `\0`,
    /// `\x1B`, `\u{85}`), so that an error message stays one visible line and cannot move the
    /// cursor or clear the terminal it is printed on. Text without control characters comes
    /// back unchanged.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            guard scalar.isControl else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00: out += "\\0"
            case 0..<0x80: out += "\\x" + Self.hexByte(UInt8(scalar.value))
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Two upper-case hex digits.
    public static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and the C1 controls (Unicode general category Cc).
    fileprivate var isControl: Bool { value < 0x20 || (value >= 0x7F && value < 0xA0) }
}
