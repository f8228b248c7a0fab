import Engine
import Metrics
import Output

/// `tthc report`: the one-stop KPIs of dossier logs, in total and by group.
enum ReportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "report", summary: "KPIs of dossier logs: on-time, progress, online, full-online, payment, digitization",
        usage:
            "tthc report FILE... [--by DIMS] [--from DATE] [--to DATE] [--as-of TIME] [--format table|json|csv|html|md|xlsx] [-o FILE] [options]",
        options: [
            OptionSpec(
                "--by", value: "DIMS",
                help: "Group by agency|procedure|field|channel|day|week|month|quarter (comma separated)."),
            OptionSpec(
                "--format", value: "FMT",
                help: "table (default), json, csv, csv-excel, or a document: html, md, xlsx (xlsx needs -o)."),
            CSVOption.excelSpec,
            OptionSpec("--lang", value: "LANG", help: "Table labels: en (default) or vi (or set TTHC_LANG)."),
            TargetOptions.periodSpec,
            OptionSpec("--profile", value: "NAME|FILE", help: "Targets the html and md tiles are judged against."),
            OptionSpec("--late", value: "N", help: "Late dossiers listed in html and md (default 200; 0 lists all)."),
            OptionSpec(
                "--steps",
                help: "FILE... are step logs (or JSONL dossiers with QuaTrinhXuLy): their steps give received, pauses, end, status."),
            OptionSpec(
                "--dossiers", value: "FILE", repeatable: true,
                help: "With --steps: the dossier table whose rows (joined by MaHoSo) give every other field."),
        ] + StepOptions.specs + OutputDestination.specs + EngineOptions.specs,
        examples: [
            "tthc report Datasets/sample/dossiers.csv",
            "tthc report Datasets/sample/dossiers.csv --by agency --lang vi",
            "tthc report 2026-*.csv --by month,agency --format json > kpis.json",
            "tthc report Datasets/sample/dossiers.jsonl --from 2026-01-01 --to 2026-03-31 --format csv",
            "tthc report Datasets/sample/dossiers.csv --period 2026-q1 --by week",
            "tthc report Datasets/sample/dossiers.csv --profile hanoi-commune-2026 --format html -o report.html",
            "tthc report --steps Datasets/sample/steps.csv --dossiers Datasets/sample/dossiers.csv",
            "cat log.tsv | tthc report - --input-format tsv --skip-invalid --rejects rejects.txt",
        ],
        notes: [
            "Several files are read as one log. Records are classified by the 766 rules: see README.",
            "Supplement pauses and processing times are measured in working time on the legal clock.",
            "Exit status: 0 done, 2 usage or input error (the message names file, line, column and rule).",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(
            arguments, ["table", "json", "csv", "csv-excel"] + DocumentOutput.formats)
        let document = DocumentOutput.formats.contains(format)
        let language = try document ? DocumentOutput.language(arguments) : EngineOptions.language(arguments)
        let destination = try OutputDestination(arguments, format: format)
        let profile = try TargetOptions.profile(arguments)
        let lateLimit = try arguments.int("--late", in: 0...10_000_000) ?? 200
        var options = try EngineOptions.reportOptions(arguments, console: console)
        options.dimensions = try EngineOptions.dimensions(arguments)
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let result: ReportResult
        var details: ReportDetails?
        var names = ProcedureNames(catalog: options.classifier.catalog)
        if arguments.flag("--steps") {
            guard !document else {
                throw UsageError("tthc report: --steps gives table, json or csv; a document (\(format)) needs a dossier log")
            }
            result = try StepInput.report(arguments, files: files, options: options, console: console)
        } else if document {
            (result, details) = try KPIEngine.run(files: files, options: options, lateLimit: lateLimit)
        } else if format == "table" && options.dimensions.contains(.procedure) {
            // A table by procedure names each code as the log does (TenTTHC), else as the catalog does.
            let (report, logNames) = try KPIEngine.runNamingProcedures(files: files, options: options)
            result = report
            names.log = logNames
        } else {
            result = try KPIEngine.run(files: files, options: options)
        }
        InputWarnings.afterReading(result.input, parsed: arguments, files: files).forEach(console.err)
        let warning = CatalogMissWarning.text(
            result.catalogMisses, command: "report", catalog: arguments.string("--catalog"))
        warning.map(console.err)
        switch format {
        case "json": try destination.write(ReportRenderer.json(result), console: console)
        case "csv": try destination.write(ReportRenderer.csv(result, style: csvStyle), console: console)
        case "table":
            try destination.write(
                ReportRenderer.table(result, language: language, procedureNames: names), console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: result.input, outsideSelection: result.outsideSelection, options: options,
                asOf: result.asOf, period: try TargetOptions.period(arguments), profile: profile)
            let report = Document.report(
                result, details: details!, profile: profile, provenance: provenance, language: language)
            try destination.write(try DocumentOutput.render(report, format: format), console: console)
        }
        return 0
    }
}
