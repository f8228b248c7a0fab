import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Threads kept for `forEachIndex`, which stay awake for a moment after each job.
///
/// A log is parsed a batch at a time, and between two batches the caller works alone for well
/// under a millisecond (merging, moving the window). Dispatch puts its idle threads to sleep at
/// once, and on a virtual machine a sleeping processor takes about a millisecond to wake: that
/// was 7% of a two-worker run. These threads look for the next job for `spinNanoseconds` before
/// they sleep, so back-to-back jobs start on every lane together.
///
/// One job runs at a time; a caller that finds the pool busy (a nested or concurrent loop)
/// returns false and uses Dispatch instead.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// How long a thread without work keeps looking before it sleeps.
    static let spinNanoseconds = 2_000_000

    private let busy = Atomic<Bool>(false)
    /// Pool lanes of the current job still running.
    private let remaining = Atomic<Int>(0)
    /// Lanes 1... (lane 0 is the caller); only the caller that holds `busy` adds one.
    private var lanes: [PoolLane] = []
    /// The caller, when it sleeps until the last lane is done.
    private let caller = Sleeper()

    /// Runs `body(lane)` for every lane in `0..<count`, lane 0 on the calling thread.
    /// - Returns: false, having run nothing, when another job holds the pool.
    func run(lanes count: Int, _ body: (Int) -> Void) -> Bool {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        while lanes.count < count - 1 { startThread(lane: lanes.count + 1) }
        let helpers = lanes.prefix(count - 1)
        withoutActuallyEscaping(body) { body in
            remaining.store(count - 1, ordering: .relaxed)
            // Each helper is idle (the job before ended when all its lanes had), so its
            // mailbox is the caller's to write until the ticket moves.
            for lane in helpers { lane.post(body) }
            body(0)
            if !Self.spin(until: { self.remaining.load(ordering: .acquiring) == 0 }) {
                caller.sleep(unless: { self.remaining.load(ordering: .acquiring) == 0 })
            }
            for lane in helpers { lane.job = nil }
        }
        return true
    }

    private func startThread(lane index: Int) {
        let lane = PoolLane()
        lanes.append(lane)
        let start = Unmanaged.passRetained(ThreadStart(pool: self, lane: lane, index: index)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { argument in
                let start = Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue()
                start.pool.serve(start.lane, index: start.index)
                return nil
            }, start)
        precondition(created == 0, "cannot start a worker thread")
        pthread_detach(thread)
    }

    /// A pool thread's loop: waits for its ticket to move, runs its lane, tells the caller.
    private func serve(_ lane: PoolLane, index: Int) {
        var seen = 0
        while true {
            let posted = { lane.ticket.load(ordering: .sequentiallyConsistent) != seen }
            if !Self.spin(until: posted) { lane.sleeper.sleep(unless: posted) }
            seen = lane.ticket.load(ordering: .acquiring)
            lane.job!(index)
            if remaining.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { caller.wake() }
        }
    }

    /// Looks at `done` for up to `spinNanoseconds`.
    private static func spin(until done: () -> Bool) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            for _ in 0..<64 where done() { return true }
            if DispatchTime.now().uptimeNanoseconds - start > spinNanoseconds { return done() }
        }
    }
}

/// A thread's way to sleep until woken, without losing a wake that comes as it falls asleep.
private final class Sleeper: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let asleep = Atomic<Bool>(false)

    /// Sleeps unless `done` holds once the sleep is announced. Whoever takes `asleep` back
    /// from true (this thread, or a waker) decides: a waker that took it signals, and this
    /// thread then consumes that signal.
    func sleep(unless done: () -> Bool) {
        asleep.store(true, ordering: .sequentiallyConsistent)
        if done() && asleep.exchange(false, ordering: .sequentiallyConsistent) { return }
        semaphore.wait()
    }

    /// Wakes the thread if it announced sleep.
    func wake() {
        if asleep.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
    }
}

/// One pool thread's mailbox: the job, then a ticket moved to say it is there.
private final class PoolLane: @unchecked Sendable {
    var job: ((Int) -> Void)?
    let ticket = Atomic<Int>(0)
    let sleeper = Sleeper()

    func post(_ body: @escaping (Int) -> Void) {
        job = body
        ticket.wrappingAdd(1, ordering: .sequentiallyConsistent)
        sleeper.wake()
    }
}

private final class ThreadStart {
    let pool: WorkerPool
    let lane: PoolLane
    let index: Int
    init(pool: WorkerPool, lane: PoolLane, index: Int) {
        self.pool = pool
        self.lane = lane
        self.index = index
    }
}
