import CivilTime
import WorkingTime
import _TextSupport

/// `tthc calendar`'s outputs: a year's working calendar and lunar/solar conversions.
public enum CalendarRenderer {
    static let weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mon` ... `Sun`.
    static func weekday(_ date: CivilDate) -> String { weekdayShort[date.isoWeekday - 1] }

    /// A second of the day as `HH:mm`.
    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func hoursText(_ intervals: [(start: Int, end: Int)]) -> String {
        intervals.map { clock($0.start) + "-" + clock($0.end) }.joined(separator: ", ")
    }

    /// The days of `year` that differ from the base week, and the working days of each month.
    public static func year(_ year: Int, calendar: WorkCalendar, format: String) -> String {
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
            var out =
                "Working calendar \(year) (office hours \(hoursText(calendar.officeIntervals)), Monday-Friday)\n\n"
            var rows = [["Date", "Day", "Status", "Name"]]
            for d in days {
                let date = CivilDate(dayNumber: d.dayNumber)
                // The status column is always as wide as "working", whatever the year holds.
                rows.append([
                    date.description, weekday(date), TextColumns.padded(d.working ? "working" : "off", to: 7), d.name,
                ])
            }
            out += TextColumns.lines(rows).map { $0 + "\n" }.joined()
            out += "\nWorking days per month:\n"
            // Months one space apart; the total after one more space.
            let grid = [monthShort + [" Total"], perMonth.map(String.init) + [" \(perMonth.reduce(0, +))"]]
            out += TextColumns.lines(grid, separator: " ").map { $0 + "\n" }.joined()
            return out
        }
    }

    /// A lunar/solar conversion; `lunarFirst` when the lunar date was given.
    public static func conversion(solar: CivilDate, lunar: LunarDate, format: String, lunarFirst: Bool) -> String {
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
            let lunarText = "\(lunar) âm lịch\(lunar.isLeapMonth ? " (tháng nhuận)" : "")"
            return lunarFirst
                ? "\(lunarText) = \(solar) (\(weekday(solar)))\n"
                : "\(solar) (\(weekday(solar))) = \(lunarText)\n"
        }
    }
}
