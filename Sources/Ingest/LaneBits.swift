#if arch(x86_64)
    // The compiler's own SSE2 header module (clang's resource headers, shipped with the toolchain):
    // nothing is linked, and no C code of the project's is compiled.
    import _Builtin_intrinsics.intel
#endif

/// The high bit of each of sixteen bytes as one 16-bit mask, lane 0 in bit 0: what `pmovmskb`
/// gives. Swift's SIMD types give no lane mask, so a scan otherwise reads a compare as two words
/// and finds a lane by trailing zeros divided by eight; with the mask, `trailingZeroBitCount`
/// is the lane, and masks of neighbouring blocks join by shifts.
enum LaneBits {
    /// The high bit of each byte of `v`, lane i in bit i.
    @inline(__always)
    static func highBits(_ v: SIMD16<UInt8>) -> UInt32 {
        #if arch(x86_64)
            return UInt32(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(v, to: __m128i.self)))
        #else
            return portableHighBits(v)
        #endif
    }

    /// The lanes of a byte compare, lane i in bit i.
    @inline(__always)
    static func of(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt32 {
        highBits(unsafeBitCast(mask, to: SIMD16<UInt8>.self))
    }

    /// `highBits` without the instruction, for other processors (and the test that compares
    /// the two on x86_64): each word's high bits moved to one byte by a multiply. The
    /// multiplier's byte j holds 2^(7-j), so lane i's bit meets byte 7-i at bit 56+i and no
    /// two products share a bit (no carries).
    @inline(__always)
    static func portableHighBits(_ v: SIMD16<UInt8>) -> UInt32 {
        let words = unsafeBitCast(v, to: SIMD2<UInt64>.self)
        let gather: UInt64 = 0x0102_0408_1020_4080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = (((words[0] >> 7) & ones) &* gather) >> 56
        let high = (((words[1] >> 7) & ones) &* gather) >> 56
        return UInt32(truncatingIfNeeded: low | high << 8)
    }
}
