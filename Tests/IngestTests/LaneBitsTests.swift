import TestSupport
import Testing

@testable import Ingest

/// The lane mask must hold lane i's high bit in bit i, for the instruction and for the
/// portable multiply alike, on every byte value in every lane.
@Suite struct LaneBitsTests {
    /// Lane i's high bit at bit i, one lane at a time.
    private func laneByLane(_ v: SIMD16<UInt8>) -> UInt32 {
        (0..<16).reduce(UInt32(0)) { $0 | (v[$1] >= 0x80 ? 1 << UInt32($1) : 0) }
    }

    @Test func everyByteValueInEveryLane() {
        for lane in 0..<16 {
            for value in 0...255 {
                var v = SIMD16<UInt8>(repeating: 0x41)
                v[lane] = UInt8(value)
                let expected: UInt32 = value >= 0x80 ? 1 << UInt32(lane) : 0
                #expect(LaneBits.highBits(v) == expected, "lane \(lane), value \(value)")
                #expect(LaneBits.portableHighBits(v) == expected, "lane \(lane), value \(value)")
            }
        }
    }

    @Test func randomVectorsAndCompares() {
        var rng = SplitMix(seed: 16)
        for _ in 0..<5_000 {
            var v = SIMD16<UInt8>()
            for i in 0..<16 { v[i] = rng.chance(0.3) ? 0x2C : UInt8(rng.below(256)) }
            #expect(LaneBits.highBits(v) == laneByLane(v))
            #expect(LaneBits.portableHighBits(v) == laneByLane(v))
            let commas = (0..<16).reduce(UInt32(0)) { $0 | (v[$1] == 0x2C ? 1 << UInt32($1) : 0) }
            #expect(LaneBits.of(v .== SIMD16(repeating: 0x2C)) == commas)
        }
    }
}
