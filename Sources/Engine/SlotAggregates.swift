import Metrics
import Records
import WorkingTime

/// The aggregates of one accumulator's piece-local groups, in memory that accumulator alone
/// writes: a record adds to its group's counts and processing-time counter through a pointer.
/// In an array of `KPIAggregate`, each record's write checked the uniqueness of the array and of
/// the group's dense histogram, two runtime calls a record.
///
/// A group's processing times start in a `DurationHistogram` (sparse for a small group, as in
/// `KPIAggregate`); once that histogram turns dense, its counters move to a block of
/// `DurationHistogram.bucketCount` words here, which later records add to directly. `aggregate`
/// gives back the `KPIAggregate` of the same counts.
///
/// A class, so the copies of an accumulator share it: an accumulator is filled by one worker and
/// then merged (consumed), never copied to be filled on both sides.
final class SlotAggregates {
    private(set) var count = 0
    private var capacity = 0
    private var counts: UnsafeMutablePointer<KPICounts>
    /// Per slot, its dense processing-time counters, nil while `histograms[slot]` holds them.
    private var dense: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>
    private var histograms: [DurationHistogram] = []

    init() {
        counts = UnsafeMutablePointer.allocate(capacity: 0)
        dense = UnsafeMutablePointer.allocate(capacity: 0)
    }

    deinit {
        for slot in 0..<count { dense[slot]?.deallocate() }
        counts.deallocate()
        dense.deallocate()
    }

    /// A new slot with no counts; returns its index.
    func append() -> Int {
        if count == capacity { grow() }
        (counts + count).initialize(to: KPICounts())
        (dense + count).initialize(to: nil)
        histograms.append(DurationHistogram())
        count += 1
        return count - 1
    }

    private func grow() {
        let newCapacity = max(16, capacity * 2)
        let newCounts = UnsafeMutablePointer<KPICounts>.allocate(capacity: newCapacity)
        newCounts.moveInitialize(from: counts, count: count)
        counts.deallocate()
        counts = newCounts
        let newDense = UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>.allocate(capacity: newCapacity)
        newDense.moveInitialize(from: dense, count: count)
        dense.deallocate()
        dense = newDense
        capacity = newCapacity
    }

    /// One dossier's counts and processing time (see `KPICounts.add`), into `slot`. Takes the
    /// classification's progress class only, so that every argument goes in a register.
    /// `@inline(always)` (Swift 6.3): `@inline(__always)` left it a call from `consume`.
    @inline(always)
    func add(
        _ record: inout DossierRecord, slot: Int, terms: ProcedureCatalog.Terms?, progress: ProgressClass?,
        processingSeconds: Int64?
    ) {
        counts[slot].add(&record, terms: terms, progress: progress)
        guard let processingSeconds else { return }
        // Processing times are never negative (`classify` clamps them): an unsigned division (a
        // multiply and a shift, with no sign fix-up), next to the bucket, which then knows the
        // minutes are not negative.
        let processingMinutes = Int(UInt64(bitPattern: processingSeconds) / 60)
        if let block = dense[slot] {
            block[DurationHistogram.bucket(ofMinutes: processingMinutes)] &+= 1
        } else {
            addToHistogram(slot: slot, minutes: processingMinutes)
        }
    }

    /// A processing time of a group whose counters are still a `DurationHistogram`; moves them
    /// here when it turns dense.
    @inline(never)
    private func addToHistogram(slot: Int, minutes: Int) {
        histograms[slot].add(minutes: minutes)
        guard histograms[slot].isDense else { return }
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: DurationHistogram.bucketCount)
        let buckets = histograms[slot].counts
        block.initialize(from: buckets, count: buckets.count)
        dense[slot] = block
        histograms[slot] = DurationHistogram()
    }

    /// The aggregate of `slot`.
    func aggregate(_ slot: Int) -> KPIAggregate {
        var result = KPIAggregate()
        result.counts = counts[slot]
        result.processingMinutes = histograms[slot]
        if let block = dense[slot] {
            let counters = DurationHistogram(
                bucketCounts: UnsafeBufferPointer(start: block, count: DurationHistogram.bucketCount))
            result.processingMinutes.merge(counters)
        }
        return result
    }
}
