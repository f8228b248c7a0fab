import Engine
import Ingest
import Metrics
import Output
import WorkingTime

/// `tthc audit`: the options of `DueAudit`, and its report printed by `AuditRenderer`.
enum AuditCommand: Subcommand {
    static let spec = CommandSpec(
        name: "audit", summary: "Audit recorded due dates (NgayHenTra) against the legal due",
        usage: "tthc audit FILE... --catalog FILE [--calendar FILE]... [options]",
        options: [
            OptionSpec("--catalog", value: "FILE", help: "Procedure catalog CSV with the legal deadlines (required)."),
            CalendarOption.spec(),
            OptionSpec(
                "--due-mode", value: "MODE", help: "exact (default) or end-of-day: how the legal due is placed."),
            OptionSpec(
                "--tolerance", value: "MINUTES",
                help: "Differences up to this many minutes count as matching (default 0)."),
            OptionSpec("--examples", value: "N", help: "Example dossiers shown per unit and procedure (default 3)."),
            OptionSpec(
                "--format", value: "FORMAT",
                help: "text (default), json, csv, csv-excel, or a document: html, md, xlsx (xlsx needs -o)."),
            CSVOption.excelSpec, LanguageOption.spec,
            OptionSpec("-j", value: "N", help: "Parallel workers (default: all cores). Results never depend on it."),
            EngineOptions.quietSpec,
        ] + EngineOptions.readingSpecs + OutputDestination.specs,
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
        let (format, csvStyle) = try CSVOption.format(
            arguments, ["text", "json", "csv", "csv-excel"] + DocumentOutput.formats, default: "text")
        let destination = try OutputDestination(arguments, format: format)
        var scan = ScanOptions()
        if let workers = try arguments.int("-j", in: 1...256) { scan.workers = workers }
        try EngineOptions.readingOptions(arguments, into: &scan)
        scan.progress = ProgressLine.attach(arguments, files: arguments.positionals, console: console)

        let classifier = DossierClassifier(calendar: calendar, catalog: catalog, dueMode: mode)
        let settings = AuditSettings(classifier: classifier, tolerance: tolerance, exampleLimit: exampleLimit)
        InputWarnings.beforeReading(arguments, files: arguments.positionals).forEach(console.err)
        let result = try DueAudit.run(files: arguments.positionals, settings: settings, scan: scan)
        InputWarnings.afterReading(result.input, parsed: arguments, files: arguments.positionals).forEach(console.err)
        switch format {
        case "json": try destination.write(AuditRenderer.json(result), console: console)
        case "csv": try destination.write(AuditRenderer.csv(result, style: csvStyle), console: console)
        case "text":
            try destination.write(
                AuditRenderer.text(
                    result, catalogPath: catalogPath, language: try LanguageOption.terminal(arguments)),
                console: console)
        default:
            let language = try DocumentOutput.language(arguments)
            let provenance = DocumentProvenance(
                commandLine: DocumentOutput.commandLine(arguments), input: result.input, catalog: catalogPath,
                calendarOverlays: arguments.strings("--calendar"), clock: classifier.clock,
                facts: [
                    .init(Labels.document("due_mode", language), .code(mode.rawValue)),
                    .init(Labels.document("tolerance", language), .integer(Int(tolerance / 60))),
                ])
            let document = Document.audit(result, provenance: provenance, language: language)
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return 0
    }
}
