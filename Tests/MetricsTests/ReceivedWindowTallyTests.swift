import CivilTime
import TestSupport
import Testing

@testable import Engine

/// The tally every consumer keeps of what its received window leaves out, against a count by
/// the rule of `ReceivedWindow` written out, on seeded random instants around the bounds; and
/// merged tallies add up.
@Suite struct ReceivedWindowTallyTests {
    @Test(arguments: [UInt64(1), 2])
    func countsWhatTheWindowLeavesOut(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let from: Int64 = 1_000_000, before: Int64 = 2_000_000, asOf: Int64 = 1_500_000
        let windows: [(ReceivedWindow, hasDates: Bool, asOf: Int64)] = [
            (ReceivedWindow(from: nil, before: nil), false, Int64.max),
            (ReceivedWindow(from: nil, before: nil, asOf: Timestamp(seconds: asOf)), false, asOf),
            (
                ReceivedWindow(
                    from: Timestamp(seconds: from), before: Timestamp(seconds: before), asOf: Timestamp(seconds: asOf)),
                true, asOf
            ),
        ]
        for (window, hasDates, windowAsOf) in windows {
            var halves = [ReceivedWindowTally(), ReceivedWindowTally()]
            var outside = 0, after = 0
            for i in 0..<2_000 {
                let received: Timestamp? =
                    Int.random(in: 0..<10, using: &rng) == 0
                    ? nil : Timestamp(seconds: Int64.random(in: 500_000..<2_500_000, using: &rng))
                let admitted = halves[i % 2].admits(received, in: window)
                let lo = hasDates ? from : Int64.min, hi = hasDates ? before : Int64.max
                let expected: String
                if let s = received?.seconds {
                    expected = s < lo || s >= hi ? "outside" : s > windowAsOf ? "after" : "kept"
                } else {
                    expected = hasDates ? "outside" : "kept"
                }
                switch expected {
                case "outside": outside += 1
                case "after": after += 1
                default: break
                }
                #expect(admitted == (expected == "kept"), "seed \(seed): \(String(describing: received))")
            }
            var total = halves[0]
            total.merge(halves[1])
            #expect(total.outsideSelection == outside, "seed \(seed)")
            #expect(total.afterAsOf == after, "seed \(seed)")
        }
    }
}
