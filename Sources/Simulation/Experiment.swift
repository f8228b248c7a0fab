import CivilTime
import Metrics
import _ParallelSupport

/// Replications of one scenario, run in parallel, summarized per KPI.
public struct ExperimentResult: Sendable {
    public var metricNames: [String]
    public var replications: [ReplicationResult]
    /// Mean and 95% confidence interval of each metric over replications.
    public var estimates: [Estimate]
    /// Each pool's offered load over the measured window, computed before the run.
    public var loads: [PoolLoad] = []
    /// Pools that cannot keep up (`StabilityWarning`).
    public var warnings: [StabilityWarning] = []

    public func estimate(_ name: String) -> Estimate? {
        metricNames.firstIndex(of: name).map { estimates[$0] }
    }
}

/// Runs replications on a fixed number of Dispatch workers.
///
/// Replication `r` always uses the random streams of `(seed, r)` and writes its own result slot,
/// so results are identical whatever the number of workers.
public enum Experiment {
    /// - Parameter firstSink: receives replication 0's measured dossiers as they are produced.
    public static func run(
        _ model: ServiceCenterModel, seed: UInt64, replications: Int, workers: Int, length: RunLength,
        collectFirst: Bool = false,
        backlog: Backlog? = nil, firstSink: DossierSink? = nil
    ) -> ExperimentResult {
        let results = runReplications(
            model, seed: seed, replications: replications, workers: workers, length: length, collectFirst: collectFirst,
            backlog: backlog, firstSink: firstSink)
        var result = summarize(model, results)
        result.loads = loads(model, length: length, backlog: backlog)
        result.warnings = StabilityWarning.warnings(loads: result.loads, replications: results, window: length.seconds)
        return result
    }

    /// The pools' offered loads over the measured window of `length` (after the warmup, from
    /// the backlog's as-of time when there is one).
    static func loads(_ model: ServiceCenterModel, length: RunLength, backlog: Backlog?) -> [PoolLoad] {
        var start = backlog?.asOf ?? model.scenario.start
        if backlog == nil, case .seconds(let s) = length.warmup { start = Timestamp(seconds: start.seconds + Int64(s)) }
        return PoolLoad.of(model.scenario, start: start, window: length.seconds)
    }

    static func summarize(_ model: ServiceCenterModel, _ results: [ReplicationResult]) -> ExperimentResult {
        let values = results.map { model.values(of: $0.metrics) }
        let estimates = model.metricNames.indices.map { i in Estimate(values: values.map { $0[i] }) }
        return ExperimentResult(metricNames: model.metricNames, replications: results, estimates: estimates)
    }

    public static func runReplications(
        _ model: ServiceCenterModel, seed: UInt64, replications: Int, workers: Int, length: RunLength,
        collectFirst: Bool = false,
        backlog: Backlog? = nil, firstSink: DossierSink? = nil
    ) -> [ReplicationResult] {
        precondition(replications >= 1 && workers >= 1)
        let slots = UnsafeMutableBufferPointer<ReplicationResult?>.allocate(capacity: replications)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        let workerCount = min(workers, replications)
        // Each replication fills its own slot; which worker ran it does not matter.
        forEachIndex(replications, workers: workerCount) { r in
            shared[r] = model.run(
                seed: seed, replication: r, length: length, collectDossiers: collectFirst && r == 0, backlog: backlog,
                sink: r == 0 ? firstSink : nil)
        }
        return slots.map { $0! }
    }

    /// Paired comparison with common random numbers: replication `r` of `b` and of `a` share
    /// their random streams; the estimate is of the per-replication difference b - a.
    public static func compare(
        _ a: ServiceCenterModel, _ b: ServiceCenterModel, seed: UInt64, replications: Int, workers: Int,
        length: RunLength,
        backlogA: Backlog? = nil, backlogB: Backlog? = nil
    ) -> ScenarioComparison {
        let ra = runReplications(
            a, seed: seed, replications: replications, workers: workers, length: length, backlog: backlogA)
        let rb = runReplications(
            b, seed: seed, replications: replications, workers: workers, length: length, backlog: backlogB)
        let names = a.metricNames.filter { b.metricNames.contains($0) }
        let valuesA = ra.map { a.values(of: $0.metrics) }, valuesB = rb.map { b.values(of: $0.metrics) }
        var rows: [ScenarioComparison.Row] = []
        for name in names {
            let ia = a.metricNames.firstIndex(of: name)!, ib = b.metricNames.firstIndex(of: name)!
            let va = valuesA.map { $0[ia] }, vb = valuesB.map { $0[ib] }
            rows.append(
                ScenarioComparison.Row(
                    name: name, a: Estimate(values: va), b: Estimate(values: vb),
                    difference: Estimate(values: zip(va, vb).map { $1 - $0 })))
        }
        var comparison = ScenarioComparison(rows: rows, replications: replications)
        comparison.replicationsReachingCalendarEnd = (ra + rb).filter(\.reachedCalendarEnd)
        for (side, model, results, backlog) in [(0, a, ra, backlogA), (1, b, rb, backlogB)] {
            let loads = loads(model, length: length, backlog: backlog)
            let warnings = StabilityWarning.warnings(loads: loads, replications: results, window: length.seconds)
            if side == 0 {
                (comparison.loadsA, comparison.warningsA) = (loads, warnings)
            } else {
                (comparison.loadsB, comparison.warningsB) = (loads, warnings)
            }
        }
        return comparison
    }
}

/// The result of `--compare`: each KPI in A and B and the paired difference B - A.
public struct ScenarioComparison: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var a: Estimate
        public var b: Estimate
        public var difference: Estimate
    }
    public var rows: [Row]
    public var replications: Int
    public var loadsA: [PoolLoad] = []
    public var loadsB: [PoolLoad] = []
    public var warningsA: [StabilityWarning] = []
    public var warningsB: [StabilityWarning] = []
    /// Replications of A or B cut short by the end of the calendar.
    public var replicationsReachingCalendarEnd: [ReplicationResult] = []
}
