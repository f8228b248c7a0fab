import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Output
import Targets
import WorkingTime

/// `tthc today`: what the service center must act on now.
enum TodayCommand: Subcommand {
    static let spec = CommandSpec(
        name: "today", summary: "What needs action now: due soon, overdue, late without apology, today's figures",
        usage:
            "tthc today FILE... [--as-of TIME] [--within DURATION] [--profile NAME|FILE] [--period P] [--format table|json] [options]",
        options: [
            OptionSpec(
                "--within", value: "DURATION",
                help:
                    "Due-soon horizon in working time: 8h, 90m, 2d, 1d4h (default: rest of today and the next working day)."
            ),
            OptionSpec(
                "--profile", value: "NAME|FILE", help: "Targets to compare today's and period-to-date figures with."),
            OptionSpec(
                "--period", value: "P",
                help: "Period of the to-date figures and the selection (default: the Hanoi quarter holding as-of)."),
            OptionSpec("--limit", value: "N", help: "Dossiers listed per list (default 20; 0 lists all)."),
            TargetOptions.formatSpec, CSVOption.excelSpec, LanguageOption.spec,
        ]
            + OutputDestination.specs
            + EngineOptions.specs.map { $0.name == "--as-of" ? EngineOptions.asOfSpec(default: asOfRule) : $0 },
        examples: [
            "tthc today Datasets/sample/dossiers.csv --as-of 2026-03-11T10:00",
            "tthc today log.csv --within 8h --profile hanoi-commune-2026",
            "tthc today log.csv --format json --limit 0 > today.json",
            "tthc today log.csv --profile hanoi-commune-2026 --format html -o morning.html",
        ],
        notes: [
            "As-of: " + asOfRule + ". Working time follows the legal clock",
            "(office hours, weekends, holidays). Lists: dossiers in progress due by the horizon, sorted by due;",
            "dossiers in progress past their due, with the working time overdue and whether an apology letter is",
            "recorded; finished late dossiers without an apology letter, the most recent first.",
            "Today's figures: intake of the dossiers received today, outcomes of those finished today.",
        ])

    /// `today` monitors the present: without --as-of or a selection it judges at the current time.
    static let asOfRule = "the end of --period/--to, else now (Vietnam time)"

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        let (format, csvStyle) = try CSVOption.format(arguments, TargetOptions.formats)
        let destination = try OutputDestination(arguments, format: format)
        let profile = try TargetOptions.profile(arguments)
        let limit = try arguments.int("--limit", in: 0...1_000_000) ?? 20
        let options = try EngineOptions.reportOptions(arguments, console: console)
        let explicitPeriod = try TargetOptions.period(arguments)
        let now = Timestamp(unixSeconds: Int64(Date().timeIntervalSince1970))
        let asOf = options.selection.asOf(now: now)!
        let calendar = options.classifier.calendar
        let horizon: Timestamp
        if let text = arguments.string("--within") {
            guard let amount = parseWorkingDuration(text, perDay: calendar.workingSecondsPerDay) else {
                throw UsageError("tthc today: --within expects working time such as 8h, 90m, 2d or 1d4h, got '\(text)'")
            }
            horizon = calendar.advance(asOf, byWorkingSeconds: amount)
        } else {
            horizon = DailyMonitor.defaultHorizon(asOf: asOf, calendar: calendar)
        }
        let period = explicitPeriod ?? ReportingPeriod.hanoiQuarter(containing: asOf.date)
        let setup = MonitorSetup(
            classifier: options.classifier, asOf: asOf, horizonEnd: horizon, periodStart: period.start,
            receivedFrom: options.receivedFrom, receivedBefore: options.receivedBefore, limit: limit)
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let (consumer, input) = try MonitorConsumer.run(files: files, setup: setup, scan: options.scan)
        InputWarnings.afterReading(input, parsed: arguments, files: files).forEach(console.err)
        let report = TodayReport(
            monitor: consumer.monitor, figures: consumer.figures, periodStart: period.firstDay,
            periodName: period.description, targets: profile?.targets ?? [],
            workingSecondsPerDay: calendar.workingSecondsPerDay)
        var context = RunContext(
            asOf: asOf, period: explicitPeriod,
            from: explicitPeriod == nil ? try EngineOptions.date(arguments, "--from") : nil,
            to: explicitPeriod == nil ? try EngineOptions.date(arguments, "--to") : nil, profile: profile)
        context.setInput(input, outsideSelection: consumer.outsideSelection)
        switch format {
        case "json": try destination.write(report.json(context: context).text, console: console)
        case "csv": try destination.write(report.csv(style: csvStyle), console: console)
        case "table":
            let text = report.table(
                context: context, language: try LanguageOption.terminal(arguments),
                style: TerminalStyle(colours: console.colours && destination.path == nil))
            try destination.write(text, console: console)
        default:
            let provenance = try DocumentOutput.provenance(
                arguments, input: input, outsideSelection: consumer.outsideSelection, options: options, asOf: asOf,
                period: explicitPeriod, profile: profile)
            let document = Document.today(
                report, provenance: provenance, language: try DocumentOutput.language(arguments))
            try destination.write(DocumentOutput.render(document, format: format), console: console)
        }
        return 0
    }
}
