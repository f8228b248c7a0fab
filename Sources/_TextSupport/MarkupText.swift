/// Text made safe inside markup (HTML, SVG, the XML of a workbook), as text or as an attribute
/// value: the one escaper. Every character that could start markup or end an attribute becomes
/// an entity, so a unit named `<script>` or `" onload=` shows as those characters; a carriage
/// return becomes `&#13;` (a parser would read a literal one as a line feed); control characters
/// and the noncharacters U+FFFE and U+FFFF, which neither HTML nor XML 1.0 allows, become U+FFFD.
public enum MarkupText {
    public static func escaped(_ text: String) -> String {
        // Most text (numbers, labels) has nothing to escape. 0xEF leads the UTF-8 of U+E000-U+FFFF,
        // where the two noncharacters are.
        guard
            text.utf8.contains(where: {
                $0 < 0x20 || $0 == 0x7F || $0 == 0xEF || $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39
            })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "&#13;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}":
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension MarkupText {
    /// Appends the UTF-8 text `bytes` escaped by `escaped(_:)`, for writers that stream bytes:
    /// text with nothing to escape (the usual id or name) is copied as is, without a `String`.
    public static func append(escaping bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        if !bytes.contains(where: {
            $0 < 0x20 || $0 == 0x7F || $0 == 0xEF || $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39
        }) {
            out.append(contentsOf: bytes)
            return
        }
        out.append(contentsOf: escaped(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}
