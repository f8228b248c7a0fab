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

    /// Whether every byte is below 0x80.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool { isASCII(folded: foldedBytes(bytes)) }

    /// Whether every byte folded into `folded` (`foldedBytes`, several values ORed) is below
    /// 0x80: one lane mask (`LaneBits`).
    @inline(__always)
    static func isASCII(folded: SIMD16<UInt8>) -> Bool { LaneBits.highBits(folded) == 0 }

    /// The bytes ORed together into sixteen lanes, in overlapping loads of 16, 8, 4, 2 or 1 bytes
    /// (each byte lands in some lane): the value is ASCII exactly when no lane's top bit is set
    /// (`isASCII(folded:)`). Several values fold into one test by ORing their lanes. Values of
    /// up to 32 bytes (ids, codes) take two loads and no loop.
    @inline(__always)
    static func foldedBytes(_ bytes: UnsafeRawBufferPointer) -> SIMD16<UInt8> {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return SIMD16() }
        if n >= 16 {
            var seen =
                base.loadUnaligned(as: SIMD16<UInt8>.self)
                | base.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
            var i = 16
            while i < n &- 16 {
                seen |= base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                i &+= 16
            }
            return seen
        }
        if n >= 8 {
            // Two loads of eight bytes, at 0 and n - 8.
            let word =
                base.loadUnaligned(as: UInt64.self) | base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            return unsafeBitCast(SIMD2<UInt64>(word, 0), to: SIMD16<UInt8>.self)
        }
        let word: UInt32
        if n >= 4 {
            word = base.loadUnaligned(as: UInt32.self) | base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        } else if n >= 2 {
            word = UInt32(
                base.loadUnaligned(as: UInt16.self) | base.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self))
        } else {
            word = n == 0 ? 0 : UInt32(base.load(as: UInt8.self))
        }
        return unsafeBitCast(SIMD4<UInt32>(word, 0, 0, 0), to: SIMD16<UInt8>.self)
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
