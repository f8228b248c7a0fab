import _ParallelSupport

/// The duplicate index of a scan that only counts duplicates: each worker lane files the
/// fingerprints it parses by their top byte into its own 256 buckets, so filing runs in parallel
/// with parsing, and equal fingerprints always meet in the buckets of one top byte.
final class FingerprintBuckets: @unchecked Sendable {
    static let perLane = 256
    let lanes: Int
    private let buckets: UnsafeMutablePointer<Bucket>

    /// A growable run of fingerprints in raw storage: appending costs a store and a capacity
    /// check, with none of an array's uniqueness checks.
    struct Bucket {
        fileprivate(set) var base: UnsafeMutablePointer<UInt64>?
        fileprivate(set) var count = 0
        private var capacity = 0

        @inline(__always)
        mutating func append(_ fingerprint: UInt64) {
            if count == capacity { grow() }
            base.unsafelyUnwrapped[count] = fingerprint
            count += 1
        }

        private mutating func grow() {
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: max(64, capacity * 2))
            if let base {
                bigger.moveInitialize(from: base, count: count)
                base.deallocate()
            }
            base = bigger
            capacity = max(64, capacity * 2)
        }

        var values: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: base, count: count) }

        fileprivate func deallocate() { base?.deallocate() }
    }

    init(lanes: Int) {
        self.lanes = lanes
        buckets = .allocate(capacity: lanes * Self.perLane)
        buckets.initialize(repeating: Bucket(), count: lanes * Self.perLane)
    }

    deinit {
        for i in 0..<lanes * Self.perLane { buckets[i].deallocate() }
        buckets.deallocate()
    }

    /// The 256 buckets of `lane`, indexed by a fingerprint's top byte; only the worker running
    /// `lane` may append to them. (A pointer, so the parse loop does not retain this object for
    /// every record it files.)
    func buckets(lane: Int) -> UnsafeMutablePointer<Bucket> { buckets + lane * Self.perLane }

    /// How many fingerprints each bucket holds, to roll back to.
    func marks() -> [Int] { (0..<lanes * Self.perLane).map { buckets[$0].count } }

    /// Drops the fingerprints filed since `marks` (a batch parsed from wrong guesses).
    func rollBack(to marks: [Int]) {
        for i in marks.indices { buckets[i].count = marks[i] }
    }

    /// The fingerprints equal to an earlier one, top bytes counted in parallel.
    func repeats(workers: Int) -> Int {
        var counts = [Int](repeating: 0, count: Self.perLane)
        let workers = max(1, min(workers, Self.perLane))
        counts.withUnsafeMutableBufferPointer { results in
            let shared = SendableBuffer(results)
            forEachIndex(workers, workers: workers) { worker in
                var set = FingerprintSet()
                defer { set.deallocate() }
                var top = worker
                while top < Self.perLane {
                    let parts = (0..<lanes).map { buckets[$0 * Self.perLane + top].values }
                    shared.buffer[top] = set.countRepeats(parts)
                    top += workers
                }
            }
        }
        return counts.reduce(0, +)
    }
}
