import _ParallelSupport

/// The duplicate index of a scan that only counts duplicates: each worker lane files the
/// fingerprints it parses by their top byte into its own 256 buckets, so filing runs in parallel
/// with parsing, and equal fingerprints always meet in the buckets of one top byte.
final class FingerprintBuckets: @unchecked Sendable {
    static let perLane = 256
    let lanes: Int
    private let buckets: UnsafeMutablePointer<Bucket>

    /// A growable run of fingerprints in raw storage, held in blocks that double in size and
    /// are never copied: appending costs a store and a capacity check, with none of an array's
    /// uniqueness checks, and growing touches only the new block's memory (a copy to a larger
    /// buffer took a page fault for every page it wrote).
    struct Bucket {
        /// The blocks filled before the current one, in order.
        private var filled: [UnsafeBufferPointer<UInt64>] = []
        private var filledCount = 0
        private var block: UnsafeMutablePointer<UInt64>?
        /// Fingerprints in the current block, and its size.
        private var used = 0
        private var capacity = 0

        @inline(__always)
        mutating func append(_ fingerprint: UInt64) {
            if used == capacity { grow() }
            block.unsafelyUnwrapped[used] = fingerprint
            used += 1
        }

        private mutating func grow() {
            if let block { filled.append(UnsafeBufferPointer(start: block, count: used)) }
            filledCount += used
            capacity = min(8192, max(64, capacity * 2))
            block = .allocate(capacity: capacity)
            used = 0
        }

        /// How many fingerprints the bucket holds.
        var count: Int { filledCount + used }

        /// Keeps the first `count` fingerprints.
        mutating func truncate(to count: Int) {
            while count < filledCount {
                block?.deallocate()
                let last = filled.removeLast()
                block = UnsafeMutablePointer(mutating: last.baseAddress)
                capacity = last.count
                filledCount -= last.count
            }
            used = count - filledCount
        }

        /// The fingerprints, as the runs they are stored in.
        var runs: [UnsafeBufferPointer<UInt64>] { filled + [UnsafeBufferPointer(start: block, count: used)] }

        fileprivate func deallocate() {
            for run in filled { run.deallocate() }
            block?.deallocate()
        }
    }

    init(lanes: Int) {
        self.lanes = lanes
        buckets = .allocate(capacity: lanes * Self.perLane)
        buckets.initialize(repeating: Bucket(), count: lanes * Self.perLane)
    }

    deinit {
        for i in 0..<lanes * Self.perLane { buckets[i].deallocate() }
        buckets.deinitialize(count: lanes * Self.perLane)
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
        for i in marks.indices { buckets[i].truncate(to: marks[i]) }
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
                    let parts = (0..<lanes).flatMap { buckets[$0 * Self.perLane + top].runs }
                    shared.buffer[top] = set.countRepeats(parts, top: top)
                    top += workers
                }
            }
        }
        return counts.reduce(0, +)
    }
}
