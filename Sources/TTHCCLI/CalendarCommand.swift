import CivilTime
import Ingest
import Output
import WorkingTime
import _TextSupport

/// `tthc calendar`: the working calendar of a year, and lunar/solar date conversion.
enum CalendarCommand: Subcommand {
    static let spec = CommandSpec(
        name: "calendar", summary: "Working calendar of a year; lunar and solar dates",
        usage:
            "tthc calendar --year YEAR [--format table|json|csv] [--calendar FILE]... | --solar-to-lunar DATE | --lunar-to-solar D/M[L]/YYYY",
        options: [
            OptionSpec(
                "--year", value: "YEAR",
                help:
                    "List the days off on weekdays and the working Saturdays/Sundays of YEAR (1900-2100), with working days per month."
            ),
            OptionSpec("--format", value: "FORMAT", help: "table (default), json or csv."), LanguageOption.spec,
            CalendarOption.spec("'cultural-day' switches on 24 November"),
            OptionSpec(
                "--solar-to-lunar", value: "DATE",
                help: "Convert a Gregorian date yyyy-MM-dd to the Vietnamese lunar date (as issued: UTC+7 from 1968)."),
            OptionSpec(
                "--lunar-to-solar", value: "D/M/YYYY",
                help: "Convert a lunar date to the Gregorian date; add L to the month for a leap month (15/2L/2023)."),
        ],
        examples: [
            "tthc calendar --year 2026",
            "tthc calendar --year 2027 --format json --calendar cultural-day",
            "tthc calendar --year 2026 --calendar Datasets/calendars/example-overlay.csv --format csv",
            "tthc calendar --solar-to-lunar 2030-02-02 --format json",
            "tthc calendar --lunar-to-solar 15/2L/2023",
        ],
        notes: [
            "Holidays follow the Labor Code 2019 Art. 112 (with compensation for holidays on rest days); the",
            "government schedules of 2024-2026 are built in. Lunar dates follow the calendar as issued in the North:",
            "computed for UTC+8 (as China) until 1967 and for UTC+7 from 1968 (Guides/WorkingTime.md).",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let format = try arguments.choice("--format", ["table", "json", "csv", "text"]) ?? "table"
        if let text = arguments.string("--solar-to-lunar") {
            let date = try EngineOptions.date(arguments, "--solar-to-lunar")!
            guard let lunar = LunarCalendar.vietnamese.lunarDate(of: date) else {
                throw UsageError("tthc calendar: \(text) is outside the supported years 1900-2100")
            }
            console.out(
                CalendarRenderer.conversion(
                    solar: date, lunar: lunar, format: format, lunarFirst: false,
                    language: try LanguageOption.terminal(arguments)))
            return 0
        }
        if let text = arguments.string("--lunar-to-solar") {
            guard let lunar = LunarDate(text: text) else {
                throw UsageError(
                    "tthc calendar: --lunar-to-solar expects D/M/YYYY (M followed by L for a leap month), got '\(text)'"
                )
            }
            guard let date = LunarCalendar.vietnamese.solarDate(of: lunar) else {
                let leap = LunarCalendar.vietnamese.leapMonth(lunarYear: lunar.year)
                let hint =
                    lunar.isLeapMonth
                    ? " (lunar year \(lunar.year) has \(leap.map { "leap month \($0)" } ?? "no leap month"))" : ""
                throw UsageError("tthc calendar: the lunar date \(text) does not exist\(hint) or is outside 1900-2100")
            }
            console.out(
                CalendarRenderer.conversion(
                    solar: date, lunar: lunar, format: format, lunarFirst: true,
                    language: try LanguageOption.terminal(arguments)))
            return 0
        }
        guard let year = try arguments.int("--year", in: 1900...2100) else {
            throw UsageError(
                "tthc calendar: give --year YEAR, --solar-to-lunar DATE or --lunar-to-solar D/M/YYYY (see --help)")
        }
        let calendar = try CalendarOption.calendar(arguments)
        console.out(
            CalendarRenderer.year(
                year, calendar: calendar, format: format, language: try LanguageOption.terminal(arguments)))
        return 0
    }
}

/// The `--calendar` option shared by the working-time commands.
enum CalendarOption {
    /// `--calendar`, the one spec every command shows; `note` adds what it means there.
    static func spec(_ note: String? = nil) -> OptionSpec {
        OptionSpec(
            "--calendar", value: "FILE", repeatable: true,
            help: "Calendar overlay (CSV kind,date,name: off/work/holiday/hours rows) or a built-in name ('"
                + ShippedCalendars.named.keys.sorted().joined(separator: "', '") + "'); repeatable"
                + (note.map { "; " + $0 } ?? "") + ".")
    }

    /// The standard calendar plus every `--calendar` overlay (a file, or a built-in name).
    static func calendar(_ arguments: ParsedArguments) throws -> WorkCalendar {
        try calendar(names: arguments.strings("--calendar"))
    }

    /// The standard calendar plus the overlays `names` (files, or built-in names).
    static func calendar(names: [String]) throws -> WorkCalendar {
        guard !names.isEmpty else { return WorkCalendar() }
        var files: [CalendarFile] = []
        for name in names {
            if let builtin = ShippedCalendars.named[name] {
                files.append(builtin)
            } else {
                files.append(try CalendarFileReader.read(contentsOfFile: name))
            }
        }
        return WorkCalendar(overlays: files)
    }
}
