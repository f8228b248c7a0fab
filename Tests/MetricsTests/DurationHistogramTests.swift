import Metrics
import TestSupport
import Testing

/// The histogram against sorting the raw values: same nearest-rank bucket, within 1.6%, for any
/// order of adds and merges, sparse or dense.
@Suite struct DurationHistogramTests {
    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func percentilesMatchSortedValues(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let count = [1, 5, 15, 17, 40, 2000][rng.below(6)]
        let spread = [10, 100, 5000, 200_000][rng.below(4)]
        let values = (0..<count).map { _ in rng.below(spread) }
        // Split into parts merged in order: every representation path is taken.
        var parts = [DurationHistogram](repeating: DurationHistogram(), count: 1 + rng.below(6))
        for (i, v) in values.enumerated() { parts[i % parts.count].add(minutes: v) }
        var merged = DurationHistogram()
        for part in parts { merged.merge(part) }
        var single = DurationHistogram()
        for v in values { single.add(minutes: v) }
        #expect(merged == single, "seed \(seed)")
        #expect(merged.total == count)
        let sorted = values.sorted()
        for q in [0.1, 0.5, 0.9, 1.0] {
            let exact = sorted[max(1, Int((q * Double(count)).rounded(.up))) - 1]
            let estimate = merged.percentile(q)!
            let bucket = DurationHistogram.bucket(ofMinutes: exact)
            #expect(
                DurationHistogram.range(ofBucket: bucket).contains(Int(estimate.rounded(.down))), "seed \(seed) q \(q)")
            #expect(abs(estimate - Double(exact)) <= max(0.5, Double(exact) * 0.016), "seed \(seed) q \(q)")
        }
    }

    @Test func bucketsTileTheMinutes() {
        var expected = 0
        for bucket in 0..<DurationHistogram.bucketCount {
            let r = DurationHistogram.range(ofBucket: bucket)
            #expect(r.lowerBound == expected)
            #expect(DurationHistogram.bucket(ofMinutes: r.lowerBound) == bucket)
            #expect(DurationHistogram.bucket(ofMinutes: r.upperBound) == bucket)
            expected = r.upperBound + 1
            if expected >= 1 << 24 { break }
        }
    }

    /// The bucket, computed without a branch on the value, against the rule written out: the
    /// value itself below 64, else 32 buckets per doubling; negative values count as 0 and
    /// values past 2^24 - 1 as 2^24 - 1. Every value up to 2^17, and seeded ones past it.
    @Test func bucketAgreesWithTheRuleWrittenOut() {
        func obvious(_ value: Int) -> Int {
            let v = min(max(value, 0), (1 << 24) - 1)
            if v < 64 { return v }
            var exponent = 0
            while v >> (exponent + 6) > 0 { exponent += 1 }
            return 32 * exponent + (v >> exponent)
        }
        for v in -100..<(1 << 17) where DurationHistogram.bucket(ofMinutes: v) != obvious(v) {
            Issue.record("minutes \(v): \(DurationHistogram.bucket(ofMinutes: v)) != \(obvious(v))")
            return
        }
        var rng = SplitMix(seed: 11)
        for _ in 0..<100_000 {
            let v = rng.below(1 << 26) - (1 << 10)
            #expect(DurationHistogram.bucket(ofMinutes: v) == obvious(v), "minutes \(v)")
        }
        #expect(DurationHistogram.bucket(ofMinutes: Int.max) == obvious(Int.max))
        #expect(DurationHistogram.bucket(ofMinutes: Int.min) == 0)
    }
}
