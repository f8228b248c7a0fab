@_exported import _Randomness

extension Xoshiro256StarStar {
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
