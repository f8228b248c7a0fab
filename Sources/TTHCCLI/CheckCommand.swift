import CivilTime
import Engine
import Ingest
import Metrics
import Output
import Targets

/// `tthc check`: KPIs against targets, with the gap in dossiers and who contributes to a miss.
enum CheckCommand: Subcommand {
    static let spec = CommandSpec(
        name: "check", summary: "Check KPIs against targets or a city's profile; exit 1 when one is missed",
        usage:
            "tthc check FILE... (--target T... | --profile NAME|FILE) [--by DIMS] [--period P] [--format table|json] [options]",
        options: [
            OptionSpec(
                "--target", value: "T", repeatable: true,
                help: "A target such as 'on-time>=99', 'online>=60', 'late<=0' (OP: >= > <= < =); repeatable."),
            TargetOptions.profileSpec,
            OptionSpec(
                "--by", value: "DIMS",
                help: "Also check each group: agency|procedure|field|channel|day|week|month|quarter."),
            TargetOptions.periodSpec,
            OptionSpec("--top", value: "N", help: "Units and procedures listed per missed target (default 5)."),
            TargetOptions.formatSpec, CSVOption.excelSpec, LanguageOption.spec,
        ] + OutputDestination.specs + EngineOptions.specs,
        examples: [
            "tthc check Datasets/sample/dossiers.csv --profile hanoi-commune-2026",
            "tthc check Datasets/sample/dossiers.csv --profile hanoi-commune-2026 --format html -o check.html",
            "tthc check log.csv --target 'on-time>=99' --target 'online>=60' --target 'full-online>=20'",
            "tthc check log.csv --profile dinh-lap-2026 --period 2026-q1 --by agency --format json",
            "tthc check log.csv --target 'in-progress-overdue<=0' --as-of 2026-03-14T17:00 && echo all clear",
        ],
        notes: [
            "Quote targets in the shell, or > and < redirect: --target 'on-time>=99'.",
            "Rates (percent): " + KPI.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            "Counts (dossiers): any count of the JSON report (late, in-progress-overdue, no-due, ...), plus",
            "late-without-apology and in-person; count:NAME for a count sharing a KPI's name (count:online).",
            "Gaps hold the denominator fixed: '59 more dossiers needed to be on time instead of late'.",
            "Built-in profiles: " + BuiltinProfiles.all.map(\.name).joined(separator: ", ") + " (Guides/Targets.md).",
            "Periods (Hanoi cut-offs): q1 = 15 Dec - 14 Mar, q2 = 15 Mar - 14 Jun, q3 = 15 Jun - 14 Sep,",
            "q4 = 15 Sep - 14 Dec, h1/h2 and year likewise; months, ISO weeks and days are calendar periods.",
            "Exit status: 0 all targets met (a rate with no dossiers is 'no data', not a miss), 1 a target missed",
            "in total or in a --by group, 2 usage or input error.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(arguments, TargetOptions.formats)
        let destination = try OutputDestination(arguments, format: format)
        let profile = try TargetOptions.profile(arguments)
        var items = profile?.targets ?? []
        for text in arguments.strings("--target") {
            do {
                let target = try Target.parse(text)
                items.append(.init(target: target, label: target.displayText, source: "--target"))
            } catch {
                throw UsageError("tthc check: --target: \(error.description)")
            }
        }
        guard !items.isEmpty else {
            throw UsageError("tthc check: expected at least one --target (such as on-time>=99) or a --profile")
        }
        let top = try arguments.int("--top", in: 0...1000) ?? 5
        var options = try EngineOptions.reportOptions(arguments, console: console)
        let period = try TargetOptions.period(arguments)
        let byDimensions = try EngineOptions.dimensions(arguments)

        // The totals and --by groups come from the engine; only when a target is missed does a
        // second, counts-only scan rank the units and procedures behind the miss.
        options.dimensions = byDimensions
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let result = try KPIEngine.run(files: files, options: options)
        InputWarnings.afterReading(result.input, parsed: arguments, files: files).forEach(console.err)
        let warning = CatalogMissWarning.text(
            result.catalogMisses, command: "check", catalog: arguments.string("--catalog"))
        warning.map(console.err)
        let groups = byDimensions.isEmpty ? nil : Breakdown(projecting: result, onto: byDimensions)
        func makeCheck(_ breakdowns: [Breakdown]) -> TargetCheck {
            TargetCheck(
                items: items, watch: profile?.watch ?? [], notChecked: profile?.notChecked ?? [],
                totals: result.totals.counts, groups: groups, contributorBreakdowns: breakdowns, limit: top)
        }
        var check = makeCheck([])
        // Procedures are named as the log names them (TenTTHC), else as the catalog does.
        var names = ProcedureNames(catalog: options.classifier.catalog)
        if top > 0, let asOf = result.asOf, check.results.contains(where: { $0.total.status == .missed }) {
            let setup = BreakdownConsumer.Setup(
                classifier: options.classifier, asOf: asOf, receivedFrom: options.receivedFrom,
                receivedBefore: options.receivedBefore)
            let (breakdowns, logNames) = try BreakdownConsumer.runNamingProcedures(
                files: files, setup: setup, scan: options.scan)
            check = makeCheck(breakdowns)
            names.log = logNames
        }
        var context = RunContext(
            asOf: result.asOf ?? options.asOf ?? Timestamp(seconds: 0), period: period,
            from: period == nil ? try EngineOptions.date(arguments, "--from") : nil,
            to: period == nil ? try EngineOptions.date(arguments, "--to") : nil, profile: profile)
        context.setInput(result.input, outsideSelection: result.outsideSelection)
        switch format {
        case "json": try destination.write(check.json(context: context).text, console: console)
        case "csv": try destination.write(check.csv(style: csvStyle), console: console)
        case "table":
            let text = check.table(
                context: context, language: try LanguageOption.terminal(arguments),
                style: TerminalStyle(colours: console.colours && destination.path == nil), procedureNames: names)
            try destination.write(text, console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: result.input, outsideSelection: result.outsideSelection, options: options,
                asOf: result.asOf, period: period, profile: profile)
            let document = Document.check(
                check, provenance: provenance, language: try DocumentOutput.language(arguments),
                procedureName: { names[$0] })
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return check.allMet ? 0 : 1
    }
}

/// The options `check`, `today` and `score` share on top of the engine's.
enum TargetOptions {
    static let periodSpec = OptionSpec(
        "--period", value: "P",
        help:
            "Reporting period 2026-q1|h1|q3|year (Hanoi cut-offs), 2026-03, 2026-w10, 2026-03-02; as-of defaults to its end."
    )
    static let profileSpec = OptionSpec(
        "--profile", value: "NAME|FILE",
        help: "Targets of a built-in profile (hanoi-commune-2026, 766, ...) or a JSON file.")
    static let formatSpec = OptionSpec(
        "--format", value: "FMT",
        help: "table (default), json, csv, csv-excel, or a document: html, md, xlsx (xlsx needs -o).")
    static let formats = ["table", "json", "csv", "csv-excel"] + DocumentOutput.formats

    static func period(_ parsed: ParsedArguments) throws(UsageError) -> ReportingPeriod? {
        guard let text = parsed.string("--period") else { return nil }
        do {
            return try ReportingPeriod.parse(text)
        } catch {
            throw UsageError("tthc \(parsed.command): --period: \(error.description)")
        }
    }

    static func profile(_ parsed: ParsedArguments, default name: String? = nil) throws(UsageError) -> TargetProfile? {
        guard let text = parsed.string("--profile") ?? name else { return nil }
        do {
            return try TargetProfile.load(text)
        } catch {
            throw UsageError("tthc \(parsed.command): --profile: \(error.description)")
        }
    }
}
