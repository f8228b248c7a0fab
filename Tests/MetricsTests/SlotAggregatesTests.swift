import CivilTime
import Records
import TestSupport
import Testing
import WorkingTime

@testable import Engine
@testable import Metrics

/// `SlotAggregates` (a group's counts and processing-time counters in the accumulator's own
/// memory, the counters moved out of the histogram once it turns dense) against an array of
/// `KPIAggregate` filled the plain way, on seeded random dossiers, groups and processing times:
/// small groups stay sparse, large ones turn dense, and some turn dense part way.
@Suite struct SlotAggregatesTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func slotsAgreeWithPlainAggregates(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let slotCount = 1 + rng.below(40)
        let slots = SlotAggregates()
        var plain: [KPIAggregate] = []
        for _ in 0..<slotCount {
            #expect(slots.append() == plain.count)
            plain.append(KPIAggregate())
        }
        // Skewed: a few groups get most of the records, so every representation is reached.
        let spread = [10, 70, 5_000, 300_000][rng.below(4)]
        for i in 0..<20_000 {
            let slot = min(slotCount - 1, rng.below(slotCount) * rng.below(slotCount) / slotCount)
            var record = BranchFreeCountsTests.randomRecord(&rng)
            let terms = BranchFreeCountsTests.randomTerms(&rng)
            let classification =
                rng.below(4) == 0
                ? nil
                : Classification(
                    progress: BranchFreeCountsTests.progressClasses.randomElement(using: &rng)!, effectiveDue: nil,
                    processingWorkingSeconds: nil, pausedWorkingSeconds: 0)
            // Never negative (`classify` clamps them); not always whole minutes.
            let seconds = rng.below(3) == 0 ? nil : Int64(rng.below(spread) * 60 + (i % 97 == 0 ? 59 : i % 7))
            slots.add(&record, slot: slot, terms: terms, progress: classification?.progress, processingSeconds: seconds)
            plain[slot].counts.add(&record, terms: terms, classification: classification)
            if let seconds { plain[slot].processingMinutes.add(minutes: Int(seconds / 60)) }
        }
        #expect(slots.count == slotCount)
        for slot in 0..<slotCount {
            let aggregate = slots.aggregate(slot)
            #expect(aggregate == plain[slot], "seed \(seed) slot \(slot)")
            #expect(aggregate.processingMinutes.total == plain[slot].processingMinutes.total)
            #expect(aggregate.processingMinutes.percentile(0.5) == plain[slot].processingMinutes.percentile(0.5))
        }
    }

    /// A dense histogram rebuilt from its bucket counts is the same histogram.
    @Test func histogramFromBucketCounts() {
        var rng = SplitMix(seed: 9)
        var histogram = DurationHistogram()
        for _ in 0..<500 { histogram.add(minutes: rng.below(100_000)) }
        #expect(histogram.isDense)
        let counts = histogram.counts
        let rebuilt = counts.withUnsafeBufferPointer { DurationHistogram(bucketCounts: $0) }
        #expect(rebuilt == histogram)
        #expect(rebuilt.total == 500)
        let empty = [UInt32](repeating: 0, count: DurationHistogram.bucketCount)
        #expect(empty.withUnsafeBufferPointer { DurationHistogram(bucketCounts: $0) } == DurationHistogram())
    }

    /// `Classification` keeps its optional values in plain words: every value, and none, reads back.
    @Test func classificationKeepsItsValues() {
        for due in [nil, Timestamp(seconds: 0), Timestamp(seconds: -86_400), Timestamp(seconds: 4_102_444_800)]
            as [Timestamp?]
        {
            for processing in [nil, 0, 1, 86_400 * 400] as [Int64?] {
                var c = Classification(
                    progress: .late, effectiveDue: due, processingWorkingSeconds: processing, pausedWorkingSeconds: 7)
                #expect(c.effectiveDue == due)
                #expect(c.processingWorkingSeconds == processing)
                #expect(c.pausedWorkingSeconds == 7)
                c.effectiveDue = nil
                c.processingWorkingSeconds = nil
                #expect(c.effectiveDue == nil && c.processingWorkingSeconds == nil)
                c.effectiveDue = due
                c.processingWorkingSeconds = processing
                #expect(
                    c
                        == Classification(
                            progress: .late, effectiveDue: due, processingWorkingSeconds: processing,
                            pausedWorkingSeconds: 7))
            }
        }
    }
}
