import CivilTime
import Metrics
import Simulation
import WorkingTime

/// How well a calibrated scenario reproduces the log it was estimated from: the scenario is
/// simulated over the log's period and each KPI compared with the log's own figure, computed
/// by `KPIEngine` as `tthc report` computes it.
public struct CalibrationCheck: Sendable {
    public struct Row: Sendable {
        /// The KPI's JSON name (`on_time`, `received` ...).
        public var name: String
        /// The log's figure: a percentage for a rate (NaN when it has no denominator), a count.
        public var log: Double
        public var simulated: Estimate
        /// Whether the log's figure lies in the simulated 95% interval.
        public var logWithinInterval: Bool { log >= simulated.lower && log <= simulated.upper }
    }

    /// The end of the log's period, at which the log is judged.
    public var asOf: Timestamp
    public var replications: Int
    public var rows: [Row]

    /// Runs the check of `summary`, calibrated from `files`, with `replications` replications
    /// from `seed`.
    public static func run(
        _ summary: Calibration.Summary, files: [String], calendar: WorkCalendar, seed: UInt64, replications: Int,
        workers: Int
    ) throws -> CalibrationCheck {
        let scenario = try Scenario(tree: summary.scenario)
        let asOf = Timestamp(seconds: summary.start.seconds + Int64(summary.days) * 86_400)
        let model = ServiceCenterModel(scenario: scenario)
        let result = Experiment.run(
            model, seed: seed, replications: replications, workers: workers,
            length: RunLength(seconds: Double(summary.days) * 86_400))
        // The on-time rate of the dossiers received in the period, each judged when it
        // finishes (see `Calibration.reproductionLength`).
        let cohort = Experiment.run(
            model, seed: seed, replications: replications, workers: workers,
            length: Calibration.reproductionLength(days: summary.days))
        var options = ReportOptions()
        options.asOf = asOf
        options.classifier = DossierClassifier(calendar: calendar)
        let counts = try KPIEngine.run(files: files, options: options).totals.counts
        var rows: [Row] = []
        for (name, kpi) in [
            ("on_time", KPI.onTime), ("progress", .progress), ("online", .online), ("full_online", .fullOnline),
            ("online_payment", .onlinePayment),
        ] {
            let simulated = kpi == .onTime ? cohort : result
            rows.append(Row(name: name, log: counts.rate(kpi).percent ?? .nan, simulated: simulated.estimate(name)!))
        }
        rows.append(Row(name: "received", log: Double(counts.received), simulated: result.estimate("received")!))
        rows.append(Row(name: "finished", log: Double(counts.finished), simulated: result.estimate("finished")!))
        return CalibrationCheck(asOf: asOf, replications: replications, rows: rows)
    }
}
