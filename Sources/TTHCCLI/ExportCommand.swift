import Engine
import Ingest
import ProcessExport
import _TextSupport

/// `tthc export`: dossier logs as process-mining files (IEEE 1849 XES, OCEL 2.0 JSON).
enum ExportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "export", summary: "Dossier logs as process-mining files: XES (IEEE 1849) or OCEL 2.0 JSON",
        usage:
            "tthc export FILE... --to xes|ocel -o FILE [--steps] [--personal-names | --pseudonym-key KEY] [options]",
        options: [
            OptionSpec(
                "--to", value: "FORMAT",
                help:
                    "xes (one trace per dossier) or ocel (OCEL 2.0 JSON: dossier, procedure, department, citizen request)."
            ),
            OptionSpec(
                "--pseudonym-key", value: "KEY",
                help:
                    "Replace personal names by keyed pseudonyms stable across runs with the same KEY (default: a random key per run)."
            ),
            OptionSpec(
                "--steps",
                help:
                    "The FILEs are step logs (QuaTrinhXuLy rows, or JSONL dossiers with their steps): one event per step."
            ),
            OptionSpec(
                "--personal-names", help: "Export handlers' and owners' names (NguoiXuLy, ChuHoSo) as they are."),
            TargetOptions.periodSpec,
        ] + OutputDestination.specs + StepOptions.specs
            + EngineOptions.specs.filter { $0.name != "--from" && $0.name != "--to" },
        examples: [
            "tthc export Datasets/sample/dossiers.csv --to xes -o dossiers.xes",
            "tthc export Datasets/sample/dossiers.jsonl --to ocel -o dossiers.ocel.json --pseudonym-key \"$KEY\"",
            "tthc export 2026-*.csv --period 2026-q1 --to xes -o q1.xes",
            "tthc export steps.csv --steps --to ocel -o steps.ocel.json --catalog Datasets/catalog/commune-procedures.csv",
        ],
        notes: [
            "Several files are read as one log; each dossier is judged by the 766 rules at the as-of time, as report does.",
            "A later record of the same MaHoSo replaces earlier ones (as --dedupe last); --dedupe detect keeps them all (xes only).",
            "Select dates with --period (2026-q1, or a span FROM..TO): --to names the format here.",
            "The counts written are printed on standard error. Guides/Export.md maps each field.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let files = try EngineOptions.files(arguments)
        guard let formatName = try arguments.choice("--to", ExportFormat.allCases.map(\.rawValue)) else {
            throw UsageError("tthc export: expected --to xes or --to ocel")
        }
        let format = ExportFormat(rawValue: formatName)!
        if arguments.flag("--personal-names") && arguments.string("--pseudonym-key") != nil {
            throw UsageError(
                "tthc export: --personal-names exports names as they are, --pseudonym-key replaces them; give one of the two"
            )
        }
        guard let path = arguments.string("-o"), path != "-" else {
            throw UsageError(
                "tthc export: give -o FILE (such as -o log.\(formatName)); the file is written as the log is read")
        }
        let destination = try OutputDestination(arguments, format: formatName)
        // The shared options read `--to` as a date: here it names the format.
        var engineArguments = arguments
        engineArguments.values["--to"] = nil
        var options = ExportOptions()
        options.format = format
        // One trace (one object) per dossier: a later record of the same MaHoSo replaces earlier ones
        // unless `--dedupe detect` keeps every record.
        if engineArguments.string("--dedupe") == nil { engineArguments.values["--dedupe"] = ["last"] }
        options.report = try EngineOptions.reportOptions(engineArguments, console: console)
        if arguments.flag("--personal-names") {
            options.pseudonyms = nil
        } else if let key = arguments.string("--pseudonym-key") {
            guard !key.isEmpty else { throw UsageError("tthc export: --pseudonym-key expects a non-empty KEY") }
            options.pseudonyms = Pseudonyms(keyText: key)
        }
        options.source = files.joined(separator: " ")
        InputWarnings.beforeReading(arguments, files: files).forEach(console.err)
        let steps = arguments.flag("--steps")
        let stepOptions = try StepOptions.stepLogOptions(arguments, scan: options.report.scan)
        let result = try destination.streaming(to: path) { descriptor in
            steps
                ? try ProcessExportEngine.runSteps(
                    files: files, options: options, steps: stepOptions, output: descriptor)
                : try ProcessExportEngine.run(files: files, options: options, output: descriptor)
        }
        InputWarnings.afterReading(result.input, parsed: engineArguments, files: files).forEach(console.err)
        console.err(summaryLine(result.counts, format: format, path: path) + "\n")
        return 0
    }

    /// The counts a reader of the file must find, on one line (`Benchmarks/export-check.py` reads it).
    static func summaryLine(_ counts: ExportCounts, format: ExportFormat, path: String) -> String {
        let left =
            counts.withoutEvents == 0
            ? "" : "; \(counts.withoutEvents) dossiers without a dated event (registered, never received) left out"
        return wrote(counts, format: format, path: path) + left
    }

    private static func wrote(_ counts: ExportCounts, format: ExportFormat, path: String) -> String {
        switch format {
        case .xes:
            return "tthc export: wrote \(counts.traces) traces and \(counts.events) events to \(path)"
        case .ocel:
            return
                "tthc export: wrote \(counts.events) events and \(counts.objects) objects (\(counts.dossierObjects) dossiers, "
                + "\(counts.procedureObjects) procedures, \(counts.departmentObjects) departments, "
                + "\(counts.requestObjects) citizen requests) to \(path)"
        }
    }
}
