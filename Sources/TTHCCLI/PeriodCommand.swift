import Engine
import Metrics
import Output
import Targets

/// `tthc period`: the standard period table of the one-stop systems, one or several periods in
/// one pass.
enum PeriodCommand: Subcommand {
    /// The log options of `report` without the received-date selection and the as-of time: a
    /// period table covers every dossier open in its periods and judges each at a period's end.
    static let engineSpecs = EngineOptions.specs.filter { !["--from", "--to", "--as-of"].contains($0.name) }

    static let spec = CommandSpec(
        name: "period",
        summary: "The standard period table: carried over, received, finished, in progress, withdrawn, backlog",
        usage:
            "tthc period FILE... (--period P... | --periods FROM..TO) [--by agency|field|procedure] [--format table|json|csv] [options]",
        options: [
            OptionSpec(
                "--period", value: "P", repeatable: true,
                help:
                    "A period: 2026-q1|h1|q3|year (Hanoi cut-offs), 2026-03, 2026-w10, 2026-03-02 or FROM..TO; repeatable."
            ),
            OptionSpec(
                "--periods", value: "FROM..TO",
                help: "Consecutive periods of one kind: 2026-01..2026-06 (months), 2026-q1..2026-q4 (quarters)."),
            OptionSpec(
                "--by", value: "DIM", help: "One row per agency (DonViXuLy), field (MaLinhVuc) or procedure (MaTTHC)."),
            OptionSpec(
                "--format", value: "FMT",
                help: "table (default), json, csv, csv-excel, or a document: html, md, xlsx (xlsx needs -o)."),
            CSVOption.excelSpec, LanguageOption.spec,
        ] + OutputDestination.specs + engineSpecs,
        examples: [
            "tthc period Datasets/sample/dossiers.csv --period 2026-q1 --by agency",
            "tthc period log.csv --periods 2026-01..2026-06 --by agency --format json > months.json",
            "tthc period log.csv --periods 2026-q1..2026-q4 --lang vi",
            "tthc period log.csv --period 2026-h1 --period 2026-q3 --by field --format csv",
            "tthc period log.csv --period 2026-01-05..2026-02-10",
            "tthc period log.csv --periods 2026-q1..2026-q2 --by agency --format xlsx -o quarters.xlsx",
        ],
        notes: [
            "For each period: carried over (received before it, still open at its start) + received in it =",
            "finished in it (early, on time, late with/without apology, no due) + in progress at its last instant",
            "(not yet due, overdue, no due) + withdrawn in it. Returned (status 3) is its own column, outside that",
            "balance; status 1 is left out. The balance and, for consecutive periods, closing backlog = next",
            "carried over are checked and printed on every run. Definitions: Guides/PeriodReport.md.",
            "report --period counts only the dossiers received in the period; this table counts everything open in it.",
            "Exit status: 0 done, 1 a balance or chain check failed (a bug: please report it), 2 usage or input error.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(arguments, TargetOptions.formats)
        let language = try LanguageOption.terminal(arguments)
        let destination = try OutputDestination(arguments, format: format)
        var options = PeriodOptions()
        options.periods = try periods(arguments)
        options.dimensions = try EngineOptions.dimensions(arguments)
        guard options.dimensions.count <= 1, options.dimensions.allSatisfy(PeriodOptions.unitDimensions.contains) else {
            throw UsageError(
                "tthc period: --by takes one of agency|field|procedure, got '\(arguments.string("--by") ?? "")'")
        }
        let engine = try EngineOptions.reportOptions(arguments, console: console)
        options.classifier = engine.classifier
        options.scan = engine.scan
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let report = try PeriodEngine.run(files: files, options: options)
        InputWarnings.afterReading(report.input, parsed: arguments, files: files).forEach(console.err)
        PeriodBasis.warn(
            report, command: "period", catalog: arguments.string("--catalog"), language: language, console: console)
        switch format {
        case "json": try destination.write(PeriodRenderer.json(report), console: console)
        case "csv": try destination.write(PeriodRenderer.csv(report, style: csvStyle), console: console)
        case "table": try destination.write(PeriodRenderer.table(report, language: language), console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: report.input, outsideSelection: 0, options: engine, asOf: nil, period: nil)
            let document = Document.period(
                report, language: try DocumentOutput.language(arguments), provenance: provenance)
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        guard report.balanceHolds, report.links.allSatisfy(\.holds) else {
            console.err(
                "tthc period: a balance or chain check failed (see the output); this is a bug, please report it\n")
            return 1
        }
        return 0
    }

    /// `--period` values in the order given, or the chain of `--periods`.
    static func periods(_ arguments: ParsedArguments) throws(UsageError) -> [ReportingPeriod] {
        let single = arguments.strings("--period")
        let chain = arguments.string("--periods")
        if !single.isEmpty && chain != nil {
            throw UsageError("tthc period: give --period values or one --periods chain, not both")
        }
        guard !single.isEmpty || chain != nil else {
            throw UsageError(
                "tthc period: expected --period P (such as 2026-q1) or --periods FROM..TO (such as 2026-01..2026-06)")
        }
        do {
            if let chain { return try ReportingPeriod.chain(chain) }
            return try single.map { text throws(PeriodError) in try ReportingPeriod.parse(text) }
        } catch {
            throw UsageError("tthc period: \(chain != nil ? "--periods" : "--period"): \(error.description)")
        }
    }
}
