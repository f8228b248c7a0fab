/// SplitMix64: a 64-bit generator used only to expand seeds into xoshiro states and to derive
/// independent stream seeds (Steele, Lea, Flood 2014).
@usableFromInline
struct SplitMix64 {
    @usableFromInline var state: UInt64

    @inlinable init(seed: UInt64) { state = seed }

    @inlinable mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman and Vigna 2018): fast, 256-bit state, passes BigCrush.
///
/// The simulator never uses the system generator: every random number comes from a stream
/// derived from (seed, replication, purpose), so a run is a pure function of its seed.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is expanded from `seed` by SplitMix64 (never all zero).
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The generator of one random purpose in one replication of a run seeded with `seed`.
    ///
    /// Streams with different (replication, purpose) are seeded through a chain of SplitMix64
    /// mixes, so they are statistically independent; the same triple always gives the same
    /// stream, which is what common random numbers need.
    public init(seed: UInt64, replication: Int, purpose: UInt64) {
        var mixer = SplitMix64(seed: seed)
        let a = mixer.next()
        var m2 = SplitMix64(seed: a ^ (UInt64(truncatingIfNeeded: replication) &* 0xD1B5_4A32_D192_ED03))
        let b = m2.next()
        var m3 = SplitMix64(seed: b ^ (purpose &* 0x8CB9_2BA7_2F3D_8DD7))
        self.init(seed: m3.next())
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }
}

/// A stable 64-bit name hash (FNV-1a), used to derive a stream's purpose from a name so that
/// adding a procedure or pool to a scenario does not shift the streams of the others.
public func streamPurpose(_ name: String, _ salt: UInt64 = 0) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ salt
    for byte in name.utf8 {
        h ^= UInt64(byte)
        h &*= 0x0000_0100_0000_01B3
    }
    var m = SplitMix64(seed: h)
    return m.next()
}
