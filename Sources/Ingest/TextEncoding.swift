import CSystem

/// The character encoding of a log that is not UTF-8, read through the system's iconv (glibc).
///
/// Vietnamese exports from older systems use Windows-1258 (`cp1258`, glibc's `CP1258`) or TCVN3,
/// the 8-bit table of the ABC fonts from TCVN 5712:1993 (`tcvn3`, glibc's `TCVN5712-1`). Any
/// other name iconv knows works too (`utf-16le`, `viscii`, `latin1`, ...).
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// The name iconv knows the encoding by.
    public let iconvName: String
    /// The name as given, for messages.
    public let name: String

    /// UTF-16 and UTF-32, as a byte-order mark announces them.
    static let utf16LittleEndian = TextEncoding(iconvName: "UTF-16LE", name: "UTF-16LE")
    static let utf16BigEndian = TextEncoding(iconvName: "UTF-16BE", name: "UTF-16BE")
    static let utf32LittleEndian = TextEncoding(iconvName: "UTF-32LE", name: "UTF-32LE")
    static let utf32BigEndian = TextEncoding(iconvName: "UTF-32BE", name: "UTF-32BE")

    private init(iconvName: String, name: String) {
        self.iconvName = iconvName
        self.name = name
    }

    /// The encoding called `name` (any case; `cp1258`, `windows-1258`, `tcvn3`, or an iconv
    /// name). Check `isKnown` before reading with it, and `isUTF8(name)` first: UTF-8 needs no
    /// conversion.
    public init(named name: String) {
        switch Self.key(name) {
        case "cp1258", "windows1258": iconvName = "CP1258"
        case "tcvn3", "tcvn", "tcvn5712", "tcvn57121": iconvName = "TCVN5712-1"
        default: iconvName = name.uppercased()
        }
        self.name = name
    }

    /// A name without case, dashes or underscores.
    private static func key(_ name: String) -> String { name.lowercased().filter { $0 != "-" && $0 != "_" } }

    /// Whether UTF-8 (`utf-8`, `utf8`) is meant: read as is.
    public static func isUTF8(_ name: String) -> Bool {
        key(name) == "utf8"
    }

    /// Whether the system's iconv can convert this encoding to UTF-8.
    public var isKnown: Bool {
        let descriptor = iconv_open("UTF-8", iconvName)
        guard descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    public var description: String { name }
}
