/// A small, fast, seedable generator (xoshiro256**), seeded through SplitMix64.
///
/// The generator is a value: each block of a synthetic log owns one, seeded from
/// `(seed, block index)`, so the bytes of a block never depend on which thread made it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        s0 = SeededRandom.splitMix(&sm)
        s1 = SeededRandom.splitMix(&sm)
        s2 = SeededRandom.splitMix(&sm)
        s3 = SeededRandom.splitMix(&sm)
    }

    /// A generator for stream `stream` of `seed` (for example one per block).
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SeededRandom.mix(seed, stream))
    }

    @inlinable
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stateless hash of two words: used for decisions that must be identical whatever the
    /// output format (the CSV and JSONL twins of a sample).
    @inlinable
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var state = a ^ (b &* 0xD6E8_FEB8_6659_FD93)
        return splitMix(&state)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in `0..<n` (Lemire's multiply-high; the tiny bias is irrelevant here).
    @inlinable
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `0..<n` for 64-bit spans.
    @inlinable
    public mutating func below64(_ n: Int64) -> Int64 {
        n <= 0 ? 0 : Int64(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// True with probability `p`.
    @inlinable
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// Uniform in [0, 1).
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// A discrete distribution over `0..<weights.count`, drawn by a linear scan (the tables here
/// have at most a few dozen entries).
public struct WeightedChoice: Sendable {
    @usableFromInline var cumulative: [UInt64]
    @usableFromInline var total: UInt64

    public init(_ weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 })
        let sum = weights.reduce(0, +)
        precondition(sum > 0, "at least one weight must be positive")
        var acc: Double = 0
        var cum: [UInt64] = []
        for w in weights {
            acc += w
            cum.append(UInt64(acc / sum * 1_000_000_000))
        }
        cum[cum.count - 1] = 1_000_000_000
        cumulative = cum
        total = 1_000_000_000
    }

    @inlinable
    public func draw(_ random: inout SeededRandom) -> Int {
        let r = UInt64(random.below(Int(total)))
        var i = 0
        while r >= cumulative[i] { i += 1 }
        return i
    }
}
