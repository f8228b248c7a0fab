/// Byte matching eight bytes at a time in a 64-bit word.
enum SWAR {
    static let quotes: UInt64 = 0x2222_2222_2222_2222
    static let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `word` equal to the byte repeated in `pattern`; exact
    /// (no false positives from borrows).
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The index of the first byte with its high bit set among sixteen bytes given as two words,
    /// `low` holding the first eight; at least one is set. (A SIMD16 compare or flag test read as
    /// `SIMD2<UInt64>`: Swift gives no lane mask.)
    @inline(__always)
    static func firstMarked(low: UInt64, high: UInt64) -> Int {
        low != 0 ? low.trailingZeroBitCount >> 3 : 8 &+ high.trailingZeroBitCount >> 3
    }
}
