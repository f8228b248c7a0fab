import Output
import CivilTime
import Ingest
import Records
import WorkingTime

/// `tthc audit`: compares each dossier's recorded due (`NgayHenTra`) with the legal due from the
/// procedure catalog and the working calendar, and reports the mismatches by unit and procedure.
///
/// A recorded due later than the law allows hides lateness (the dossier looks on time when it is
/// not); an earlier one is harmless but shows a misconfigured deadline.
enum AuditCommand: Subcommand {
    static let spec = CommandSpec(
        name: "audit", summary: "Audit recorded due dates (NgayHenTra) against the legal due",
        usage: "tthc audit FILE... --catalog FILE [--calendar FILE]... [options]",
        options: [
            OptionSpec("--catalog", value: "FILE", help: "Procedure catalog CSV with the legal deadlines (required)."),
            OptionSpec(
                "--calendar", value: "FILE", repeatable: true,
                help: "Calendar overlay file, or 'cultural-day'; repeatable."),
            OptionSpec(
                "--due-mode", value: "MODE", help: "exact (default) or end-of-day: how the legal due is placed."),
            OptionSpec(
                "--tolerance", value: "MINUTES",
                help: "Differences up to this many minutes count as matching (default 0)."),
            OptionSpec("--examples", value: "N", help: "Example dossiers shown per unit and procedure (default 3)."),
            OptionSpec("--format", value: "FORMAT", help: "text (default) or json."),
            OptionSpec(
                "--input-format", value: "FMT", help: "csv, tsv or jsonl (default: from each file's extension)."),
            OptionSpec("--skip-invalid", help: "Count and skip invalid records instead of stopping at the first."),
            OptionSpec("-j", value: "N", help: "Parallel workers (default: all cores). Results never depend on it."),
        ],
        examples: [
            "tthc audit Datasets/sample/dossiers.csv --catalog Datasets/catalog/commune-procedures.csv",
            "tthc audit logs/*.csv --catalog my-catalog.csv --due-mode end-of-day --tolerance 1 --format json",
        ],
        notes: [
            "The legal due is computed as by 'tthc due' (clock start, catalog deadline and cut-off, closed pauses).",
            "Dossiers without NgayTiepNhan or NgayHenTra, or whose MaTTHC is not in the catalog, are counted apart.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("tthc audit: expected at least one dossier log FILE (or - for standard input)")
        }
        guard let catalogPath = arguments.string("--catalog") else {
            throw UsageError("tthc audit: --catalog FILE is required (the legal deadlines to audit against)")
        }
        let catalog = try CatalogReader.read(contentsOfFile: catalogPath)
        let calendar = try CalendarOption.calendar(arguments)
        let mode = DueMode(rawValue: try arguments.choice("--due-mode", ["exact", "end-of-day"]) ?? "exact")!
        let tolerance = Int64(try arguments.int("--tolerance", in: 0...100_000) ?? 0) * 60
        let exampleLimit = try arguments.int("--examples", in: 0...1000) ?? 3
        let format = try arguments.choice("--format", ["text", "json"]) ?? "text"
        var scan = ScanOptions()
        if let workers = try arguments.int("-j", in: 1...256) { scan.workers = workers }
        if let text = try arguments.choice("--input-format", InputFormat.allCases.map(\.rawValue)) {
            scan.format = InputFormat(rawValue: text)
        }
        scan.skipInvalid = arguments.flag("--skip-invalid")

        let settings = AuditSettings(
            calendar: calendar, catalog: catalog, mode: mode, tolerance: tolerance, exampleLimit: exampleLimit)
        let (audit, input) = try LogScanner.scan(files: arguments.positionals, options: scan) {
            AuditConsumer(settings: settings)
        }
        let groups = audit.groups.sorted { ($0.key.unit, $0.key.procedure) < ($1.key.unit, $1.key.procedure) }
        let totals = groups.reduce(into: AuditGroup()) { $0.add($1.value, exampleLimit: 0) }

        if format == "json" {
            var out = "{\"records\": \(input.accepted), \"checked\": \(totals.checked), \"later\": \(totals.later), "
            out += "\"earlier\": \(totals.earlier), \"matching\": \(totals.checked - totals.later - totals.earlier), "
            out += "\"missing_received\": \(audit.missingReceived), \"missing_due\": \(audit.missingDue), "
            out += "\"unknown_procedure\": \(audit.unknownProcedure), \"groups\": ["
            out += groups.map { key, group in
                var g =
                    "{\"unit\": \(WorkingTimeFormat.json(key.unit)), \"procedure\": \(WorkingTimeFormat.json(key.procedure)), "
                g += "\"checked\": \(group.checked), \"later\": \(group.later), \"earlier\": \(group.earlier), "
                g += "\"max_later_working_minutes\": \(group.maxLaterWorking / 60), \"examples\": ["
                g += group.examples.map { e in
                    "{\"id\": \(WorkingTimeFormat.json(e.id)), \"received\": \"\(e.received.iso8601)\", \"recorded_due\": \"\(e.recorded.iso8601)\", "
                        + "\"legal_due\": \"\(e.legal.iso8601)\", \"difference_working_minutes\": \(e.differenceWorking / 60)}"
                }.joined(separator: ", ")
                return g + "]}"
            }.joined(separator: ", ")
            console.out(out + "]}\n")
            return 0
        }

        var out = "Audit of NgayHenTra against the legal due (\(catalogPath), due mode \(mode.rawValue)"
        out += tolerance > 0 ? ", tolerance \(tolerance / 60) min)\n" : ")\n"
        out += "\(input.accepted) records; \(totals.checked) checked: \(totals.later) due later than the law allows, "
        out += "\(totals.earlier) earlier, \(totals.checked - totals.later - totals.earlier) matching.\n"
        if audit.missingReceived + audit.missingDue + audit.unknownProcedure > 0 {
            out +=
                "Not checked: \(audit.missingReceived) without NgayTiepNhan, \(audit.missingDue) without NgayHenTra, "
            out += "\(audit.unknownProcedure) with a MaTTHC not in the catalog.\n"
        }
        let mismatched = groups.filter { $0.value.later + $0.value.earlier > 0 }
        if mismatched.isEmpty {
            out += "\nNo mismatch.\n"
            console.out(out)
            return 0
        }
        let unitWidth = max(4, mismatched.map { $0.key.unit.count }.max() ?? 0)
        let procWidth = max(9, mismatched.map { $0.key.procedure.count }.max() ?? 0)
        out += "\n" + WorkingTimeFormat.pad("Unit", unitWidth) + "  " + WorkingTimeFormat.pad("Procedure", procWidth)
        out += "  Checked    Later  Earlier  Max later (working h)\n"
        for (key, group) in mismatched {
            out += WorkingTimeFormat.pad(key.unit, unitWidth) + "  " + WorkingTimeFormat.pad(key.procedure, procWidth)
            out += "  " + right(group.checked, 7) + "  " + right(group.later, 7) + "  " + right(group.earlier, 7)
            out += "  " + hours(group.maxLaterWorking) + "\n"
        }
        out += "\nExamples (MaHoSo: received, recorded due vs legal due, difference in working time):\n"
        for (key, group) in mismatched where !group.examples.isEmpty {
            out += "  \(key.unit) / \(key.procedure):\n"
            for e in group.examples {
                let sign = e.differenceWorking >= 0 ? "+" : "-"
                out +=
                    "    \(e.id): \(e.received.iso8601), \(e.recorded.iso8601) vs \(e.legal.iso8601) (\(sign)\(hours(abs(e.differenceWorking))) h)\n"
            }
        }
        console.out(out)
        return 0
    }

