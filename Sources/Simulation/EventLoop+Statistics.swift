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

    /// Integrates pool `p`'s busy staff up to now (before `busy` changes): working time on
    /// a calendar, since staff only work then.
    @inline(__always)
    mutating func touchBusy(_ p: Int) {
        let busy = pools[p].busy
        if busy > 0 {
            let from = pools[p].busyLast
            let span =
                hasCalendar
                ? capacitySeconds(from: max(from, observationStart), to: min(now, observationEnd)) : clipped(from, now)
            pools[p].busyArea += Double(busy) * span
        }
        pools[p].busyLast = now
    }

    /// Integrates every time average up to `t` (when the window opens or closes).
    mutating func closeAreas(at t: Double) {
        changeInSystem(by: 0)
        for p in 0..<pools.count {
            touchQueue(p)
            touchBusy(p)
        }
    }
}
