import CivilTime
import WorkingTime
import _TextSupport

/// `tthc calendar`'s outputs: a year's working calendar and lunar/solar conversions.
public enum CalendarRenderer {
    /// `Mon` ... `Sun` (`T2` ... `CN`).
    static func weekday(_ date: CivilDate, _ language: Language = .en) -> String {
        Labels.weekdayShort(date.isoWeekday, language)
    }

    /// A second of the day as `HH:mm`.
    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func hoursText(_ intervals: [(start: Int, end: Int)]) -> String {
        intervals.map { clock($0.start) + "-" + clock($0.end) }.joined(separator: ", ")
    }

    /// The days of `year` that differ from the base week, and the working days of each month.
    public static func year(_ year: Int, calendar: WorkCalendar, format: String, language: Language = .en) -> String {
        let days = calendar.exceptions(year: year)
        let perMonth = (1...12).map { calendar.workingDays(year: year, month: $0) }
        switch format {
        case "json":
            let list: [JSONValue] = days.map {
                .object([
                    ("date", .string(CivilDate(dayNumber: $0.dayNumber).description)), ("working", .bool($0.working)),
                    ("name", .string($0.name)),
                ])
            }
            return JSONValue.object([
                ("year", .int(year)), ("days", .array(list)),
                ("working_days_per_month", .array(perMonth.map { .int($0) })),
            ]).lineText + "\n"
        case "csv":
            var out = "kind,date,working,working_days,name\n"
            for d in days {
                out += "day,\(CivilDate(dayNumber: d.dayNumber)),\(d.working),,\(NumberText.csvField(d.name))\n"
            }
            for (i, n) in perMonth.enumerated() {
                out += "month,\(year)-\(i < 9 ? "0" : "")\(i + 1),,\(n),\n"
            }
            return out
        default:
            let w = { (key: String) in Labels.phrase(key, language) }
            var out =
                Labels.phrase(
                    "calendar_title", language, ["year": String(year), "hours": hoursText(calendar.officeIntervals)])
                + "\n\n"
            var rows = [[w("calendar_date"), w("calendar_day"), w("calendar_status"), w("calendar_name")]]
            let working = w("calendar_working")
            let off = w("calendar_off")
            for d in days {
                let date = CivilDate(dayNumber: d.dayNumber)
                // The status column is always as wide as "working", whatever the year holds.
                rows.append([
                    language == .vi ? DocumentText.date(date, .vi) : date.description, weekday(date, language),
                    TextColumns.padded(d.working ? working : off, to: max(working.count, off.count)),
                    HolidayNames.text(d.name, language),
                ])
            }
            out += TextColumns.lines(rows).map { $0 + "\n" }.joined()
            out += "\n" + w("calendar_per_month") + "\n"
            // Months one space apart; the total after one more space.
            let months = (1...12).map { Labels.monthShort($0, language) }
            let grid = [
                months + [" " + w("calendar_total")], perMonth.map(String.init) + [" \(perMonth.reduce(0, +))"],
            ]
            out += TextColumns.lines(grid, separator: " ").map { $0 + "\n" }.joined()
            return out
        }
    }

    /// A lunar/solar conversion; `lunarFirst` when the lunar date was given.
    public static func conversion(
        solar: CivilDate, lunar: LunarDate, format: String, lunarFirst: Bool, language: Language = .en
    ) -> String {
        switch format {
        case "json":
            return JSONValue.object([
                ("solar", .string(solar.description)),
                (
                    "lunar",
                    .object([
                        ("day", .int(lunar.day)), ("month", .int(lunar.month)), ("year", .int(lunar.year)),
                        ("leap", .bool(lunar.isLeapMonth)),
                    ])
                ),
            ]).lineText + "\n"
        case "csv":
            return
                "solar,lunar_day,lunar_month,lunar_year,leap\n\(solar),\(lunar.day),\(lunar.month),\(lunar.year),\(lunar.isLeapMonth)\n"
        default:
            let w = { (key: String) in Labels.phrase(key, language) }
            let lunarText = "\(lunar) \(w("lunar"))\(lunar.isLeapMonth ? " (\(w("leap_month")))" : "")"
            let solarText = language == .vi ? DocumentText.date(solar, .vi) : solar.description
            return lunarFirst
                ? "\(lunarText) = \(solarText) (\(weekday(solar, language)))\n"
                : "\(solarText) (\(weekday(solar, language))) = \(lunarText)\n"
        }
    }
}
