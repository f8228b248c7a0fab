import CivilTime
import Engine
import Metrics
import Output
import Targets

/// `tthc score`: the parts of the 766 index a dossier log can support, per unit and in total.
enum ScoreCommand: Subcommand {
    static let spec = CommandSpec(
        name: "score", summary: "Estimate the 766 index groups the log supports, per unit and in total",
        usage: "tthc score FILE... [--profile 766|FILE] [--by DIMS] [--period P] [--format table|json] [options]",
        options: [
            OptionSpec("--profile", value: "NAME|FILE", help: "A profile with a score section (default: 766)."),
            OptionSpec(
                "--by", value: "DIMS", help: "Units to score separately (default: agency; 'none' for totals only)."),
            TargetOptions.periodSpec,
            TargetOptions.formatSpec, CSVOption.excelSpec, LanguageOption.spec,
        ] + OutputDestination.specs + EngineOptions.specs,
        examples: [
            "tthc score Datasets/sample/dossiers.csv",
            "tthc score log.csv --period 2026-q1 --format json",
            "tthc score log.csv --by agency,procedure --profile my-766-reading.json",
        ],
        notes: [
            "Groups: progress (20 points, 20 x rate), online service (12, online rate, full at 50%), online payment",
            "(10), digitization (22: electronic results 6 and digitized dossiers 4, full at 80%; 12 not computed).",
            "Below its threshold an indicator scores rate x max / threshold (Guides/Index766.md). Publicity and",
            "satisfaction (36 points) are not in a dossier log and are listed as not computed, never guessed.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(arguments, TargetOptions.formats)
        let destination = try OutputDestination(arguments, format: format)
        let profile = try TargetOptions.profile(arguments, default: "766")!
        guard let model = profile.score else {
            throw UsageError(
                "tthc score: --profile \(profile.name) has no \"score\" section; expected a profile such as 766 (see Guides/Targets.md)"
            )
        }
        var options = try EngineOptions.reportOptions(arguments, console: console)
        let period = try TargetOptions.period(arguments)
        let dimensions: [GroupDimension] =
            arguments.string("--by") == "none"
            ? [] : arguments.string("--by") == nil ? [.agency] : try EngineOptions.dimensions(arguments)
        options.dimensions = dimensions
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let result = try KPIEngine.run(files: files, options: options)
        InputWarnings.afterReading(result.input, parsed: arguments, files: files).forEach(console.err)
        let warning = CatalogMissWarning.text(
            result.catalogMisses, command: "score", catalog: arguments.string("--catalog"))
        warning.map(console.err)
        let total = model.estimate(result.totals.counts)
        var units: [(key: String, estimate: ScoreEstimate)] = []
        if !dimensions.isEmpty {
            for group in Breakdown(projecting: result, onto: dimensions).groups {
                units.append((group.key.joined(separator: " / "), model.estimate(group.counts)))
            }
        }
        var context = RunContext(
            asOf: result.asOf ?? Timestamp(seconds: 0), period: period,
            from: period == nil ? try EngineOptions.date(arguments, "--from") : nil,
            to: period == nil ? try EngineOptions.date(arguments, "--to") : nil, profile: profile)
        context.setInput(result.input, outsideSelection: result.outsideSelection)
        let unitDimension = dimensions.map(\.rawValue).joined(separator: ",")
        switch format {
        case "json":
            try destination.write(
                ScoreReport.json(total: total, units: units, unitDimension: unitDimension, context: context).text,
                console: console)
        case "csv":
            try destination.write(ScoreReport.csv(total: total, units: units, style: csvStyle), console: console)
        case "table":
            try destination.write(
                ScoreReport.table(
                    total: total, units: units, unitDimension: unitDimension, context: context,
                    language: try LanguageOption.terminal(arguments)),
                console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: result.input, outsideSelection: result.outsideSelection, options: options,
                asOf: result.asOf, period: period, profile: profile)
            let document = Document.score(
                total: total, units: units, unitDimension: unitDimension, provenance: provenance,
                language: try DocumentOutput.language(arguments))
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return 0
    }
}
