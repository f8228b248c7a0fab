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
            OptionSpec("--format", value: "FORMAT", help: "table (default), json or csv."),
            OptionSpec(
                "--calendar", value: "FILE", repeatable: true,
                help:
                    "Calendar overlay (CSV kind,date,name: off/work/holiday/hours rows); 'cultural-day' switches on 24 November."
            ),
            OptionSpec(
                "--solar-to-lunar", value: "DATE",
                help: "Convert a Gregorian date yyyy-MM-dd to the Vietnamese lunar date (UTC+7)."),
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
            "government schedules of 2024-2026 are built in. Lunar dates are computed astronomically for UTC+7.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let format = try arguments.choice("--format", ["table", "json", "csv", "text"]) ?? "table"
        if let text = arguments.string("--solar-to-lunar") {
            guard let date = CivilDate(iso: text) else {
                throw UsageError("tthc calendar: --solar-to-lunar expects a date yyyy-MM-dd, got '\(text)'")
            }
            guard let lunar = LunarCalendar.vietnamese.lunarDate(of: date) else {
                throw UsageError("tthc calendar: \(text) is outside the supported years 1900-2100")
            }
            console.out(conversion(solar: date, lunar: lunar, format: format, lunarFirst: false))
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
            console.out(conversion(solar: date, lunar: lunar, format: format, lunarFirst: true))
            return 0
        }
        guard let year = try arguments.int("--year", in: 1900...2100) else {
            throw UsageError(
                "tthc calendar: give --year YEAR, --solar-to-lunar DATE or --lunar-to-solar D/M/YYYY (see --help)")
        }
        let calendar = try CalendarOption.calendar(arguments)
        let days = calendar.exceptions(year: year)
        let perMonth = (1...12).map { calendar.workingDays(year: year, month: $0) }
        switch format {
        case "json":
            var out = "{\"year\": \(year), \"days\": ["
            out += days.map {
                "{\"date\": \"\(CivilDate(dayNumber: $0.dayNumber))\", \"working\": \($0.working), \"name\": \(WorkingTimeFormat.json($0.name))}"
            }.joined(separator: ", ")
            out += "], \"working_days_per_month\": [" + perMonth.map(String.init).joined(separator: ", ") + "]}\n"
            console.out(out)
        case "csv":
            var out = "kind,date,working,working_days,name\n"
            for d in days {
                out += "day,\(CivilDate(dayNumber: d.dayNumber)),\(d.working),,\(WorkingTimeFormat.csv(d.name))\n"
            }
            for (i, n) in perMonth.enumerated() {
                out += "month,\(year)-\(i < 9 ? "0" : "")\(i + 1),,\(n),\n"
            }
            console.out(out)
        default:
            var out =
                "Working calendar \(year) (office hours \(hoursText(calendar.officeIntervals)), Monday-Friday)\n\n"
            out += "Date        Day  Status   Name\n"
            for d in days {
                let date = CivilDate(dayNumber: d.dayNumber)
                out +=
                    "\(date)  \(weekdayShort[date.isoWeekday - 1])  \(d.working ? "working" : "off    ")  \(d.name)\n"
            }
            out += "\nWorking days per month:\n"
            out += (1...12).map { monthShort[$0 - 1] }.map { WorkingTimeFormat.pad($0, 4) }.joined() + " Total\n"
            out += perMonth.map { WorkingTimeFormat.pad(String($0), 4) }.joined() + " \(perMonth.reduce(0, +))\n"
            console.out(out)
        }
        return 0
    }

    static func conversion(solar: CivilDate, lunar: LunarDate, format: String, lunarFirst: Bool) -> String {
        switch format {
        case "json":
            return
                "{\"solar\": \"\(solar)\", \"lunar\": {\"day\": \(lunar.day), \"month\": \(lunar.month), \"year\": \(lunar.year), \"leap\": \(lunar.isLeapMonth)}}\n"
        case "csv":
            return
                "solar,lunar_day,lunar_month,lunar_year,leap\n\(solar),\(lunar.day),\(lunar.month),\(lunar.year),\(lunar.isLeapMonth)\n"
        default:
            let lunarText = "\(lunar) âm lịch\(lunar.isLeapMonth ? " (tháng nhuận)" : "")"
            return lunarFirst
                ? "\(lunarText) = \(solar) (\(weekdayShort[solar.isoWeekday - 1]))\n"
                : "\(solar) (\(weekdayShort[solar.isoWeekday - 1])) = \(lunarText)\n"
        }
    }

    static let weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func hoursText(_ intervals: [(start: Int, end: Int)]) -> String {
        intervals.map { clock($0.start) + "-" + clock($0.end) }.joined(separator: ", ")
    }

    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// The `--calendar` option shared by the working-time commands.
enum CalendarOption {
    /// The standard calendar plus every `--calendar` overlay (a file, or a built-in name).
    static func calendar(_ arguments: ParsedArguments) throws -> WorkCalendar {
        let names = arguments.strings("--calendar")
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

/// Text helpers of the working-time commands (namespaced to stay clear of other commands).
enum WorkingTimeFormat {
    static func json(_ text: String) -> String { NumberText.jsonString(text) }

    static func csv(_ text: String) -> String { NumberText.csvField(text) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
