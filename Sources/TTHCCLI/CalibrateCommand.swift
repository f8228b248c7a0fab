import CivilTime
import Engine
import Foundation
import Metrics
import Simulation
import WorkingTime

/// `tthc calibrate`: estimate a simulation scenario from a real log and check how well it
/// reproduces the log's own KPIs.
enum CalibrateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "calibrate", summary: "Estimate a simulation scenario from a dossier log",
        usage: "tthc calibrate FILE... -o SCENARIO.json [--replications N] [--seed S] [-j N] [--format table|json]",
        options: [
            OptionSpec("-o", value: "SCENARIO.json", help: "Where to write the calibrated scenario (required)."),
            OptionSpec("--replications", value: "N", help: "Replications of the reproduction check (default 10)."),
            OptionSpec("--seed", value: "S", help: "Random seed of the reproduction check (default 1)."),
            OptionSpec("-j", value: "N", help: "Parallel workers (default: the number of cores)."),
            OptionSpec(
                "--format", value: "table|json", help: "Output format of the reproduction check (default table)."),
            OptionSpec(
                "--censor-open",
                help: "Also learn from dossiers still open at the log's end (overdue ones as stuck, others censored)."),
        ],
        examples: [
            "tthc calibrate Datasets/sample/dossiers.csv -o calibrated.json",
            "tthc simulate calibrated.json --set arrivals.scale=1.2",
        ],
        notes: [
            "Estimates per procedure: arrival rates by hour of the week, channel mix, deadline, supplement probability and delay,",
            "fee/payment/digitization shares and the empirical processing time in working hours. Each field becomes a pool with",
            "no staff limit (a delay model); set pool sizes to study staffing. Then simulates the log's period and compares;",
            "the on-time rate is that of the dossiers received in the period, each followed until it finishes.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let output = arguments.string("-o") else {
            throw UsageError("tthc calibrate: -o SCENARIO.json is required")
        }
        let files = arguments.positionals
        guard !files.isEmpty else { throw UsageError("tthc calibrate: expects at least one log FILE") }
        let format = try arguments.choice("--format", ["table", "json"]) ?? "table"
        let replications = try arguments.int("--replications", in: 2...100_000) ?? 10
        let workers = try arguments.int("-j", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
        let seedText = arguments.string("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError("tthc calibrate: --seed expects a non-negative integer, got '\(seedText)'")
        }

        let calendar = WorkCalendar()
        let log = try ObservedLogCollector.read(files)
        guard let summary = Calibration.calibrate(log, calendar: calendar, censorOpen: arguments.flag("--censor-open"))
        else {
            throw UsageError(
                "tthc calibrate: no received dossier with a received time in \(files.joined(separator: ", "))")
        }
        let text =
            "// Calibrated by tthc calibrate from \(files.joined(separator: ", ")).\n" + summary.scenario.serialized()
            + "\n"
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
            throw UsageError("tthc calibrate: cannot write '\(output)'")
        }
        console.err(
            "tthc calibrate: wrote \(output): \(summary.procedures) procedures from \(summary.dossiers) dossiers over \(summary.days) days\n"
        )

        // Reproduction check: simulate the log's period and compare with the log's own KPIs.
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
        let report = try KPIEngine.run(files: files, options: options)
        let counts = report.totals.counts
        var rows: [(name: String, log: Double, sim: Estimate)] = []
        for (name, kpi) in [
            ("on_time", KPI.onTime), ("progress", .progress), ("online", .online), ("full_online", .fullOnline),
            ("online_payment", .onlinePayment),
        ] {
            let simulated = kpi == .onTime ? cohort : result
            rows.append((name, counts.rate(kpi).percent ?? .nan, simulated.estimate(name)!))
        }
        rows.append(("received", Double(counts.received), result.estimate("received")!))
        rows.append(("finished", Double(counts.finished), result.estimate("finished")!))
        if format == "json" {
            let members: [Simulation.JSONValue.Member] = rows.map { row in
                .init(
                    row.name,
                    .object([
                        .init("log", .number(row.log)), .init("simulated", SimulationOutput.estimateJSON(row.sim)),
                        .init("log_within_ci", .bool(row.log >= row.sim.lower && row.log <= row.sim.upper)),
                    ]))
            }
            console.out(
                Simulation.JSONValue.object([
                    .init("scenario", .string(output)), .init("as_of", .string(asOf.iso8601)),
                    .init("replications", .number(Double(replications))), .init("kpis", .object(members)),
                ]).serialized() + "\n")
        } else {
            var table: [[String]] = [["KPI", "log", "simulated", "95% CI", "log in CI"]]
            for row in rows {
                table.append([
                    row.name, SimulationOutput.number(row.log), SimulationOutput.number(row.sim.mean),
                    "[\(SimulationOutput.number(row.sim.lower)), \(SimulationOutput.number(row.sim.upper))]",
                    row.log >= row.sim.lower && row.log <= row.sim.upper ? "yes" : "no",
                ])
            }
            console.out(
                ([
                    "Reproduction of the log by the calibrated scenario, \(replications) replications, as of \(asOf.iso8601):",
                    "",
                ]
                    + SimulationOutput.align(table)).joined(separator: "\n") + "\n")
        }
        return 0
    }
}
