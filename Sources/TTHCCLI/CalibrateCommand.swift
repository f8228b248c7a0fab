import CivilTime
import Engine
import Foundation
import Ingest
import Output
import Simulation
import WorkingTime
import _TextSupport

/// `tthc calibrate`: estimate a simulation scenario from a real log, with staff pools sized from
/// the log's throughput and an assumed work content, and check how well it reproduces the log.
enum CalibrateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "calibrate", summary: "Estimate a simulation scenario, staff included, from a dossier log",
        usage:
            "tthc calibrate FILE... -o SCENARIO.json [--catalog FILE] [--work-minutes N|CODE=N]... [--department FIELD=NAME]... [--calendar FILE]... [--delay-model] [--replications N] [--seed S] [-j N] [--format table|json] [--lang en|vi]",
        options: [
            OptionSpec("-o", value: "SCENARIO.json", help: "Where to write the calibrated scenario (required)."),
            OptionSpec(
                "--catalog", value: "FILE",
                help: "Procedure catalog whose PhutXuLy column gives each procedure's work minutes."),
            OptionSpec(
                "--work-minutes", value: "N|CODE=N", repeatable: true,
                help: "Work minutes of one dossier: N for every procedure the catalog lacks, CODE=N for one."),
            OptionSpec(
                "--department", value: "FIELD=NAME", repeatable: true,
                help: "Name the pool of field FIELD (MaLinhVuc) NAME; fields given the same NAME share a pool."),
            CalendarOption.spec("also written into the scenario for simulate"),
            OptionSpec(
                "--delay-model",
                help: "Fit the elapsed processing times with pools of no staff limit (no staffing), as before."),
            OptionSpec("--replications", value: "N", help: "Replications of the reproduction check (default 10)."),
            OptionSpec("--seed", value: "S", help: "Random seed of the reproduction check (default 1)."),
            OptionSpec("-j", value: "N", help: "Parallel workers (default: the number of cores)."),
            OptionSpec(
                "--format", value: "table|json", help: "Output format of the reproduction check (default table)."),
            LanguageOption.spec,
            OptionSpec(
                "--censor-open",
                help: "Also learn from dossiers still open at the log's end (overdue ones as stuck, others censored)."),
            EngineOptions.quietSpec,
        ] + EngineOptions.readingSpecs,
        examples: [
            "tthc calibrate Datasets/sample/dossiers.csv --catalog Datasets/catalog/commune-procedures.csv -o calibrated.json",
            "tthc simulate --compare calibrated.json --set-b pools.HoTich.size=4",
            "tthc calibrate log.csv --work-minutes 30 --work-minutes 1.012753=360 --department HoTich=justice -o s.json",
        ],
        notes: [
            "Estimates per procedure: arrival rates by hour of the week, channel mix, deadline, supplement probability and delay,",
            "fee/payment/digitization shares. Without step logs the log shows how long dossiers took, not the work they were:",
            "each procedure's work content is an assumption (the catalog's PhutXuLy, or --work-minutes). A pool's size is the",
            "fewest staff with which an M/M/c queue carrying the log's arrivals per working hour x that work waits no longer",
            "than the log's dossiers did beyond it (Erlang C); the table states the throughput, hours and minutes used.",
            "Then simulates the log's period and compares with the log's KPIs as tthc report computes them.",
        ])

    /// The work minutes by code (`CODE=N`), and the default (`N`).
    static func workMinutes(_ texts: [String]) throws -> (byCode: [String: Double], all: Double?) {
        var byCode: [String: Double] = [:]
        var all: Double?
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let number = parts.count == 2 ? parts[1] : parts[0]
            guard let minutes = Double(number), minutes > 0, minutes.isFinite, !(parts.count == 2 && parts[0].isEmpty)
            else {
                throw UsageError("tthc calibrate: --work-minutes expects N or CODE=N with N > 0 minutes, got '\(text)'")
            }
            if parts.count == 2 { byCode[parts[0]] = minutes } else { all = minutes }
        }
        return (byCode, all)
    }

    static func departments(_ texts: [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("tthc calibrate: --department expects FIELD=NAME, got '\(text)'")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let output = arguments.string("-o") else {
            throw UsageError("tthc calibrate: -o SCENARIO.json is required")
        }
        let files = arguments.positionals
        guard !files.isEmpty else { throw UsageError("tthc calibrate: expects at least one log FILE") }
        let format = try arguments.choice("--format", ["table", "json"]) ?? "table"
        let language = try EngineOptions.language(arguments)
        let replications = try arguments.int("--replications", in: 2...100_000) ?? 10
        let workers = try arguments.int("-j", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
        let seedText = arguments.string("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError("tthc calibrate: --seed expects a non-negative integer, got '\(seedText)'")
        }
        let calendar = try CalendarOption.calendar(arguments)

        var staffing: Calibration.Staffing? = nil
        if !arguments.flag("--delay-model") {
            var assumption = Calibration.Staffing(departments: try departments(arguments.strings("--department")))
            if let path = arguments.string("--catalog") {
                for entry in try CatalogReader.read(contentsOfFile: path).sortedEntries {
                    if let minutes = entry.workMinutes {
                        assumption.workMinutes[entry.code] = (minutes, "catalog PhutXuLy")
                    }
                }
            }
            let flags = try workMinutes(arguments.strings("--work-minutes"))
            for (code, minutes) in flags.byCode { assumption.workMinutes[code] = (minutes, "--work-minutes") }
            if let all = flags.all { assumption.defaultMinutes = (all, "--work-minutes") }
            staffing = assumption
        } else if !arguments.strings("--work-minutes").isEmpty || !arguments.strings("--department").isEmpty {
            throw UsageError("tthc calibrate: --work-minutes and --department size staff; --delay-model has none")
        }

        // (The log readers refuse timestamps outside the calendar's years.)
        var scan = ScanOptions()
        scan.workers = workers
        try EngineOptions.readingOptions(arguments, into: &scan)
        scan.progress = ProgressLine.attach(arguments, files: files, console: console)
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let collected = try ObservedLogCollector.collect(files, options: scan)
        let summaryOrNil: Calibration.Summary?
        do {
            summaryOrNil = try Calibration.calibrate(
                collected.dossiers, calendar: calendar, censorOpen: arguments.flag("--censor-open"), staffing: staffing)
        } catch {
            let codes = error.codes.prefix(8).joined(separator: ", ") + (error.codes.count > 8 ? ", ..." : "")
            throw UsageError(
                "tthc calibrate: no work content for \(error.codes.count) procedure(s) (\(codes)): give --catalog FILE with a PhutXuLy column, --work-minutes N for all, or --work-minutes CODE=N (or --delay-model, which sizes no staff)"
            )
        }
        guard var summary = summaryOrNil else {
            throw UsageError(
                "tthc calibrate: no received dossier with a received time in \(files.joined(separator: ", "))")
        }
        let overlays = arguments.strings("--calendar")
        if !overlays.isEmpty {
            // Paths as simulate will see them: relative to the scenario file's folder.
            let folder = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL.path
            let paths: [JSONValue] = overlays.map { name in
                if ShippedCalendars.named[name] != nil { return .string(name) }
                let absolute = URL(fileURLWithPath: name).standardizedFileURL.path
                return .string(
                    absolute.hasPrefix(folder + "/") ? String(absolute.dropFirst(folder.count + 1)) : absolute)
            }
            summary.scenario = summary.scenario.setting(path: ["calendar_files"], to: .array(paths))
        }
        let text = CalibrationRenderer.scenarioFile(summary, files: files)
        // Written in place: FileManager.createFile writes atomically, which on Linux leaves a
        // TemporaryDirectory.* folder behind in the temporary directory on every run.
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw UsageError("tthc calibrate: cannot write '\(output)'")
        }
        console.err(
            "tthc calibrate: "
                + Labels.phrase(
                    "calibrate_wrote", language,
                    [
                        "file": output, "procedures": Labels.counted(summary.procedures, .procedure, language),
                        "dossiers": Labels.counted(summary.dossiers, .dossier, language),
                        "days": Labels.counted(summary.days, .day, language),
                    ]) + "\n")
        guard collected.latestEvent != Int64.min else {
            throw UsageError("tthc calibrate: \(files.joined(separator: ", ")) has no dated event to judge it at")
        }
        let check = try CalibrationCheck.run(
            summary, files: files, calendar: calendar, asOf: Timestamp(seconds: collected.latestEvent), seed: seed,
            replications: replications, workers: workers)
        console.out(
            format == "json"
                ? CalibrationRenderer.json(check, summary: summary, scenario: output, language: language)
                : CalibrationRenderer.table(check, summary: summary, language: language))
        return 0
    }
}
