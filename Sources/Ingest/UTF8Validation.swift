/// Checks bytes against the well-formed UTF-8 sequences of the Unicode Standard (chapter 3,
/// table 3-7, the same set as RFC 3629): no overlong forms, no surrogates, nothing past
/// U+10FFFF, no lone continuation byte, no sequence cut short.
enum UTF8Validation {
    /// The offset of the first byte that starts no well-formed sequence, nil when all are.
    ///
    /// ASCII text (nearly every code and id) is passed eight bytes a step; only a word with a
    /// high bit set goes to the byte-by-byte check.
    @inline(__always)
    static func firstInvalid(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n, base.load(fromByteOffset: i, as: UInt8.self) < 0x80 { i += 1 }
        return i == n ? nil : firstInvalid(base, from: i, count: n)
    }

    /// Whether every byte is below 0x80, in a few word tests (overlapping loads for the ends).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        if n >= 8 {
            let last = n &- 8
            if (base.loadUnaligned(as: UInt64.self) | base.loadUnaligned(fromByteOffset: last, as: UInt64.self))
                & highBits != 0
            {
                return false
            }
            var i = 8
            while i < last {
                if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits != 0 { return false }
                i &+= 8
            }
            return true
        }
        if n >= 4 {
            let seen = base.loadUnaligned(as: UInt32.self) | base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            return seen & 0x8080_8080 == 0
        }
        if n >= 2 {
            let seen = base.loadUnaligned(as: UInt16.self) | base.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
            return seen & 0x8080 == 0
        }
        return n == 0 || base.load(as: UInt8.self) < 0x80
    }

    /// The byte-by-byte check from `start`.
    private static func firstInvalid(_ base: UnsafeRawPointer, from start: Int, count n: Int) -> Int? {
        var i = start
        while i < n {
            if base.load(fromByteOffset: i, as: UInt8.self) < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(base, at: i, end: n) else { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed sequence whose lead byte (0x80 or above) is at `p`, nil
    /// when the bytes from `p` (up to `end`) start none.
    @inline(__always)
    static func sequenceLength(_ base: UnsafeRawPointer, at p: Int, end: Int) -> Int? {
        let lead = base.load(fromByteOffset: p, as: UInt8.self)
        // The bytes a lead takes, and the range its second byte must fall in.
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard p + length <= end else { return nil }
        let second = base.load(fromByteOffset: p + 1, as: UInt8.self)
        guard second >= low && second <= high else { return nil }
        var k = 2
        while k < length {
            guard base.load(fromByteOffset: p + k, as: UInt8.self) & 0xC0 == 0x80 else { return nil }
            k += 1
        }
        return length
    }
}
