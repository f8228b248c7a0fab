@_exported import _Randomness

/// The tests' seeded generator: the project's SplitMix64, with a few conveniences.
public typealias SplitMix = SplitMix64

extension SplitMix64 {
    /// A value in 0..<bound.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
