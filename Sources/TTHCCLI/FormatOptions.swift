import Foundation
import Output

/// `--lang`: the one language option of every command.
enum LanguageOption {
    static let spec = OptionSpec(
        "--lang", value: "LANG", help: "en or vi (default: TTHC_LANG, else en; documents: vi).")

    /// The language of terminal output (tables, text, CSV): `--lang`, else `TTHC_LANG`, else English.
    static func terminal(_ parsed: ParsedArguments) throws(UsageError) -> Language {
        if let text = try parsed.choice("--lang", Language.allCases.map(\.rawValue)) {
            return Language(rawValue: text)!
        }
        if let env = ProcessInfo.processInfo.environment["TTHC_LANG"], let language = Language(rawValue: env) {
            return language
        }
        return .en
    }
}

/// `--format csv|csv-excel` and `--excel`: plain CSV for programs, or CSV for Excel.
enum CSVOption {
    static let excelSpec = OptionSpec(
        "--excel", help: "CSV for Excel (same as --format csv-excel): a UTF-8 BOM; with --lang vi, ';' and 0,5.")

    /// The `--format` choice among `allowed` (which should hold `csv` and `csv-excel`), with
    /// `csv-excel` and `--excel` read as `csv` in Excel's style. `--excel` alone means CSV.
    static func format(_ parsed: ParsedArguments, _ allowed: [String], default name: String = "table")
        throws(UsageError) -> (format: String, csv: CSVStyle)
    {
        let excel = parsed.flag("--excel")
        let given = try parsed.choice("--format", allowed)
        let format = given ?? (excel ? "csv" : name)
        guard format == "csv" || format == "csv-excel" else {
            if excel {
                throw UsageError(
                    "tthc \(parsed.command): --excel applies to CSV output; drop it or use --format csv-excel")
            }
            return (format, .plain)
        }
        let style = excel || format == "csv-excel" ? CSVStyle.excel(try LanguageOption.terminal(parsed)) : .plain
        return ("csv", style)
    }
}
