import Dispatch
import Synchronization
import Testing
import _Randomness

@testable import _ParallelSupport

/// `forEachIndex` on the kept threads of `WorkerPool`: every index once, lanes in range, jobs
/// back to back (a thread still spinning), jobs apart (a thread asleep), nested and side-by-side
/// loops (the pool busy, Dispatch instead).
@Suite(.timeLimit(.minutes(1))) struct ForEachIndexTests {
    /// Runs a loop and returns how often each index ran, and whether every lane was in range.
    static func tally(count: Int, workers: Int) -> (runs: [Int], lanesInRange: Bool) {
        let runs = Mutex([Int](repeating: 0, count: count))
        let outOfRange = Atomic<Int>(0)
        forEachIndex(count, workers: workers) { index, lane in
            runs.withLock { $0[index] += 1 }
            if lane < 0 || lane >= max(1, min(workers, count)) { outOfRange.wrappingAdd(1, ordering: .relaxed) }
        }
        return (runs.withLock { $0 }, outOfRange.load(ordering: .relaxed) == 0)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func everyIndexRunsOnceInBackToBackLoops(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for round in 0..<300 {
            let count = Int(rng.next() % 40)
            let workers = 1 + Int(rng.next() % 5)
            let (runs, lanesInRange) = Self.tally(count: count, workers: workers)
            #expect(runs == [Int](repeating: 1, count: count), "round \(round): \(count) indices, \(workers) workers")
            #expect(lanesInRange, "round \(round)")
        }
    }

    @Test func loopsFarApartWakeSleepingThreads() {
        // Each pause is longer than a thread spins, so every loop wakes threads that sleep.
        for round in 0..<6 {
            usleepNanoseconds(3 * WorkerPool.spinNanoseconds)
            let (runs, _) = Self.tally(count: 17, workers: 3)
            #expect(runs == [Int](repeating: 1, count: 17), "round \(round)")
        }
    }

    @Test func slowLanesAreWaitedFor() {
        // The caller's lane ends at once; the other lanes end after the caller has gone to sleep.
        let done = Mutex([Bool](repeating: false, count: 4))
        forEachIndex(4, workers: 4) { index, lane in
            if lane != 0 { usleepNanoseconds(3 * WorkerPool.spinNanoseconds) }
            done.withLock { $0[index] = true }
        }
        #expect(done.withLock { $0 } == [true, true, true, true])
    }

    @Test func aNestedLoopRunsBesideThePool() {
        let inner = Mutex([Int](repeating: 0, count: 8 * 8))
        forEachIndex(8, workers: 2) { outer, _ in
            forEachIndex(8, workers: 2) { index, _ in inner.withLock { $0[outer * 8 + index] += 1 } }
        }
        #expect(inner.withLock { $0 } == [Int](repeating: 1, count: 64))
    }

    @Test func loopsFromSeveralThreadsAtOnce() {
        let right = Mutex([Int](repeating: 0, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<50 {
                let (runs, lanesInRange) = Self.tally(count: 23, workers: 2 + caller % 2)
                if runs == [Int](repeating: 1, count: 23) && lanesInRange { right.withLock { $0[caller] += 1 } }
            }
        }
        #expect(right.withLock { $0 } == [50, 50, 50, 50])
    }

    @Test func theBusyPoolSaysSo() {
        let refused = Atomic<Int>(0)
        // Other suites' loops may hold the pool for a moment: wait for a turn.
        var ran = false
        for _ in 0..<10_000 where !ran {
            ran = WorkerPool.shared.run(lanes: 2) { lane in
                if lane == 0 && !WorkerPool.shared.run(lanes: 2, { _ in }) { refused.store(1, ordering: .relaxed) }
            }
            if !ran { usleepNanoseconds(100_000) }
        }
        #expect(ran)
        #expect(refused.load(ordering: .relaxed) == 1)
    }
}

private func usleepNanoseconds(_ nanoseconds: Int) {
    let until = DispatchTime.now().uptimeNanoseconds + UInt64(nanoseconds)
    let semaphore = DispatchSemaphore(value: 0)
    _ = semaphore.wait(timeout: DispatchTime(uptimeNanoseconds: until))
}
