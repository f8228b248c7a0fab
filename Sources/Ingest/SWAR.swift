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

    /// `0` and then `delimiter`, in each two-byte pair of a word: `digitPairs`' pattern.
    static func digitPairPattern(delimiter: UInt8) -> UInt64 {
        (0x30 | UInt64(delimiter) << 8) &* 0x0001_0001_0001_0001
    }

    /// `word` read as four pairs of a digit and then the delimiter (`pattern`, from
    /// `digitPairPattern`): each digit's value in the low byte of its pair, and `faults` nonzero
    /// in each byte that breaks the shape (a digit byte that is not 0-9, a delimiter byte that
    /// is not the delimiter).
    @inline(__always)
    static func digitPairs(_ word: UInt64, _ pattern: UInt64) -> (values: UInt64, faults: UInt64) {
        let values = word ^ pattern
        // A digit byte is 0-15 here when its high nibble was 3; adding 6 then sets bit 4 above 9
        // (no carry leaves the byte: it is at most 21).
        let faults = (values & 0xFFF0_FFF0_FFF0_FFF0) | ((values &+ 0x0006_0006_0006_0006) & 0x0010_0010_0010_0010)
        return (values, faults)
    }
}
