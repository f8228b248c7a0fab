import Dispatch
import Synchronization

/// Runs `body(index)` for every index in `0..<count` on at most `workers` threads (the calling
/// thread and those of `WorkerPool`), handing out indices one at a time so uneven pieces
/// balance. Each index runs exactly once; callers store results by index, so the outcome does
/// not depend on which thread ran what.
public func forEachIndex(_ count: Int, workers: Int, _ body: (Int) -> Void) {
    forEachIndex(count, workers: workers) { index, _ in body(index) }
}

/// The same, telling `body` which lane (0..<workers) runs the index, so a lane can keep state of
/// its own across indices.
public func forEachIndex(_ count: Int, workers: Int, _ body: (_ index: Int, _ lane: Int) -> Void) {
    guard count > 0 else { return }
    let lanes = max(1, min(workers, count))
    if lanes == 1 {
        for i in 0..<count { body(i, 0) }
        return
    }
    let next = Atomic<Int>(0)
    /// One lane's work: the next index not taken, until none is left.
    @Sendable func takeIndices(lane: Int, _ body: (Int, Int) -> Void) {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= count { return }
            body(i, lane)
        }
    }
    if WorkerPool.shared.run(lanes: lanes, { takeIndices(lane: $0, body) }) { return }
    // The pool is running another loop (this one is nested in it, or runs beside it).
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedBox(body)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in takeIndices(lane: lane, shared.value) }
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A buffer handed to Dispatch workers that each touch their own disjoint part of it.
public struct SendableBuffer<Element>: @unchecked Sendable {
    public let buffer: UnsafeMutableBufferPointer<Element>
    public init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
