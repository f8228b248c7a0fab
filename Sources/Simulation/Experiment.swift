import CivilTime
import _ParallelSupport
import Metrics

/// Replications of one scenario, run in parallel, summarized per KPI.
public struct ExperimentResult: Sendable {
    public var metricNames: [String]
    public var replications: [ReplicationResult]
    /// Mean and 95% confidence interval of each metric over replications.
    public var estimates: [Estimate]

    public func estimate(_ name: String) -> Estimate? {
        metricNames.firstIndex(of: name).map { estimates[$0] }
    }
}

/// Runs replications on a fixed number of Dispatch workers.
///
/// Replication `r` always uses the random streams of `(seed, r)` and writes its own result slot,
/// so results are identical whatever the number of workers.
public enum Experiment {
    public static func run(
        _ model: ServiceCenterModel, seed: UInt64, replications: Int, workers: Int, length: RunLength,
        collectFirst: Bool = false,
        backlog: Backlog? = nil
    ) -> ExperimentResult {
        let results = runReplications(
            model, seed: seed, replications: replications, workers: workers, length: length, collectFirst: collectFirst,
            backlog: backlog)
        return summarize(names: model.metricNames, results)
    }

    static func summarize(names: [String], _ results: [ReplicationResult]) -> ExperimentResult {
        let estimates = names.indices.map { i in Estimate(values: results.map { $0.metrics[i] }) }
        return ExperimentResult(metricNames: names, replications: results, estimates: estimates)
    }

    public static func runReplications(
        _ model: ServiceCenterModel, seed: UInt64, replications: Int, workers: Int, length: RunLength,
        collectFirst: Bool = false,
        backlog: Backlog? = nil
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
                seed: seed, replication: r, length: length, collectDossiers: collectFirst && r == 0, backlog: backlog)
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
        var rows: [ScenarioComparison.Row] = []
        for name in names {
            let ia = a.metricNames.firstIndex(of: name)!, ib = b.metricNames.firstIndex(of: name)!
            let va = ra.map { $0.metrics[ia] }, vb = rb.map { $0.metrics[ib] }
            rows.append(
                ScenarioComparison.Row(
                    name: name, a: Estimate(values: va), b: Estimate(values: vb),
                    difference: Estimate(values: zip(va, vb).map { $1 - $0 })))
        }
        return ScenarioComparison(rows: rows, replications: replications)
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
}
