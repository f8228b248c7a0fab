import Metrics
import Targets

/// One KPI of a run judged against its target, for the one-line verdicts of `tthc simulate`.
///
/// A target is *met* when the whole 95% interval meets it (for `>=`, the lower bound reaches
/// it), *likely* when only the mean does, and *missed* otherwise. With one replication there is
/// no interval, so a target is at best likely. In a comparison the judgement is of B, and the
/// difference B - A is *significant* when its interval excludes 0.
public struct KPIVerdict: Sendable {
    public enum Judgement: String, Sendable {
        case met, likely, missed
    }

    /// The simulation's metric name (`on_time`, `progress`, `late`).
    public var metric: String
    public var target: Target?
    /// The run's estimate (B's in a comparison).
    public var estimate: Estimate
    /// In a comparison: A's estimate and the paired difference B - A.
    public var baseline: Estimate?
    public var difference: Estimate?
    public var judgement: Judgement?

    public var isRate: Bool { KPI.allCases.contains { $0.jsonName == metric } }

    /// Whether the difference's interval excludes 0; nil outside a comparison or without an interval.
    public var significant: Bool? {
        guard let d = difference, d.halfWidth.isFinite else { return nil }
        return d.lower > 0 || d.upper < 0
    }

    public static func judge(_ e: Estimate, _ target: Target) -> Judgement {
        let t = target.threshold.value
        let op = target.comparison
        let whole: Bool
        switch op {
        case .atLeast, .greater: whole = op.holds(e.lower, t)
        case .atMost, .less: whole = op.holds(e.upper, t)
        case .equal: whole = e.lower == t && e.upper == t
        }
        if e.halfWidth.isFinite && whole { return .met }
        return op.holds(e.mean, t) ? .likely : .missed
    }
}

extension KPIVerdict {
    /// The metric a target names in the simulation's results, when it simulates it.
    public static func metricName(_ target: Target) -> String? {
        switch target.metric {
        case .rate(let kpi):
            return simulatedRates.contains(kpi) ? kpi.jsonName : nil
        case .count(let count):
            return simulatedCounts.contains(count.name) ? count.name : nil
        }
    }

    static let simulatedRates: [KPI] = [.onTime, .progress, .online, .fullOnline, .onlinePayment]
    static let simulatedCounts = ["received", "finished", "in_progress", "late"]

    /// The verdict lines: on-time and progress always (progress counts the open dossiers, so a
    /// run where fewer dossiers finish cannot look better on on-time alone), each with its target
    /// when `targets` has one, then every other simulated target in `targets`' order.
    /// - Parameter estimate: a metric's estimate (B's in a comparison).
    /// - Parameter paired: in a comparison, A's estimate and the difference.
    public static func lines(
        targets: [Target], estimate: (String) -> Estimate?, paired: ((String) -> (Estimate, Estimate)?)? = nil
    ) -> [KPIVerdict] {
        var order = ["on_time", "progress"]
        for target in targets { if let m = metricName(target), !order.contains(m) { order.append(m) } }
        var lines: [KPIVerdict] = []
        for metric in order {
            guard let e = estimate(metric) else { continue }
            let matching = targets.filter { metricName($0) == metric }
            for target in matching.isEmpty ? [nil] : matching.map(Optional.some) {
                let pair = paired?(metric)
                lines.append(
                    KPIVerdict(
                        metric: metric, target: target, estimate: e, baseline: pair?.0, difference: pair?.1,
                        judgement: target.map { judge(e, $0) }))
            }
        }
        return lines
    }

    /// The targets of `targets` the simulation cannot judge (digitization, e-result ...).
    public static func notSimulated(_ targets: [Target]) -> [Target] { targets.filter { metricName($0) == nil } }
}

extension ExperimentResult {
    public func verdicts(targets: [Target]) -> [KPIVerdict] {
        KPIVerdict.lines(targets: targets, estimate: { estimate($0) })
    }
}

extension ScenarioComparison {
    public func verdicts(targets: [Target]) -> [KPIVerdict] {
        KPIVerdict.lines(
            targets: targets, estimate: { name in rows.first { $0.name == name }?.b },
            paired: { name in rows.first { $0.name == name }.map { ($0.a, $0.difference) } })
    }
}
