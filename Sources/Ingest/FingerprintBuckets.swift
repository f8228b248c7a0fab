import Dispatch

/// The duplicate index of a scan that only counts duplicates: each worker lane files the
/// fingerprints it parses by their top byte into its own 256 buckets, so filing runs in parallel
/// with parsing, and equal fingerprints always meet in the buckets of one top byte.
final class FingerprintBuckets: @unchecked Sendable {
    static let perLane = 256
    let lanes: Int
    private let buckets: UnsafeMutablePointer<[UInt64]>

    init(lanes: Int) {
        self.lanes = lanes
        buckets = .allocate(capacity: lanes * Self.perLane)
        buckets.initialize(repeating: [], count: lanes * Self.perLane)
    }

    deinit {
        buckets.deinitialize(count: lanes * Self.perLane)
        buckets.deallocate()
    }

    /// The 256 buckets of `lane`, indexed by a fingerprint's top byte; only the worker running
    /// `lane` may append to them. (A pointer, so the parse loop does not retain this object for
    /// every record it files.)
    func buckets(lane: Int) -> UnsafeMutablePointer<[UInt64]> { buckets + lane * Self.perLane }

    /// The fingerprints equal to an earlier one, top bytes counted in parallel.
    func repeats(workers: Int) -> Int {
        var counts = [Int](repeating: 0, count: Self.perLane)
        let workers = max(1, min(workers, Self.perLane))
        counts.withUnsafeMutableBufferPointer { results in
            let shared = SendableBuffer(results)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var set = FingerprintSet()
                defer { set.deallocate() }
                var top = worker
                while top < Self.perLane {
                    let parts = (0..<lanes).map { buckets[$0 * Self.perLane + top] }
                    shared.buffer[top] = set.countRepeats(parts)
                    top += workers
                }
            }
        }
        return counts.reduce(0, +)
    }
}
