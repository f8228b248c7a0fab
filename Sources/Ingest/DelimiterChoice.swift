/// The field separators a CSV/TSV log may use: `,` `;` (Excel where the decimal mark is a
/// comma), tab and `|`. Without `--delimiter`, each file's header line decides (`HeaderParse`).
public enum DelimiterChoice {
    public static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]

    /// The delimiter an option names: `,` `;` `|`, `tab` or a tab itself.
    public static func byte(named text: String) -> UInt8? {
        switch text {
        case ",": return 0x2C
        case ";": return 0x3B
        case "|": return 0x7C
        case "tab", "\t", "\\t": return 0x09
        default: return nil
        }
    }

    /// How messages show a delimiter.
    static func label(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : "'" + String(UnicodeScalar(byte)) + "'"
    }
}
