import TestSupport
import Testing

@testable import Ingest

/// The SIMD quote count must equal a byte-by-byte count for any length, alignment and density,
/// including runs longer than the 255 steps after which the byte counters are summed.
@Suite struct ByteCounterTests {
    @Test func countsEqualAPlainLoop() {
        var rng = SplitMix(seed: 11)
        for trial in 0..<300 {
            let length = trial < 40 ? trial : rng.below(trial % 3 == 0 ? 20_000 : 600)
            let density = [0.0, 0.01, 0.3, 1.0][rng.below(4)]
            let bytes = (0..<length).map { _ in rng.chance(density) ? UInt8(0x22) : UInt8(rng.below(256)) }
            let offset = length > 0 ? rng.below(min(length, 17)) : 0
            let slice = Array(bytes[offset...])
            let expected = slice.reduce(0) { $0 + ($1 == 0x22 ? 1 : 0) }
            let counted = slice.withUnsafeBytes { ByteCounter.quotes($0) }
            #expect(counted == expected, "length \(slice.count), density \(density)")
        }
    }
}
