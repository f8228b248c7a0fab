/// A mergeable histogram of durations in whole minutes, log-linear like HdrHistogram: exact
/// below 64 minutes, then 32 buckets per doubling, so a reported percentile is within 1.6% of
/// the true value whatever the number of dossiers.
///
/// A histogram starts sparse (up to 16 buckets, packed as bucket << 22 | count) and turns dense
/// (672 counters) only when it needs to: a report grouped by day, unit and procedure has hundreds
/// of thousands of small groups, and each costs a few words instead of 2.7 KB.
public struct DurationHistogram: Hashable, Sendable {
    public static let bucketCount = 672
    private static let sparseLimit = 16
    private static let countBits: UInt32 = 22
    private static let countMask: UInt32 = (1 << 22) - 1

    /// Dense counters, empty while the histogram is sparse.
    @usableFromInline var dense: [UInt32] = []
    /// Sparse entries, bucket << 22 | count, in order of first use.
    private var sparse: [UInt32] = []
    /// The number of durations added.
    public var total: Int { added }
    @usableFromInline var added = 0

    public init() {}

    /// A dense histogram of these per-bucket counts (`bucketCount` of them, in bucket order), for
    /// a holder that counts a large group's buckets in its own memory.
    public init(bucketCounts: UnsafeBufferPointer<UInt32>) {
        precondition(bucketCounts.count == DurationHistogram.bucketCount, "one count per bucket")
        dense = Array(bucketCounts)
        added = bucketCounts.reduce(0) { $0 + Int($1) }
        if added == 0 { dense = [] }
    }

    /// Whether the histogram holds one counter per bucket (it turns dense past 16 distinct buckets).
    public var isDense: Bool { !dense.isEmpty }

    /// With no branch on the value (processing times below and above an hour alternate with no
    /// pattern): below 64 minutes the exponent clamps to 0, and the bucket is the value.
    @inlinable @inline(__always)
    public static func bucket(ofMinutes value: Int) -> Int {
        let v = min(max(value, 0), (1 << 24) - 1)
        let e = max(0, (Int.bitWidth - 1 - (v | 1).leadingZeroBitCount) - 5)
        return 32 &* e &+ (v &>> e)
    }

    /// The smallest and largest minute values that fall in `bucket`.
    public static func range(ofBucket bucket: Int) -> ClosedRange<Int> {
        if bucket < 64 { return bucket...bucket }
        let e = bucket / 32 - 1
        let low = (bucket % 32 + 32) << e
        return low...(low + (1 << e) - 1)
    }

    /// Inlined into the caller for a dense histogram, the usual case of a large group.
    @inlinable @inline(__always)
    public mutating func add(minutes: Int) {
        let bucket = DurationHistogram.bucket(ofMinutes: minutes)
        if !dense.isEmpty {
            added &+= 1
            dense[bucket] &+= 1
            return
        }
        addOne(bucket: bucket)
    }

    @usableFromInline @inline(never)
    mutating func addOne(bucket: Int) { add(bucket: bucket, count: 1) }

    @inline(__always)
    private mutating func add(bucket: Int, count: UInt32) {
        added += Int(count)
        if !dense.isEmpty {
            dense[bucket] &+= count
            return
        }
        let key = UInt32(bucket) << DurationHistogram.countBits
        for i in sparse.indices where sparse[i] & ~DurationHistogram.countMask == key {
            if (sparse[i] & DurationHistogram.countMask) + count <= DurationHistogram.countMask {
                sparse[i] &+= count
                return
            }
            densify()
            dense[bucket] &+= count
            return
        }
        if sparse.count < DurationHistogram.sparseLimit && count <= DurationHistogram.countMask {
            sparse.append(key | count)
        } else {
            densify()
            dense[bucket] &+= count
        }
    }

    private mutating func densify() {
        dense = [UInt32](repeating: 0, count: DurationHistogram.bucketCount)
        for entry in sparse {
            dense[Int(entry >> DurationHistogram.countBits)] &+= entry & DurationHistogram.countMask
        }
        sparse = []
    }

    public mutating func merge(_ other: DurationHistogram) {
        guard other.total > 0 else { return }
        if total == 0 {
            self = other
            return
        }
        if other.dense.isEmpty {
            for entry in other.sparse {
                add(bucket: Int(entry >> DurationHistogram.countBits), count: entry & DurationHistogram.countMask)
            }
            return
        }
        if dense.isEmpty { densify() }
        for i in 0..<DurationHistogram.bucketCount { dense[i] &+= other.dense[i] }
        added += other.added
    }

    /// Count per bucket, in bucket order.
    public var counts: [UInt32] {
        if !dense.isEmpty { return dense }
        var result = [UInt32](repeating: 0, count: DurationHistogram.bucketCount)
        for entry in sparse {
            result[Int(entry >> DurationHistogram.countBits)] &+= entry & DurationHistogram.countMask
        }
        return result
    }

    /// The nearest-rank percentile (0 < q <= 1), as the middle of its bucket; nil when empty.
    public func percentile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        var buckets: [(bucket: Int, count: Int)]
        if dense.isEmpty {
            buckets = sparse.map { (Int($0 >> DurationHistogram.countBits), Int($0 & DurationHistogram.countMask)) }
            buckets.sort { $0.bucket < $1.bucket }
        } else {
            buckets = dense.enumerated().compactMap { $0.element > 0 ? ($0.offset, Int($0.element)) : nil }
        }
        for (bucket, count) in buckets {
            seen += count
            if seen >= rank {
                let r = DurationHistogram.range(ofBucket: bucket)
                return Double(r.lowerBound + r.upperBound) / 2
            }
        }
        return nil
    }

    /// Equal when they hold the same counts, whatever their representation.
    public static func == (a: DurationHistogram, b: DurationHistogram) -> Bool {
        a.total == b.total && a.counts == b.counts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        hasher.combine(counts)
    }
}
