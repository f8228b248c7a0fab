import Foundation

/// Unicode normalization form C (canonical composition), the one form text keys are compared
/// in: "Hà Nội" typed with combining marks (NFD, as macOS file names and some Windows-1258
/// exports hold it) and precomposed become the same bytes.
public enum CanonicalText {
    /// The NFC form of the UTF-8 text `bytes`. ASCII text is already NFC and comes back as is.
    public static func nfc(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        if !bytes.contains(where: { $0 >= 0x80 }) { return Array(bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Whether the UTF-8 text `bytes` may change under NFC: only text with a non-ASCII byte can.
    @inline(__always)
    public static func mayChange(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains(where: { $0 >= 0x80 })
    }
}
