import _Randomness

/// A small, fast, seedable generator (xoshiro256**), seeded through SplitMix64.
///
/// The generator is a value: each block of a synthetic log owns one, seeded from
/// `(seed, block index)`, so the bytes of a block never depend on which thread made it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var core: Xoshiro256StarStar

    public init(seed: UInt64) { core = Xoshiro256StarStar(seed: seed) }

    /// A generator for stream `stream` of `seed` (for example one per block).
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SeededRandom.mix(seed, stream))
    }

    /// A stateless hash of two words: used for decisions that must be identical whatever the
    /// output format (the CSV and JSONL twins of a sample).
    @inlinable
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: a ^ (b &* 0xD6E8_FEB8_6659_FD93))
        return mixer.next()
    }

    @inlinable
    public mutating func next() -> UInt64 { core.next() }

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
