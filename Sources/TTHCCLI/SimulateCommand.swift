import CivilTime
import Engine
import Foundation
import Output
import Simulation
import _TextSupport

/// `tthc simulate`: discrete-event simulation of a service center on the legal clock.
enum SimulateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "simulate", summary: "Simulate a service center and predict its KPIs",
        usage:
            "tthc simulate SCENARIO.json [--days N | --until DATE | --customers N] [--replications N] [--seed S] [-j N] [--set path=value]... [--format table|json]\n       tthc simulate --compare A.json [B.json] [--set-b path=value]... [options]",
        options: [
            OptionSpec(
                "--days", value: "N",
                help: "Measured period in days after the warmup (default: the scenario's \"days\", else 28)."),
            OptionSpec(
                "--until", value: "DATE",
                help: "Measure until this date (yyyy-MM-dd, exclusive) from the scenario start."),
            OptionSpec(
                "--customers", value: "N", help: "Measure N arrivals, then stop arrivals and let the system drain."),
            OptionSpec("--warmup", value: "W", help: "Discard an initial period: 12h, 5d or 1000c (customers)."),
            OptionSpec(
                "--replications", value: "N",
                help: "Independent replications (default 10); KPIs get a 95% Student-t interval."),
            OptionSpec(
                "--seed", value: "S", help: "Random seed (default 1); the same seed gives the same figures whatever -j."
            ),
            OptionSpec("-j", value: "N", help: "Parallel workers (default: the number of cores)."),
            OptionSpec(
                "--set", value: "PATH=VALUE", repeatable: true,
                help: "Override a scenario value by dotted path (pools.land.size=5)."),
            OptionSpec(
                "--compare", help: "Paired comparison of A and B (or A and A with --set-b) with common random numbers."),
            OptionSpec(
                "--set-b", value: "PATH=VALUE", repeatable: true,
                help: "With --compare and one scenario: override in B only."),
            OptionSpec("--emit-log", value: "FILE", help: "Write replication 0's measured dossiers as a core CSV log."),
            OptionSpec(
                "--from-log", value: "FILE",
                help: "Start from the dossiers open in this real log at --as-of (today's backlog)."),
            OptionSpec(
                "--as-of", value: "TIME",
                help: "With --from-log: the start instant (2026-03-16T08:00); default: " + DateSelection.latestEventRule
                    + "."),
            OptionSpec("--format", value: "FMT", help: "table (default), json, or a document: html, md, xlsx (xlsx needs -o)."),
            LanguageOption.spec,
        ] + OutputDestination.specs,
        examples: [
            "tthc simulate Datasets/scenarios/mmc.json --set arrival_rate=9 --set servers=10 --customers 100000 --format json",
            "tthc simulate Datasets/scenarios/commune-center.json --days 60 --replications 20",
            "tthc simulate --compare Datasets/scenarios/commune-center.json --set-b pools.land.size=4",
            "tthc simulate Datasets/scenarios/commune-center.json --from-log dossiers.csv --as-of 2026-03-16T08:00 --days 30",
        ],
        notes: [
            "Rates in scenario files are per hour; service times default to hours. See Guides/Simulation.md.",
            "Exit 0 on success, 2 on a usage or scenario error.",
        ])

    static func overrides(_ texts: [String], option: String) throws -> [(path: String, value: JSONValue)] {
        try texts.map { text in
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw UsageError("tthc simulate: \(option) expects PATH=VALUE, got '\(text)'")
            }
            return (String(text[..<eq]), JSONValue.fromCommandLine(String(text[text.index(after: eq)...])))
        }
    }

    static func loadScenario(_ path: String, overrides: [(path: String, value: JSONValue)]) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("tthc simulate: cannot read scenario file '\(path)'")
        }
        do {
            return try Scenario.read(text: String(decoding: data, as: UTF8.self), overrides: overrides)
        } catch let error as ScenarioError {
            throw UsageError("tthc simulate: \(path): \(error)")
        }
    }

    /// The open dossiers of `--from-log` at `--as-of` (default: the log's latest event).
    static func backlog(_ arguments: ParsedArguments, scenario: Scenario, console: Console) throws -> Backlog? {
        guard let file = arguments.string("--from-log") else {
            if arguments.string("--as-of") != nil { throw UsageError("tthc simulate: --as-of needs --from-log") }
            return nil
        }
        let collected = try ObservedLogCollector.collect([file])
        let log = collected.dossiers
        let selection = DateSelection(asOf: try EngineOptions.timestamp(arguments, "--as-of"))
        guard let asOf = selection.asOf(latestEvent: collected.latestEvent) else {
            throw UsageError("tthc simulate: \(file) has no dated dossier; give --as-of")
        }
        let backlog = Backlog(log: log, scenario: scenario, asOf: asOf)
        console.err(SimulationRenderer.backlogNote(backlog, file: file))
        return backlog
    }

    static func runLength(_ arguments: ParsedArguments, scenario: Scenario, start: Timestamp? = nil) throws -> RunLength
    {
        var warmup = scenario.warmup
        if let w = arguments.string("--warmup") {
            guard let parsed = Scenario.Warmup.parse(w) else {
                throw UsageError("tthc simulate: --warmup expects 12h, 5d or 1000c, got '\(w)'")
            }
            warmup = parsed
        }
        var warmupSeconds = 0.0
        if case .seconds(let s) = warmup { warmupSeconds = s }
        if let n = try arguments.int("--customers", in: 1...1_000_000_000) {
            return RunLength(customers: n, warmup: warmup)
        }
        let days = try arguments.double("--days")
        if let until = arguments.string("--until") {
            guard days == nil else { throw UsageError("tthc simulate: give --days or --until, not both") }
            let date = try EngineOptions.date(arguments, "--until")!
            let seconds =
                Double(Timestamp(date: date).seconds - (start ?? scenario.start).seconds)
                - (start == nil ? warmupSeconds : 0)
            guard seconds > 0 else {
                throw UsageError("tthc simulate: --until \(until) is not after the scenario start plus warmup")
            }
            if case .customers = warmup { throw UsageError("tthc simulate: a customer warmup needs --customers") }
            return RunLength(seconds: seconds, warmup: warmup)
        }
        if let d = days {
            guard d > 0 else { throw UsageError("tthc simulate: --days expects a positive number") }
            if case .customers = warmup { throw UsageError("tthc simulate: a customer warmup needs --customers") }
            return RunLength(seconds: d * 86_400, warmup: warmup)
        }
        if let n = scenario.customers { return RunLength(customers: n, warmup: warmup) }
        if case .customers = warmup { warmup = .none }
        return RunLength(seconds: (scenario.days ?? 28) * 86_400, warmup: warmup)
    }

    /// What a simulation document names: the command line and, with `--from-log`, the log and the
    /// instant its backlog was taken at.
    static func documentProvenance(_ arguments: ParsedArguments, _ backlog: Backlog?) throws -> DocumentProvenance {
        var provenance = DocumentProvenance(commandLine: DocumentOutput.commandLine(arguments), asOf: backlog?.asOf)
        if let log = arguments.string("--from-log") {
            let language = try DocumentOutput.language(arguments)
            provenance.facts.append(.init(Labels.document("files", language), .code(log)))
        }
        return provenance
    }

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let format = try arguments.choice("--format", ["table", "json"] + DocumentOutput.formats) ?? "table"
        let destination = try OutputDestination(arguments, format: format)
        let replications = try arguments.int("--replications", in: 1...100_000) ?? 10
        let workers = try arguments.int("-j", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
        let seedText = arguments.string("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError("tthc simulate: --seed expects a non-negative integer, got '\(seedText)'")
        }
        let sets = try overrides(arguments.strings("--set"), option: "--set")

        if arguments.flag("--compare") {
            let files = arguments.positionals
            guard files.count == 1 || files.count == 2 else {
                throw UsageError(
                    "tthc simulate: --compare expects A.json B.json, or one scenario and --set-b overrides")
            }
            let setsB = try overrides(arguments.strings("--set-b"), option: "--set-b")
            guard files.count == 2 || !setsB.isEmpty else {
                throw UsageError("tthc simulate: --compare with one scenario needs --set-b")
            }
            let a = try loadScenario(files[0], overrides: sets)
            let b = try loadScenario(files.count == 2 ? files[1] : files[0], overrides: sets + setsB)
            let backlogA = try backlog(arguments, scenario: a, console: console)
            let length = try runLength(arguments, scenario: a, start: backlogA?.asOf)
            let backlogB = try backlog(arguments, scenario: b, console: Console(out: { _ in }, err: { _ in }))
            guard replications >= 2 else {
                throw UsageError("tthc simulate: --compare needs --replications of at least 2")
            }
            let comparison = Experiment.compare(
                ServiceCenterModel(scenario: a), ServiceCenterModel(scenario: b), seed: seed,
                replications: replications,
                workers: workers, length: length, backlogA: backlogA, backlogB: backlogB)
            switch format {
            case "json": try destination.write(SimulationRenderer.json(comparison, a: a, b: b, seed: seed), console: console)
            case "table": try destination.write(SimulationRenderer.table(comparison, a: a, b: b), console: console)
            default:
                let document = Document.comparison(
                    comparison, a: a, b: b, seed: seed, provenance: try documentProvenance(arguments, backlogA),
                    language: try DocumentOutput.language(arguments))
                try destination.write(DocumentOutput.render(document, format: format), console: console)
            }
            return 0
        }

        guard arguments.positionals.count == 1 else {
            throw UsageError("tthc simulate: expects one SCENARIO.json (see --help)")
        }
        let scenario = try loadScenario(arguments.positionals[0], overrides: sets)
        let start = try backlog(arguments, scenario: scenario, console: console)
        let length = try runLength(arguments, scenario: scenario, start: start?.asOf)
        let emit = arguments.string("--emit-log")
        let model = ServiceCenterModel(scenario: scenario)
        let result = Experiment.run(
            model, seed: seed, replications: replications, workers: workers, length: length, collectFirst: emit != nil,
            backlog: start)
        if let emit {
            let first = result.replications[0]
            let text = DossierLogWriter.csv(first.dossiers, scenario: scenario)
            guard FileManager.default.createFile(atPath: emit, contents: Data(text.utf8)) else {
                throw UsageError("tthc simulate: cannot write --emit-log file '\(emit)'")
            }
            console.err(
                "tthc simulate: wrote \(first.dossiers.count) dossiers of replication 0 to \(emit) (as of \(first.asOf.iso8601))\n"
            )
        }
        switch format {
        case "json": try destination.write(SimulationRenderer.json(result, scenario: scenario, seed: seed), console: console)
        case "table":
            try destination.write(SimulationRenderer.table(result, scenario: scenario, seed: seed), console: console)
        default:
            let document = Document.simulation(
                result, scenario: scenario, seed: seed, provenance: try documentProvenance(arguments, start),
                language: try DocumentOutput.language(arguments))
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return 0
    }
}
