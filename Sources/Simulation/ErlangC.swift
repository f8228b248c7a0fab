#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The M/M/c queue's waiting time (Erlang C), for sizing calibrated staff pools.
public enum ErlangC {
    /// The probability that an arrival waits, with `servers` staff and `offered` load
    /// (arrival rate × mean service, in staff); 1 when `offered >= servers`.
    ///
    /// Erlang B by its recursion `B(k) = a B(k-1) / (k + a B(k-1))`, which never overflows, then
    /// `C = c B / (c - a (1 - B))`.
    public static func waitProbability(servers: Int, offered a: Double) -> Double {
        guard servers > 0, a < Double(servers) else { return 1 }
        var b = 1.0
        for k in 1...servers { b = a * b / (Double(k) + a * b) }
        let c = Double(servers)
        return c * b / (c - a * (1 - b))
    }

    /// The mean wait before service, in the unit of `meanService`; infinite when overloaded.
    public static func meanWait(servers: Int, offered a: Double, meanService: Double) -> Double {
        guard a < Double(servers) else { return .infinity }
        return waitProbability(servers: servers, offered: a) * meanService / (Double(servers) - a)
    }

    /// The staff whose mean wait is closest to `wait` on a log scale (a wait twice too long
    /// is as far off as one half as long), among those who can carry the load at all. The
    /// smallest count with a wait under `wait` would round every sampling error up to one
    /// more person; the closest one is right either side.
    public static func staff(offered a: Double, meanService: Double, closestTo wait: Double) -> Int {
        var c = max(1, Int(a.rounded(.down)) + 1)
        let target = log(max(wait, 1e-12))
        var distance = abs(log(max(meanWait(servers: c, offered: a, meanService: meanService), 1e-300)) - target)
        while c < 100_000 {
            let next = abs(log(max(meanWait(servers: c + 1, offered: a, meanService: meanService), 1e-300)) - target)
            guard next < distance else { break }
            c += 1
            distance = next
        }
        return c
    }
}
