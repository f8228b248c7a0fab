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

    /// Integrates every time average up to `t` (when the window opens or closes).
    mutating func closeAreas(at t: Double) {
        changeInSystem(by: 0)
        for p in 0..<pools.count { touchQueue(p) }
    }
}
