import Foundation

/// Unicode normalization form C (canonical composition), the one form text keys are compared
/// in: "Hà Nội" typed with combining marks (NFD, as macOS file names and some Windows-1258
/// exports hold it) and precomposed become the same bytes.
public enum CanonicalText {
    /// The NFC form of the UTF-8 text `bytes`. Text that `mayChange` clears comes back as is.
    public static func nfc(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        if !mayChange(bytes) { return Array(bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Whether the UTF-8 text `bytes` may change under NFC. It cannot when every code point is
    /// ASCII or lies in a block whose characters are all their own NFC and never compose with
    /// the character before them (Unicode's NFC_Quick_Check = Yes, combining class 0): Latin-1
    /// Supplement from U+00A0, Latin Extended-A and -B (to U+024F), Latin Extended Additional
    /// (U+1E00-U+1EFF, Vietnamese precomposed letters) and General Punctuation from U+2010.
    /// That is nearly all Vietnamese text in its usual precomposed form, which so skips
    /// Foundation's normalization (some 25,000 instructions a name, paid for each unit of each
    /// batch's consumers when they merge). A combining mark or any other script says "may".
    public static func mayChange(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // U+00A0-U+024F: C2 A0 through C9 8F.
            if lead >= 0xC2 && lead <= 0xC9 && i + 1 < n {
                let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                guard bytes[i + 1] & 0xC0 == 0x80, scalar >= 0xA0, scalar <= 0x24F else { return true }
                i += 2
                continue
            }
            guard i + 2 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return true }
            let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
            guard lead & 0xF0 == 0xE0, (0x1E00...0x1EFF).contains(scalar) || (0x2010...0x206F).contains(scalar)
            else { return true }
            i += 3
        }
        return false
    }
}
