extension EventLoop {
    @inline(__always) func clipped(_ a: Double, _ b: Double) -> Double {
        let lo = max(a, observationStart), hi = min(b, observationEnd)
        return hi > lo ? hi - lo : 0
    }

    @inline(__always)
    mutating func changeInSystem(by delta: Int) {
        systemArea += Double(inSystem) * clipped(systemLast, now)
        systemLast = now
        inSystem += delta
    }

    @inline(__always)
    mutating func touchQueue(_ p: Int) {
        pools[p].queueArea += Double(pools[p].queued) * clipped(pools[p].lastChange, now)
        pools[p].lastChange = now
    }

    /// The part of [a, b) inside the measured window that staff can work: working seconds on
    /// a calendar (a job's night does not count), else seconds.
    @inline(__always)
    func busySpan(_ a: Double, _ b: Double) -> Double {
        hasCalendar ? capacitySeconds(from: max(a, observationStart), to: min(b, observationEnd)) : clipped(a, b)
    }

    /// Re-counts the jobs in service when the window's edge moves to now (a customer warmup
    /// ends, or arrivals stop): each job's busy time was counted when it started, against the
    /// window then. `sign` -1 removes their part after now (before the end moves), +1 adds it
    /// (after the start moves).
    mutating func recountJobsInService(sign: Double) {
        var spans: [(pool: Int, span: Double)] = []
        events.forEachPending { e in
            guard e.kind == EventKind.serviceEnd else { return }
            let entity = entities[Int(e.target)]
            let pool = Int(stepPool[Int(entity.procedure) * stride + Int(entity.step)])
            spans.append((pool, busySpan(now, e.time)))
        }
        for s in spans { pools[s.pool].busyArea += sign * s.span }
    }

    /// Integrates every time average up to `t` (when the window opens or closes).
    mutating func closeAreas(at t: Double) {
        changeInSystem(by: 0)
        for p in 0..<pools.count { touchQueue(p) }
    }
}
