import CivilTime
import Engine
import Ingest
import Output
import Targets

/// The document formats (`--format html|md|xlsx`) of the commands that build a `Document`: which
/// language a document is written in, how its provenance is filled from the options, and how it
/// is rendered and written (`OutputDestination`).
enum DocumentOutput {
    static let formats = ["html", "md", "xlsx"]

    /// Documents are filed in Vietnamese offices: Vietnamese unless `--lang` says otherwise
    /// (`TTHC_LANG` sets the terminal's language only).
    static func language(_ parsed: ParsedArguments) throws(UsageError) -> Language {
        if let text = try parsed.choice("--lang", Language.allCases.map(\.rawValue)) {
            return Language(rawValue: text)!
        }
        return .vi
    }

    /// The command line the document names: `tthc report log.csv --format html -o r.html`.
    static func commandLine(_ parsed: ParsedArguments) -> [String] {
        ["tthc", parsed.command] + parsed.given
    }

    /// What every log-reading command's document names: the files and what was read, the rejects,
    /// the dates, the catalog, calendar and clock.
    static func provenance(
        _ parsed: ParsedArguments, input: InputSummary, outsideSelection: Int, options: ReportOptions,
        asOf: Timestamp?, period: ReportingPeriod?, profile: TargetProfile? = nil
    ) throws -> DocumentProvenance {
        DocumentProvenance(
            commandLine: commandLine(parsed), generator: Version.text, input: input, outsideSelection: outsideSelection,
            rejectsFile: options.scan.rejectsPath, period: period,
            from: period == nil ? try EngineOptions.date(parsed, "--from") : nil,
            to: period == nil ? try EngineOptions.date(parsed, "--to") : nil, asOf: asOf,
            catalog: parsed.string("--catalog"), calendarOverlays: parsed.strings("--calendar"),
            clock: options.classifier.clock, profile: profile)
    }

    /// The document's bytes in `format`.
    static func render(_ document: Document, format: String) throws -> [UInt8] {
        switch format {
        case "md": return Array(MarkdownRenderer.render(document).utf8)
        case "xlsx":
            do {
                return try XLSXRenderer.render(document)
            } catch {
                throw UsageError("tthc \(document.kind.rawValue): cannot write the workbook: \(error)")
            }
        default: return Array(HTMLRenderer.render(document).utf8)
        }
    }

    /// Renders `document` and writes it where `-o` says (standard output without it).
    static func write(_ document: Document, format: String, _ parsed: ParsedArguments, console: Console) throws {
        let destination = try OutputDestination(parsed, format: format)
        try destination.write(try render(document, format: format), console: console)
    }
}