    static func right(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func hours(_ seconds: Int64) -> String {
        let tenths = (seconds * 10 + 1800) / 3600
        return "\(tenths / 10).\(tenths % 10)"
    }
}

struct AuditSettings: Sendable {
    var calendar: WorkCalendar
    var catalog: ProcedureCatalog
    var mode: DueMode
    var tolerance: Int64
    var exampleLimit: Int
}

struct AuditKey: Hashable, Sendable {
    var unit: String
    var procedure: String
}

struct AuditExample: Sendable {
    var id: String
    var received: Timestamp
    var recorded: Timestamp
    var legal: Timestamp
    /// Working seconds from the legal to the recorded due (negative when recorded earlier).
    var differenceWorking: Int64
}

struct AuditGroup: Sendable {
    var checked = 0
    var later = 0
    var earlier = 0
    var maxLaterWorking: Int64 = 0
    /// Mismatches in log order, later ones first chosen; at most `exampleLimit`.
    var examples: [AuditExample] = []

    mutating func add(_ other: AuditGroup, exampleLimit: Int) {
        checked += other.checked
        later += other.later
        earlier += other.earlier
        maxLaterWorking = max(maxLaterWorking, other.maxLaterWorking)
        for e in other.examples where examples.count < exampleLimit { examples.append(e) }
    }
}

/// Per-piece audit state; `merge` adds counts and keeps the first examples in log order.
struct AuditConsumer: RecordConsumer {
    let settings: AuditSettings
    var groups: [AuditKey: AuditGroup] = [:]
    var missingReceived = 0
    var missingDue = 0
    var unknownProcedure = 0
    // The last procedure looked up: logs are often sorted by procedure.
    private var lastCode: [UInt8] = []
    private var lastEntry: ProcedureCatalog.Entry?
    // The last unit name decoded, for the same reason.
    private var lastAgency: [UInt8] = []
    private var lastAgencyName = ""

