import CivilTime
import Metrics
import Simulation
import WorkingTime

/// How well a calibrated scenario reproduces the log it was estimated from: the scenario is
/// simulated over the log's period and each KPI compared with the log's own figure, computed
/// by `KPIEngine` as `tthc report` computes it (same as-of time: the log's latest event).
public struct CalibrationCheck: Sendable {
    public struct Row: Sendable {
        /// The KPI's JSON name (`on_time`, `received` ...).
        public var name: String
        /// The log's figure: a percentage for a rate (NaN when it has no denominator), a count.
        public var log: Double
        public var simulated: Estimate
        /// Whether the log's figure lies in the simulated 95% interval.
        public var logWithinInterval: Bool { log >= simulated.lower && log <= simulated.upper }
        /// Whether the simulated figure is judged on the period's cohort (each dossier followed
        /// until it finishes) rather than at the as-of time.
        public var cohort: Bool
    }

    /// The instant the log is judged at (`tthc report`'s default as-of: its latest event).
    public var asOf: Timestamp
    public var replications: Int
    public var rows: [Row]
    /// The log's dossiers still open at `asOf`: in the cohort's on-time rate, not in the log's.
    public var openAtAsOf: Int
    /// The log's counts as `tthc report` gives them.
    public var logCounts: KPICounts

    /// Runs the check of `summary`, calibrated from `files`, with `replications` replications
    /// from `seed`, judging the log at `asOf`.
    public static func run(
        _ summary: Calibration.Summary, files: [String], calendar: WorkCalendar, asOf: Timestamp, seed: UInt64,
        replications: Int, workers: Int
    ) throws -> CalibrationCheck {
        let scenario = try Scenario(tree: summary.scenario, calendar: calendar)
        let model = ServiceCenterModel(scenario: scenario)
        // The KPIs judged at the as-of time: the period from its first day to the as-of time.
        let seconds = max(1, Double(asOf.seconds - summary.start.seconds))
        let result = Experiment.run(
            model, seed: seed, replications: replications, workers: workers, length: RunLength(seconds: seconds))
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
            rows.append(
                Row(
                    name: name, log: counts.rate(kpi).percent ?? .nan, simulated: simulated.estimate(name)!,
                    cohort: kpi == .onTime))
        }
        for (name, value) in [
            ("received", counts.received), ("finished", counts.finished), ("in_progress", counts.inProgress),
        ] {
            rows.append(Row(name: name, log: Double(value), simulated: result.estimate(name)!, cohort: false))
        }
        return CalibrationCheck(
            asOf: asOf, replications: replications, rows: rows, openAtAsOf: counts.inProgress, logCounts: counts)
    }
}
