import Engine
import Ingest
import Output
import _TextSupport

/// `tthc steps`: step logs (`QuaTrinhXuLy`). By default where the time goes: how long each
/// department, handler, procedure's department or transition held the dossiers, on the legal
/// clock; with `--reconcile DOSSIERS`, where a dossier table and its steps disagree
/// (`StepsReconcile`, its own file).
enum StepsCommand: Subcommand {
    /// The log options of `report` but the clock (working time is always the legal clock here) and
    /// `--dedupe` (a dossier's step rows are many by design).
    static let engineSpecs = EngineOptions.specs.filter { !["--clock", "--dedupe"].contains($0.name) }

    static let spec = CommandSpec(
        name: "steps",
        summary: "Step logs (QuaTrinhXuLy): where the time goes by department, handler, procedure, transition",
        usage:
            "tthc steps FILE... [--by department|handler|procedure|transition] [--top N] [--format table|json|csv|html|md|xlsx] [-o FILE] [options]\n       tthc steps --reconcile DOSSIERS STEPS... [--format table|json|csv] [-o FILE] [options]",
        options: [
            OptionSpec(
                "--by", value: "DIM",
                help: "department (default), handler, procedure (its departments) or transition (department A -> B)."),
            OptionSpec(
                "--top", value: "N", help: "Rows shown in the table (default 20) and documents (default 200); 0: all."),
            OptionSpec(
                "--format", value: "FMT",
                help: "table (default), json, csv, csv-excel, or a document: html, md, xlsx (xlsx needs -o)."),
            CSVOption.excelSpec, LanguageOption.spec, TargetOptions.periodSpec,
        ] + StepsReconcile.specs + OutputDestination.specs + engineSpecs,
        examples: [
            "tthc steps Datasets/sample/steps.csv --catalog Datasets/catalog/commune-procedures.csv",
            "tthc steps steps.csv --by handler --top 0 --format csv > handlers.csv",
            "tthc steps steps.csv --by procedure --catalog procedures.csv --format html -o steps.html",
            "tthc steps steps.csv --by transition --as-of 2026-03-31T17:00 --format json",
            "tthc steps --reconcile Datasets/sample/dossiers.csv Datasets/sample/steps.csv",
        ],
        notes: [
            "The time between two steps belongs to the department of the earlier step, which holds the dossier,",
            "from the received step to the end (the as-of time while open), in working time on the legal clock;",
            "waits for a supplement belong to no department. Late is the 766 verdict with the catalog's due.",
            "Without --as-of (or --to/--period) the as-of time is the latest step and the histories are held in",
            "memory; with it they stream in bounded memory. Definitions: Guides/StepTime.md.",
            "Exit status: 0 done (--reconcile: 1 when they disagree), 2 usage or input error.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        if !arguments.strings("--reconcile").isEmpty { return try StepsReconcile.run(arguments, console: console) }
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(arguments, TargetOptions.formats)
        let document = DocumentOutput.formats.contains(format)
        let language = try document ? DocumentOutput.language(arguments) : LanguageOption.terminal(arguments)
        let destination = try OutputDestination(arguments, format: format)
        let dimension = try self.dimension(arguments)
        let top = try arguments.int("--top", in: 0...10_000_000) ?? (document ? 200 : 20)
        let engine = try EngineOptions.reportOptions(arguments, console: console)
        let reading = try StepOptions.stepLogOptions(arguments, scan: engine.scan)
        var options = StepTimeOptions()
        // A document draws where the time goes per procedure, which needs that breakdown too.
        options.dimensions = document && dimension != .procedure ? [dimension, .procedure] : [dimension]
        options.classifier = engine.classifier
        options.classifier.clock = .working
        options.receivedFrom = engine.receivedFrom
        options.receivedBefore = engine.receivedBefore
        options.selection = engine.selection
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let (result, summary) = try StepTimeAnalysis.run(files: files, options: options, reading: reading)
        InputWarnings.afterReading(summary.input, parsed: arguments, files: files).forEach(console.err)
        guard let asOf = result.asOf else {
            throw UsageError("tthc steps: \(files.joined(separator: ", ")) holds no step to analyse")
        }
        var context = RunContext(
            asOf: asOf, period: try TargetOptions.period(arguments),
            from: try EngineOptions.date(arguments, "--from"), to: try EngineOptions.date(arguments, "--to"))
        context.setInput(
            summary.input, outsideSelection: result.outsideSelection, stepRows: summary.dossierLines == 0)
        switch format {
        case "json": try destination.write(StepTimeRenderer.json(result, context: context), console: console)
        case "csv":
            try destination.write(
                StepTimeRenderer.csv(result, dimension: dimension, style: csvStyle), console: console)
        case "table":
            try destination.write(
                StepTimeRenderer.table(result, context: context, dimension: dimension, top: top, language: language),
                console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: summary.input, outsideSelection: result.outsideSelection, options: engine,
                asOf: asOf, period: context.period)
            let steps = Document.stepTime(
                result, dimension: dimension, rows: top, provenance: provenance, language: language)
            try destination.write(try DocumentOutput.render(steps, format: format), console: console)
        }
        return 0
    }

    /// `--by`: one dimension.
    static func dimension(_ arguments: ParsedArguments) throws(UsageError) -> StepDimension {
        guard let text = arguments.string("--by") else { return .department }
        guard let dimension = StepDimension(rawValue: text) else {
            let allowed = StepDimension.allCases.map(\.rawValue)
            throw UsageError(
                "tthc steps: --by expects one of \(allowed.joined(separator: "|")), got '\(text)'"
                    + Suggestion.didYouMean(text, among: allowed))
        }
        return dimension
    }
}
