/// The rule that says a queue grows through the horizon rather than fluctuates.
///
/// A replication's queue grows when its time-average length in the last quarter of the
/// measured window exceeds that of the second quarter by more than a fifth of it, and by more
/// than one dossier: `last - second > max(1, second / 5)`. The first quarter is left out (an
/// empty center filling up is not growth). A stable queue's quarter averages differ by chance
/// (in the shipped commune scenario at rho 0.94, 3 of 20 replications pass the rule, one of them
/// 5 -> 18), so the pool is said to grow only when more than half of the replications grow; an
/// overloaded one grows by 20-60% from the second quarter to the last even when it has been
/// filling since long before the window (rho 1.4: 16 of 20 replications over 28 days, 20 of 20
/// over 91). Quarters
/// shorter than a week would compare weekdays with weekends (online dossiers pile up on
/// Sundays), so the check needs a window of four weeks or more.
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
    /// With `growing`: the mean over replications of the second and last quarter's queue.
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
            let quarters = replications.compactMap { $0.metrics.pools[i].quarterQueues }
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
