/// The rule that says a queue grows through the horizon rather than fluctuates.
///
/// A replication's queue grows when its lowest length in the last quarter of the measured
/// window (the backlog the staff never cleared then) exceeds that of the second quarter by
/// more than a fifth of it, and by more than one dossier: `last - second > max(1, second / 5)`.
/// The lowest length, not the average: a queue that empties once a quarter is keeping up, while
/// a pile-up after a holiday (online dossiers arrive on the days off) raises the average of a
/// quarter but drains within it. The time averages did fire there: the shipped commune scenario's
/// civil status pool (rho 0.67) "grew" 13 -> 33 in 10 of 10 replications over 56 days ending
/// after the 30 April holidays. The first quarter is left out (an empty center filling up is
/// not growth). Chance can pass the rule, so the pool is said to grow only when more than half of
/// its replications do. Quarters shorter than a week would compare weekdays with weekends, so the
/// check needs a window of four weeks or more.
public enum QueueGrowth {
    public static let minimumWindow: Double = 28 * 86_400

    public static func isGrowing(secondQuarter: Double, lastQuarter: Double) -> Bool {
        lastQuarter - secondQuarter > max(1, secondQuarter / 5)
    }
}

/// A warning that a pool cannot keep up: its offered load is at or above its capacity
/// (rho >= 1), or its queue grew through the horizon in most replications.
public struct StabilityWarning: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case overloaded
        case growing
    }

    public var kind: Kind
    public var load: PoolLoad
    /// The staff that bring rho below `StabilityWarning.targetUtilization`.
    public var staffNeeded: Int
    /// With `growing`: the replications whose queue grew, out of `replications`.
    public var growingReplications = 0
    public var replications = 0
    /// With `growing`: the mean over replications of the second and last quarter's lowest queue.
    public var secondQuarterQueue = 0.0
    public var lastQuarterQueue = 0.0
    /// With `growing`: (last - second) per week of the half window between them.
    public var growthPerWeek = 0.0

    /// What the staff suggestion aims at: a pool loaded above 0.9 waits long under any discipline.
    public static let targetUtilization = 0.9

    /// The warnings of a run: every overloaded pool, and every pool (overloaded or not) whose
    /// queue grew in most replications; in the scenario's pool order, overload first.
    public static func warnings(loads: [PoolLoad], replications: [ReplicationResult], window: Double?)
        -> [StabilityWarning]
    {
        var warnings: [StabilityWarning] = []
        for (i, load) in loads.enumerated() {
            let needed = load.staff(forUtilizationBelow: targetUtilization)
            if load.utilization >= 1 {
                warnings.append(StabilityWarning(kind: .overloaded, load: load, staffNeeded: needed))
            }
            let quarters = replications.compactMap { $0.metrics.pools[i].quarterLowest }
            guard !quarters.isEmpty, let window else { continue }
            let growing = quarters.filter { QueueGrowth.isGrowing(secondQuarter: $0.second, lastQuarter: $0.last) }
            guard growing.count * 2 > quarters.count else { continue }
            let second = quarters.map(\.second).reduce(0, +) / Double(quarters.count)
            let last = quarters.map(\.last).reduce(0, +) / Double(quarters.count)
            var w = StabilityWarning(kind: .growing, load: load, staffNeeded: max(needed, load.staff + 1))
            w.growingReplications = growing.count
            w.replications = quarters.count
            w.secondQuarterQueue = second
            w.lastQuarterQueue = last
            w.growthPerWeek = (last - second) / (window / 2 / (7 * 86_400))
            warnings.append(w)
        }
        return warnings
    }
}
