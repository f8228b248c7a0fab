import Engine
import Foundation
import Output
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
            LanguageOption.spec,
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
        let text = CalibrationRenderer.scenarioFile(summary, files: files)
        // Written in place: FileManager.createFile writes atomically, which on Linux leaves a
        // TemporaryDirectory.* folder behind in the temporary directory on every run.
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw UsageError("tthc calibrate: cannot write '\(output)'")
        }
        let language = try LanguageOption.terminal(arguments)
        console.err(
            "tthc calibrate: "
                + Labels.phrase(
                    "calibrate_wrote", language,
                    [
                        "file": output, "procedures": Labels.counted(summary.procedures, .procedure, language),
                        "dossiers": Labels.counted(summary.dossiers, .dossier, language),
                        "days": Labels.counted(summary.days, .day, language),
                    ]) + "\n")
        let check = try CalibrationCheck.run(
            summary, files: files, calendar: calendar, seed: seed, replications: replications, workers: workers)
        console.out(
            format == "json"
                ? CalibrationRenderer.json(check, scenario: output)
                : CalibrationRenderer.table(check, language: language))
        return 0
    }
}
