import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Output
import WorkingTime
import _TextSupport

/// The options every log-reading command shares (`report`, `check`, `today`, `score`, `audit`):
/// one definition, one parser, so they behave the same everywhere.
enum EngineOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(
            "--from", value: "DATE", help: "Keep dossiers received on or after DATE (2026-01-01, 20260101, 1/1/2026)."),
        OptionSpec("--to", value: "DATE", help: "Keep dossiers received on or before DATE (as --from)."),
        asOfSpec(default: DateSelection.asOfRule),
        OptionSpec(
            "--catalog", value: "FILE", help: "Procedure catalog CSV: legal deadlines when NgayHenTra is missing."),
        CalendarOption.spec(),
        OptionSpec("--due-mode", value: "MODE", help: "exact (default) or end-of-day: how a catalog due is placed."),
        OptionSpec(
            "--clock", value: "CLOCK",
            help: "working (default): pauses and processing times in office hours; calendar: in elapsed time."),
        OptionSpec("--lenient-supplements", help: "Do not count dossiers with several supplement requests as late."),
        OptionSpec("--input-format", value: "FMT", help: "csv, tsv or jsonl (default: from each file's extension)."),
        OptionSpec(
            "--encoding", value: "ENC",
            help:
                "Text encoding of files without a byte-order mark: utf-8 (default), cp1258, tcvn3, utf-16le, or any iconv name."
        ),
        OptionSpec("-j", value: "N", help: "Parallel workers (default: all cores). Results never depend on it."),
        OptionSpec("--skip-invalid", help: "Count and skip invalid records instead of stopping at the first."),
        OptionSpec(
            "--rejects", value: "FILE", help: "Write rejected records verbatim, each after '# file:line:col: reason'."),
        OptionSpec(
            "--dedupe", value: "MODE", help: "last: a later record of the same MaHoSo replaces earlier ones (2 passes)."
        ),
        OptionSpec(
            "--chunk-size", value: "BYTES",
            help: "Bytes per piece of parallel work (default 1048576; 32 pieces make a batch)."),
        OptionSpec(
            "--delimiter", value: "CHAR",
            help: "CSV field separator: , ; tab or | (default: found from each file's header line)."),
        OptionSpec(
            "--columns", value: "FILE",
            help: "Header names of another export: a CSV 'header,field' mapping each name to a DVCQG field."),
        OptionSpec(
            "--max-record-bytes", value: "BYTES",
            help: "Longest CSV record (default 262144); a longer one, or a quote never closed, is invalid."),
        quietSpec,
    ]

    static let quietSpec = OptionSpec(
        "--quiet", help: "No progress line on standard error (it is drawn only on a terminal, after 1 s).")

    /// The options that say how log files are read, for the commands that read logs without
    /// judging them by the report's rules (`audit`, `simulate --from-log`, `calibrate`): the same
    /// specs and the same parsing as `report`, so a file that `report` reads, they read too.
    static let readingSpecs: [OptionSpec] = specs.filter { readingNames.contains($0.name) }
    private static let readingNames: Set<String> = [
        "--input-format", "--encoding", "--skip-invalid", "--rejects", "--chunk-size", "--delimiter", "--columns",
        "--max-record-bytes",
    ]

    /// Parses `readingSpecs` into `scan` (not `-j`: each command says what its workers do).
    static func readingOptions(_ parsed: ParsedArguments, into scan: inout ScanOptions) throws {
        if let chunk = try parsed.int("--chunk-size", in: 1...(1 << 30)) { scan.chunkSize = chunk }
        if let format = try parsed.choice("--input-format", InputFormat.allCases.map(\.rawValue)) {
            scan.format = InputFormat(rawValue: format)
        }
        scan.encoding = try encoding(parsed)
        scan.skipInvalid = parsed.flag("--skip-invalid")
        scan.rejectsPath = parsed.string("--rejects")
        try layoutOptions(parsed, into: &scan)
    }

    /// `--delimiter`, `--columns` and `--max-record-bytes`: how CSV/TSV records are laid out.
    static func layoutOptions(_ parsed: ParsedArguments, into scan: inout ScanOptions) throws {
        if let text = parsed.string("--delimiter") {
            guard let byte = DelimiterChoice.byte(named: text) else {
                throw UsageError("tthc \(parsed.command): --delimiter expects , ; tab or |, got '\(text)'")
            }
            scan.delimiter = byte
        }
        if let path = parsed.string("--columns") { scan.columnMapping = try ColumnMapping.read(contentsOfFile: path) }
        if let bytes = try parsed.int("--max-record-bytes", in: 64...(1 << 30)) { scan.maxRecordBytes = bytes }
    }

    /// `--as-of`, with where its default comes from. Dossiers received after it are left out.
    static func asOfSpec(default rule: String) -> OptionSpec {
        OptionSpec(
            "--as-of", value: "TIME",
            help: "Judge dossiers at TIME; those received later are left out (input.after_as_of). Default: \(rule).")
    }

    /// Parses a date option in any spelling the logs use (`TimestampParser`: 2026-12-31,
    /// 20261231, 31/12/2026); a time other than midnight is refused, since the option takes whole days.
    static func date(_ parsed: ParsedArguments, _ name: String) throws(UsageError) -> CivilDate? {
        guard let text = parsed.string(name) else { return nil }
        guard let t = TimestampParser.parse(text) else {
            throw UsageError(
                "tthc \(parsed.command): \(name) expects a date such as 2026-12-31, 20261231 or 31/12/2026, got '\(text)'"
            )
        }
        guard t.secondOfDay == 0 else {
            throw UsageError(
                "tthc \(parsed.command): \(name) takes a date and keeps whole days, got the time '\(text)'; "
                    + "write the date alone (\(t.date))")
        }
        guard WorkCalendar.coveredYears.contains(t.date.year) else {
            throw UsageError("tthc \(parsed.command): \(name) \(text) is \(WorkCalendar.outsideText)")
        }
        return t.date
    }

    static func timestamp(_ parsed: ParsedArguments, _ name: String) throws(UsageError) -> Timestamp? {
        guard let text = parsed.string(name) else { return nil }
        guard let t = TimestampParser.parse(text) else {
            throw UsageError(
                "tthc \(parsed.command): \(name) expects a time such as 2026-03-02T08:15, 20260302081500 or 02/03/2026 08:15, got '\(text)'"
            )
        }
        guard WorkCalendar.covers(t) else {
            throw UsageError("tthc \(parsed.command): \(name) \(text) is \(WorkCalendar.outsideText)")
        }
        return t
    }

    /// The input files: at least one path (or `-` for standard input).
    static func files(_ parsed: ParsedArguments) throws(UsageError) -> [String] {
        guard !parsed.positionals.isEmpty else {
            throw UsageError("tthc \(parsed.command): expected at least one dossier log FILE (or - for standard input)")
        }
        return parsed.positionals
    }

    /// Builds report options from the shared flags. `dimensions` comes from the caller.
    /// With a `console`, a long read draws a progress line on it (see `ProgressLine`).
    static func reportOptions(_ parsed: ParsedArguments, console: Console? = nil) throws -> ReportOptions {
        var options = ReportOptions()
        if let workers = try parsed.int("-j", in: 1...256) { options.scan.workers = workers }
        try readingOptions(parsed, into: &options.scan)
        if let dedupe = try parsed.choice("--dedupe", ["last", "detect"]) {
            options.scan.dedupe = DedupeMode(rawValue: dedupe)!
        }
        let selection = DateSelection(
            from: try date(parsed, "--from"), to: try date(parsed, "--to"), period: try TargetOptions.period(parsed),
            asOf: try timestamp(parsed, "--as-of"))
        do {
            try selection.apply(to: &options)
        } catch {
            throw UsageError("tthc \(parsed.command): \(error.message)")
        }
        var classifier = DossierClassifier()
        classifier.lenientSupplements = parsed.flag("--lenient-supplements")
        if let mode = try parsed.choice("--due-mode", ["exact", "end-of-day"]) {
            classifier.dueMode = DueMode(rawValue: mode)!
        }
        if let clock = try parsed.choice("--clock", Clock.allCases.map(\.rawValue)) {
            classifier.clock = Clock(rawValue: clock)!
        }
        classifier.calendar = try CalendarLoading.calendar(parsed)
        classifier.catalog = try CalendarLoading.catalog(parsed)
        options.classifier = classifier
        if let console, let files = try? files(parsed) {
            options.scan.progress = ProgressLine.attach(
                parsed, files: files, console: console, passes: options.scan.dedupe == .last ? 2 : 1)
        }
        return options
    }

    /// `--encoding`: nil for UTF-8, else an encoding the system's iconv converts.
    static func encoding(_ parsed: ParsedArguments) throws(UsageError) -> TextEncoding? {
        guard let name = parsed.string("--encoding"), !TextEncoding.isUTF8(name) else { return nil }
        let encoding = TextEncoding(named: name)
        guard encoding.isKnown else {
            throw UsageError(
                "tthc \(parsed.command): --encoding expects utf-8, cp1258 (Windows-1258), tcvn3 (TCVN3) or another name that 'iconv -l' lists, got '\(name)'"
            )
        }
        return encoding
    }

    static func dimensions(_ parsed: ParsedArguments, option: String = "--by") throws(UsageError) -> [GroupDimension] {
        guard let text = parsed.string(option) else { return [] }
        var dimensions: [GroupDimension] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let dimension = GroupDimension(rawValue: name) else {
                let allowed = GroupDimension.allCases.map(\.rawValue)
                throw UsageError(
                    "tthc \(parsed.command): \(option) expects a comma-separated list of \(allowed.joined(separator: "|")), got '\(name)'"
                        + Suggestion.didYouMean(name, among: allowed))
            }
            guard !dimensions.contains(dimension) else {
                throw UsageError("tthc \(parsed.command): \(option) names \(name) twice; expected each dimension once")
            }
            dimensions.append(dimension)
        }
        guard dimensions.count <= 4 else {
            throw UsageError("tthc \(parsed.command): \(option) takes at most 4 dimensions, got \(dimensions.count)")
        }
        return dimensions
    }

    static func language(_ parsed: ParsedArguments) throws(UsageError) -> Language {
        try LanguageOption.terminal(parsed)
    }
}

/// Loads the working calendar and procedure catalog named on the command line.
enum CalendarLoading {
    static func calendar(_ parsed: ParsedArguments) throws -> WorkCalendar { try CalendarOption.calendar(parsed) }

    static func catalog(_ parsed: ParsedArguments) throws -> ProcedureCatalog? {
        try parsed.string("--catalog").map { try CatalogReader.read(contentsOfFile: $0) }
    }
}
