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

    /// Files a fingerprint; only the worker running `lane` may call this for that lane.
    @inline(__always)
    func add(_ fingerprint: UInt64, lane: Int) {
        buckets[lane &* Self.perLane &+ Int(fingerprint >> 56)].append(fingerprint)
    }

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
