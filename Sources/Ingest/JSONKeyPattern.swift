/// The bytes `"name":` of an object key (or `,"name":`, a key after another member), kept as
/// words so that a line's key can be recognised in two to four word compares. A match proves all
/// that `JSONSyntax.key` checks, with no spaces around the key: the quotes, a name of plain ASCII
/// (no escape, no control byte) and the ':' after it; and, with the comma, that a member ended.
struct JSONKeyPattern {
    /// The pattern's bytes (quotes and ':' included); 0 for a key that has no pattern.
    let length: Int
    /// The words at 0, 8, 16 and `length - 8`; for a pattern under 8 bytes, the first word
    /// holds it in its low bytes and `mask` keeps those.
    private let first: UInt64
    private let second: UInt64
    private let third: UInt64
    private let last: UInt64
    private let mask: UInt64

    /// The longest pattern: the names the parser reads are at most 22 letters.
    static let maxLength = 32

    /// A pattern for `name` (after a ',' when `afterComma`), or one that never matches when the
    /// name is too long or holds a '"', a '\', a control byte or non-ASCII (those keys go the
    /// general way).
    init(name: some Collection<UInt8>, afterComma: Bool = false) {
        let bytes = (afterComma ? [UInt8(ascii: ","), 0x22] : [0x22]) + Array(name) + [0x22, UInt8(ascii: ":")]
        let plain = name.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
        guard plain, bytes.count <= Self.maxLength else {
            length = 0
            (first, second, third, last, mask) = (0, 0, 0, 0, 0)
            return
        }
        length = bytes.count
        func word(at offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<8 where offset + k < bytes.count && offset + k >= 0 {
                value |= UInt64(bytes[offset + k]) << (8 * UInt64(k))
            }
            return value
        }
        first = word(at: 0)
        second = word(at: 8)
        third = word(at: 16)
        last = word(at: bytes.count - 8)
        mask = bytes.count >= 8 ? ~0 : (1 << (8 * UInt64(bytes.count))) - 1
    }

    /// Whether the bytes at `p` are the pattern. Reads at most `max(length, 8)` bytes from `p`,
    /// and none past `end`.
    @inline(__always)
    func matches(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> Bool {
        let n = length
        guard n > 0, p &+ max(n, 8) <= end else { return false }
        let raw = UnsafeRawPointer(base + p)
        if n < 8 { return (raw.loadUnaligned(as: UInt64.self) ^ first) & mask == 0 }
        var diff =
            (raw.loadUnaligned(as: UInt64.self) ^ first)
            | (raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) ^ last)
        if n > 16 { diff |= raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ second }
        if n > 24 { diff |= raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) ^ third }
        return diff == 0
    }
}
