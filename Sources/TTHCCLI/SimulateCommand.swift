import CivilTime
import Engine
import Foundation
import Ingest
import Output
import Simulation
import Targets
import WorkingTime
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
            OptionSpec(
                "--format", value: "FMT", help: "table (default), json, or a document: html, md, xlsx (xlsx needs -o)."),
            TargetOptions.profileSpec,
            OptionSpec(
                "--target", value: "T", repeatable: true,
                help: "A target to judge the verdict by, such as 'on-time>=99' (repeatable; beside --profile)."),
            OptionSpec(
                "--by", value: "procedure|pool",
                help:
                    "Add KPIs and waiting times per procedure, or per pool (its procedures' dossiers); both: procedure,pool."
            ),
            LanguageOption.spec,
            CalendarOption.spec("applied after the scenario's calendar_files"),
            EngineOptions.quietSpec,
        ] + EngineOptions.readingSpecs + OutputDestination.specs,
        examples: [
            "tthc simulate Datasets/scenarios/mmc.json --set arrival_rate=9 --set servers=10 --customers 100000 --format json",
            "tthc simulate Datasets/scenarios/commune-center.json --days 60 --replications 20",
            "tthc simulate --compare Datasets/scenarios/commune-center.json --set-b pools.land.size=4",
            "tthc simulate Datasets/scenarios/commune-center.json --from-log Datasets/sample/dossiers.csv --days 30",
            "tthc simulate Datasets/scenarios/commune-center.json --profile hanoi-commune-2026 --by pool",
        ],
        notes: [
            "Rates in scenario files are per hour; service times default to hours. See Guides/Simulation.md.",
            "Unknown keys and --set paths, and values out of range, are errors naming the path and the keys allowed.",
            "Output ends with warnings for pools that cannot keep up (offered load rho >= 1, or a queue growing through",
            "the horizon) and one verdict line per target KPI: met when the 95% interval clears the target, likely when",
            "only the mean does, else missed.",
            "Exit 0 on success, 2 on a usage or scenario error.",
        ])

    /// The targets of `--profile` and `--target`.
    static func targets(_ arguments: ParsedArguments) throws -> [Target] {
        var targets = try TargetOptions.profile(arguments)?.targets.map(\.target) ?? []
        for text in arguments.strings("--target") {
            do { targets.append(try Target.parse(text)) } catch {
                throw UsageError("tthc simulate: --target: \(error.description)")
            }
        }
        return targets
    }

    /// `--by procedure|pool`, in the order given.
    static func breakdowns(_ arguments: ParsedArguments) throws -> [String] {
        guard let text = arguments.string("--by") else { return [] }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for part in parts where part != "procedure" && part != "pool" {
            throw UsageError("tthc simulate: --by expects procedure, pool or procedure,pool, got '\(part)'")
        }
        return parts
    }

    /// A side's label: its scenario's name, plus the `--set` values it runs with.
    static func label(_ scenario: Scenario, sets: [String], file: String? = nil) -> String {
        var text = scenario.name
        if let file { text += " (\((file as NSString).lastPathComponent))" }
        return sets.isEmpty ? text : text + " with " + sets.joined(separator: ", ")
    }

    static func overrides(_ texts: [String], option: String) throws -> [(path: String, value: JSONValue)] {
        try texts.map { text in
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw UsageError("tthc simulate: \(option) expects PATH=VALUE, got '\(text)'")
            }
            return (String(text[..<eq]), JSONValue.fromCommandLine(String(text[text.index(after: eq)...])))
        }
    }

    /// Reads a scenario; its office calendar gets the scenario's `calendar_files` (relative to
    /// its folder) and then `calendars` (`--calendar`).
    static func loadScenario(
        _ path: String, overrides: [(path: String, value: JSONValue)], calendars: [String] = []
    ) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("tthc simulate: cannot read scenario file '\(path)'")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            let scenario = try Scenario.read(text: text, overrides: overrides)
            guard scenario.calendar != nil, !(scenario.calendarFiles.isEmpty && calendars.isEmpty) else {
                return scenario
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let own = scenario.calendarFiles.map { name in
                ShippedCalendars.named[name] != nil || name.hasPrefix("/")
                    ? name : folder.appendingPathComponent(name).path
            }
            return try Scenario.read(
                text: text, overrides: overrides, calendar: try CalendarOption.calendar(names: own + calendars))
        } catch let error as ScenarioError {
            throw UsageError("tthc simulate: \(path): \(error)")
        }
    }

    /// A time option inside the calendar's years.
    static func checkCovered(_ t: Timestamp, _ what: String) throws {
        guard WorkCalendar.coveredYears.contains(t.date.year) else {
            throw UsageError(
                "tthc simulate: \(what) \(t.iso8601) is outside the calendar's years \(WorkCalendar.coveredYears.lowerBound)-\(WorkCalendar.coveredYears.upperBound)"
            )
        }
    }

    /// The `--from-log` log, read once for every scenario of a run, and its as-of time.
    struct StartingLog {
        let file: String
        let dossiers: [ObservedDossier]
        let asOf: Timestamp
    }

    /// Reads `--from-log` (nil without it) and finds its as-of time (`--as-of`, default: the
    /// log's latest event).
    static func startingLog(_ arguments: ParsedArguments, console: Console) throws -> StartingLog? {
        guard let file = arguments.string("--from-log") else {
            if arguments.string("--as-of") != nil { throw UsageError("tthc simulate: --as-of needs --from-log") }
            return nil
        }
        var scan = ScanOptions()
        if let workers = try arguments.int("-j", in: 1...1024) { scan.workers = workers }
        try EngineOptions.readingOptions(arguments, into: &scan)
        scan.progress = ProgressLine.attach(arguments, files: [file], console: console)
        InputWarnings.beforeReading(arguments, files: [file]).forEach(console.err)
        let collected = try ObservedLogCollector.collect([file], options: scan)
        let selection = DateSelection(asOf: try EngineOptions.timestamp(arguments, "--as-of"))
        guard let asOf = selection.asOf(latestEvent: collected.latestEvent) else {
            throw UsageError("tthc simulate: \(file) has no dated dossier; give --as-of")
        }
        try checkCovered(asOf, "the as-of time of \(file)")
        return StartingLog(file: file, dossiers: collected.dossiers, asOf: asOf)
    }

    /// The dossiers of `log` open at its as-of time, as `scenario` models them; with a `console`,
    /// a line saying how many.
    static func backlog(_ log: StartingLog?, scenario: Scenario, console: Console?) -> Backlog? {
        guard let log else { return nil }
        let backlog = Backlog(log: log.dossiers, scenario: scenario, asOf: log.asOf)
        console?.err(SimulationRenderer.backlogNote(backlog, file: log.file))
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

    /// Refuses a measured period that would end after the calendar (2100-12-31).
    static func checkEnd(_ length: RunLength, scenario: Scenario, start: Timestamp?) throws {
        guard let seconds = length.seconds else { return }
        var end = Double((start ?? scenario.start).seconds) + seconds + length.drain
        if start == nil, case .seconds(let w) = length.warmup { end += w }
        let last = Double(Timestamp(year: WorkCalendar.coveredYears.upperBound + 1, month: 1, day: 1).seconds)
        guard end <= last else {
            let from = (start ?? scenario.start).date
            let maxDays = Int((last - Double((start ?? scenario.start).seconds)) / 86_400)
            throw UsageError(
                "tthc simulate: the run from \(from) would end after 2100-12-31, where the calendar ends; give at most --days \(maxDays) (warmup included) or an earlier start"
            )
        }
    }

    /// Refuses results cut short by the end of the calendar (a --customers run that got there).
    static func checkReached(_ results: [ReplicationResult]) throws {
        guard !results.contains(where: \.reachedCalendarEnd) else {
            throw UsageError(
                "tthc simulate: the run reached 2100-12-31, where the calendar ends, before its end; ask for fewer --customers or an earlier start"
            )
        }
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
        let setTexts = arguments.strings("--set")
        let sets = try overrides(setTexts, option: "--set")
        let context = SimulationRenderer.Context(
            targets: try targets(arguments), language: try EngineOptions.language(arguments),
            breakdowns: try breakdowns(arguments))
        let breakdown = !context.breakdowns.isEmpty

        if arguments.flag("--compare") {
            let files = arguments.positionals
            guard files.count == 1 || files.count == 2 else {
                throw UsageError(
                    "tthc simulate: --compare expects A.json B.json, or one scenario and --set-b overrides")
            }
            let setBTexts = arguments.strings("--set-b")
            let setsB = try overrides(setBTexts, option: "--set-b")
            guard files.count == 2 || !setsB.isEmpty else {
                throw UsageError("tthc simulate: --compare with one scenario needs --set-b")
            }
            let calendars = arguments.strings("--calendar")
            let a = try loadScenario(files[0], overrides: sets, calendars: calendars)
            let b = try loadScenario(
                files.count == 2 ? files[1] : files[0], overrides: sets + setsB, calendars: calendars)
            let log = try startingLog(arguments, console: console)
            let backlogA = backlog(log, scenario: a, console: console)
            let length = try runLength(arguments, scenario: a, start: backlogA?.asOf)
            try checkEnd(length, scenario: a, start: backlogA?.asOf)
            try checkEnd(length, scenario: b, start: backlogA?.asOf)
            let backlogB = backlog(log, scenario: b, console: nil)
            guard replications >= 2 else {
                throw UsageError("tthc simulate: --compare needs --replications of at least 2")
            }
            var labelA = label(a, sets: setTexts), labelB = label(b, sets: setTexts + setBTexts)
            if labelA == labelB {
                labelA = label(a, sets: setTexts, file: files[0])
                labelB = label(b, sets: setTexts, file: files[files.count - 1])
            }
            let comparison = Experiment.compare(
                ServiceCenterModel(scenario: a, breakdown: breakdown),
                ServiceCenterModel(scenario: b, breakdown: breakdown), seed: seed, replications: replications,
                workers: workers, length: length, backlogA: backlogA, backlogB: backlogB)
            try checkReached(comparison.replicationsReachingCalendarEnd)
            switch format {
            case "json":
                try destination.write(
                    SimulationRenderer.json(comparison, a: labelA, b: labelB, seed: seed, context: context),
                    console: console)
            case "table":
                try destination.write(
                    SimulationRenderer.table(comparison, a: labelA, b: labelB, context: context), console: console)
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
        let scenario = try loadScenario(
            arguments.positionals[0], overrides: sets, calendars: arguments.strings("--calendar"))
        let start = backlog(try startingLog(arguments, console: console), scenario: scenario, console: console)
        let length = try runLength(arguments, scenario: scenario, start: start?.asOf)
        try checkEnd(length, scenario: scenario, start: start?.asOf)
        let model = ServiceCenterModel(scenario: scenario, breakdown: breakdown)
        let log = try arguments.string("--emit-log").map { try StreamedLog(path: $0, scenario: scenario) }
        var sink: DossierSink? = nil
        if let log { sink = { log.write($0) } }
        let result = Experiment.run(
            model, seed: seed, replications: replications, workers: workers, length: length, backlog: start,
            firstSink: sink)
        try checkReached(result.replications)
        if let log, let emit = arguments.string("--emit-log") {
            try log.close()
            console.err(
                "tthc simulate: wrote \(log.rows) dossiers of replication 0 to \(emit) (as of \(result.replications[0].asOf.iso8601))\n"
            )
        }
        switch format {
        case "json":
            try destination.write(
                SimulationRenderer.json(result, scenario: scenario, seed: seed, context: context), console: console)
        case "table":
            try destination.write(
                SimulationRenderer.table(result, scenario: scenario, seed: seed, context: context), console: console)
        default:
            let document = Document.simulation(
                result, scenario: scenario, seed: seed, provenance: try documentProvenance(arguments, start),
                language: try DocumentOutput.language(arguments))
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return 0
    }
}

/// `--emit-log`: replication 0's dossiers written to the file as the run produces them, in
/// buffered blocks, so the log costs no memory however long the run.
final class StreamedLog: @unchecked Sendable {
    let handle: FileHandle
    let scenario: Scenario
    let path: String
    var buffer = ""
    var rows = 0
    var failed = false

    init(path: String, scenario: Scenario) throws {
        // The header written in place: FileManager.createFile writes atomically, which on Linux
        // leaves a TemporaryDirectory.* folder behind in the temporary directory.
        guard (try? Data((DossierLogWriter.header + "\n").utf8).write(to: URL(fileURLWithPath: path))) != nil,
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw UsageError("tthc simulate: cannot write --emit-log file '\(path)'")
        }
        handle.seekToEndOfFile()
        self.handle = handle
        self.scenario = scenario
        self.path = path
    }

    /// Called by the one worker that runs replication 0.
    func write(_ d: SimulatedDossier) {
        buffer += DossierLogWriter.row(d, scenario: scenario)
        rows += 1
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: Data(buffer.utf8)) } catch { failed = true }
        buffer = ""
    }

    func close() throws {
        flush()
        try? handle.close()
        if failed { throw UsageError("tthc simulate: cannot write --emit-log file '\(path)'") }
    }
}