    init(settings: AuditSettings) { self.settings = settings }

    mutating func consume(_ record: inout DossierRecord) {
        guard let received = record.received else {
            missingReceived += 1
            return
        }
        if !lastCode.elementsEqual(record.procedure) {
            lastCode = Array(record.procedure)
            lastEntry = settings.catalog[String(decoding: lastCode, as: UTF8.self)]
        }
        guard let entry = lastEntry else {
            unknownProcedure += 1
            return
        }
        guard let recorded = record.due else {
            missingDue += 1
            return
        }
        let calendar = settings.calendar
        var paused: Int64 = 0
        if !record.pauses.isEmpty {
            paused = calendar.pausedWorkingSeconds(record.pauses.map { ($0.start, $0.end) })
        }
        let legal = calendar.due(
            received: received, deadline: entry.deadline, afternoonCutoff: entry.afternoonCutoff, mode: settings.mode,
            pausedWorkingSeconds: paused)
        if !lastAgency.elementsEqual(record.agency) {
            lastAgency = Array(record.agency)
            lastAgencyName = String(decoding: lastAgency, as: UTF8.self)
        }
        let key = AuditKey(unit: lastAgencyName, procedure: entry.code)
        var group = groups[key, default: AuditGroup()]
        group.checked += 1
        let difference = recorded.seconds - legal.seconds
        if difference > settings.tolerance || difference < -settings.tolerance {
            let working =
                difference > 0
                ? calendar.workingSeconds(from: legal, to: recorded)
                : -calendar.workingSeconds(from: recorded, to: legal)
            if difference > 0 {
                group.later += 1
                group.maxLaterWorking = max(group.maxLaterWorking, working)
            } else {
                group.earlier += 1
            }
            if group.examples.count < settings.exampleLimit {
                group.examples.append(
                    AuditExample(
                        id: String(decoding: record.id, as: UTF8.self), received: received, recorded: recorded,
                        legal: legal,
                        differenceWorking: working))
            }
        }
        groups[key] = group
    }

    mutating func merge(_ later: consuming AuditConsumer) {
        for (key, group) in later.groups {
            groups[key, default: AuditGroup()].add(group, exampleLimit: settings.exampleLimit)
        }
        missingReceived += later.missingReceived
        missingDue += later.missingDue
        unknownProcedure += later.unknownProcedure
    }
}
