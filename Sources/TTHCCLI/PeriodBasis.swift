import CivilTime
import Engine
import Metrics
import Output
import Targets

/// `--basis received|period` of `check` and `score`: which dossiers a period's KPIs count.
enum PeriodBasis {
    static let spec = OptionSpec(
        "--basis", value: "B",
        help:
            "received (default): dossiers received in the selection; period: the period table's figures (on-time over dossiers finished in --period)."
    )

    /// True for `--basis period`.
    static func isPeriod(_ arguments: ParsedArguments) throws(UsageError) -> Bool {
        try arguments.choice("--basis", ["received", "period"]) == "period"
    }

    /// The period the figures cover: `--period`, else `--from..--to`; `--as-of` does not apply.
    static func period(_ arguments: ParsedArguments) throws(UsageError) -> ReportingPeriod {
        if arguments.string("--as-of") != nil {
            throw UsageError(
                "tthc \(arguments.command): --basis period judges in-progress dossiers at the period's last instant; drop --as-of"
            )
        }
        if let period = try TargetOptions.period(arguments) { return period }
        let from = try EngineOptions.date(arguments, "--from")
        let to = try EngineOptions.date(arguments, "--to")
        guard let from, let to, from <= to else {
            throw UsageError(
                "tthc \(arguments.command): --basis period needs --period P (such as 2026-q1) or --from and --to in order"
            )
        }
        return ReportingPeriod(year: to.year, kind: .span, firstDay: from, lastDay: to)
    }

    /// One pass of the period table over `period` with rows for each of `dimensions` (agency,
    /// field or procedure); the classifier and scan options are the command's.
    static func run(
        files: [String], period: ReportingPeriod, dimensions: [GroupDimension], engine: ReportOptions,
        arguments: ParsedArguments, console: Console
    ) throws -> PeriodReport {
        let command = arguments.command
        guard dimensions.allSatisfy(PeriodOptions.unitDimensions.contains) else {
            throw UsageError("tthc \(command): with --basis period, --by takes agency, field or procedure")
        }
        var options = PeriodOptions()
        options.periods = [period]
        var unique: [GroupDimension] = []
        for d in dimensions where !unique.contains(d) { unique.append(d) }
        options.dimensions = unique
        options.classifier = engine.classifier
        options.scan = engine.scan
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let report = try PeriodEngine.run(files: files, options: options)
        InputWarnings.afterReading(report.input, parsed: arguments, files: files).forEach(console.err)
        warn(report, command: command, catalog: arguments.string("--catalog"), console: console)
        return report
    }
}

extension PeriodBasis {
    /// Warnings of a period run on standard error: catalog misses, and what the table warns of.
    static func warn(
        _ report: PeriodReport, command: String, catalog: String?, language: Language = .en, console: Console
    ) {
        CatalogMissWarning.text(report.catalogMisses, command: command, catalog: catalog).map(console.err)
        for line in PeriodRenderer.warningLines(report, language: language) {
            console.err("tthc \(command): warning: " + line + "\n")
        }
    }

    /// What the outputs name: the period, judged at its last instant, on the period basis.
    static func context(
        _ report: PeriodReport, profile: TargetProfile?, engine: ReportOptions, arguments: ParsedArguments
    ) throws -> (RunContext, DocumentProvenance) {
        let period = report.periods[0]
        var context = RunContext(asOf: period.defaultAsOf, period: period, profile: profile)
        context.basis = "period"
        context.setInput(report.input, outsideSelection: 0)
        var provenance = try DocumentOutput.provenance(
            arguments, input: report.input, outsideSelection: 0, options: engine, asOf: period.defaultAsOf,
            period: period, profile: profile)
        let language = try DocumentOutput.language(arguments)
        provenance.facts.append(
            .init(Labels.periodPhrase("basis", language), .text(Labels.periodPhrase("basis_period", language))))
        return (context, provenance)
    }
}

extension CheckCommand {
    /// `check --basis period`: the targets judged on the period table's figures, the `--by`
    /// groups and the contributors (agency, procedure) from the same single pass.
    static func checkOnPeriodBasis(
        files: [String], items: [TargetProfile.Item], profile: TargetProfile?, top: Int, engine: ReportOptions,
        arguments: ParsedArguments, console: Console
    ) throws -> (TargetCheck, RunContext, DocumentProvenance) {
        let period = try PeriodBasis.period(arguments)
        let by = try EngineOptions.dimensions(arguments)
        guard by.count <= 1 else {
            throw UsageError("tthc check: with --basis period, --by takes one of agency, field or procedure")
        }
        let contributors: [GroupDimension] = top > 0 ? [.agency, .procedure] : []
        let report = try PeriodBasis.run(
            files: files, period: period, dimensions: by + contributors, engine: engine, arguments: arguments,
            console: console)
        let check = TargetCheck(
            items: items, watch: profile?.watch ?? [], notChecked: profile?.notChecked ?? [],
            totals: PeriodReport.kpiCounts(report.totals[0]),
            groups: by.first.map { Breakdown(periodReport: report, dimension: $0, period: 0) },
            contributorBreakdowns: contributors.map { Breakdown(periodReport: report, dimension: $0, period: 0) },
            limit: top)
        let (context, provenance) = try PeriodBasis.context(
            report, profile: profile, engine: engine, arguments: arguments)
        return (check, context, provenance)
    }
}

extension ScoreCommand {
    /// `score --basis period`: the 766 estimate on the period table's figures, per unit.
    static func scoreOnPeriodBasis(
        files: [String], model: ScoreModel, profile: TargetProfile, dimensions: [GroupDimension],
        engine: ReportOptions, arguments: ParsedArguments, console: Console
    ) throws -> (ScoreEstimate, [(key: String, estimate: ScoreEstimate)], RunContext, DocumentProvenance) {
        let period = try PeriodBasis.period(arguments)
        guard dimensions.count <= 1 else {
            throw UsageError("tthc score: with --basis period, --by takes one of agency, field or procedure, or none")
        }
        let report = try PeriodBasis.run(
            files: files, period: period, dimensions: dimensions, engine: engine, arguments: arguments,
            console: console)
        let total = model.estimate(PeriodReport.kpiCounts(report.totals[0]))
        let units =
            dimensions.first.map { dimension in
                Breakdown(periodReport: report, dimension: dimension, period: 0).groups.map {
                    (key: $0.key.joined(separator: " / "), estimate: model.estimate($0.counts))
                }
            } ?? []
        let (context, provenance) = try PeriodBasis.context(
            report, profile: profile, engine: engine, arguments: arguments)
        return (total, units, context, provenance)
    }
}
