import Engine
import Metrics
import Output

/// `tthc report`: the one-stop KPIs of dossier logs, in total and by group.
enum ReportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "report", summary: "KPIs of dossier logs: on-time, progress, online, full-online, payment, digitization",
        usage:
            "tthc report FILE... [--by DIMS] [--from DATE] [--to DATE] [--as-of TIME] [--format table|json|csv] [options]",
        options: [
            OptionSpec(
                "--by", value: "DIMS",
                help: "Group by agency|procedure|field|channel|day|week|month|quarter (comma separated)."),
            OptionSpec("--format", value: "FMT", help: "table (default), json or csv."),
            OptionSpec("--lang", value: "LANG", help: "Table labels: en (default) or vi (or set TTHC_LANG)."),
            TargetOptions.periodSpec,
        ] + EngineOptions.specs,
        examples: [
            "tthc report Datasets/sample/dossiers.csv",
            "tthc report Datasets/sample/dossiers.csv --by agency --lang vi",
            "tthc report 2026-*.csv --by month,agency --format json > kpis.json",
            "tthc report Datasets/sample/dossiers.jsonl --from 2026-01-01 --to 2026-03-31 --format csv",
            "tthc report Datasets/sample/dossiers.csv --period 2026-q1 --by week",
            "cat log.tsv | tthc report - --input-format tsv --skip-invalid --rejects rejects.txt",
        ],
        notes: [
            "Several files are read as one log. Records are classified by the 766 rules: see README.",
            "Supplement pauses and processing times are measured in working time on the legal clock.",
            "Exit status: 0 done, 2 usage or input error (the message names file, line, column and rule).",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let format = try arguments.choice("--format", ["table", "json", "csv"]) ?? "table"
        let language = try EngineOptions.language(arguments)
        var options = try EngineOptions.reportOptions(arguments)
        options.dimensions = try EngineOptions.dimensions(arguments)
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let result = try KPIEngine.run(files: files, options: options)
        InputWarnings.afterReading(result.input, parsed: arguments, files: files).forEach(console.err)
        let warning = CatalogMissWarning.text(
            result.catalogMisses, command: "report", catalog: arguments.string("--catalog"))
        warning.map(console.err)
        switch format {
        case "json": console.out(ReportRenderer.json(result))
        case "csv": console.out(ReportRenderer.csv(result))
        default: console.out(ReportRenderer.table(result, language: language))
        }
        return 0
    }
}
