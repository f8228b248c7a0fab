import CivilTime
import WorkingTime

/// Reads a calendar file (a year's schedule or a user's overlay; the format is described on
/// `CalendarFile`) into a `CalendarFile`.
public enum CalendarFileReader {
    public static func read(contentsOfFile path: String) throws(DataFileError) -> CalendarFile {
        try read(csv: DataFile.bytes(ofFile: path, what: "calendar file"), name: path)
    }

    /// Parses calendar CSV; `name` is used in error messages and kept as the file's name.
    public static func read(csv bytes: [UInt8], name: String) throws(DataFileError) -> CalendarFile {
        var directives: [CalendarFile.Directive] = []
        for (index, record) in try DataFile.records(bytes, file: name).enumerated() {
            if index == 0, record.fields.first?.text.lowercased() == "kind" { continue }
            directives.append(try directive(record, file: name))
        }
        guard !directives.isEmpty else {
            throw DataFileError(
                file: name, line: 0, column: 0,
                message:
                    "no calendar rows: expected kind,date,name rows such as 'off,2026-01-02,Nghỉ bù' or 'hours,Sat,08:00-12:00'"
            )
        }
        return CalendarFile(name: name, directives: directives)
    }

    static func directive(_ record: RFC4180Reader.Record, file: String) throws(DataFileError) -> CalendarFile.Directive
    {
        let fields = record.fields
        func fail(_ field: RFC4180Reader.Field, _ message: String) -> DataFileError {
            DataFileError(file: file, line: field.line, column: field.column, message: message)
        }
        guard fields.count >= 2 else {
            throw fail(fields[0], "expected kind,date,name; got \(fields.count) field(s)")
        }
        let kind = fields[0].text.lowercased()
        let value = fields[1]
        let valueText = value.text
        let label = fields.count > 2 ? fields[2...].map(\.text).joined(separator: ",") : ""
        switch kind {
        case "off":
            let parts = valueText.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let first = CivilDate(iso: parts[0]),
                let last = parts.count == 2 ? CivilDate(iso: parts[1]) : first
            else {
                throw fail(value, "expected a date yyyy-MM-dd or a range yyyy-MM-dd..yyyy-MM-dd, got '\(valueText)'")
            }
            guard last >= first, last.dayNumber - first.dayNumber < 366 else {
                throw fail(value, "the range '\(valueText)' ends before it starts or is longer than a year")
            }
            return .off(CalendarFile.DateRange(first: first.dayNumber, last: last.dayNumber), name: label)
        case "work":
            guard let date = CivilDate(iso: valueText) else {
                throw fail(value, "expected a date yyyy-MM-dd, got '\(valueText)'")
            }
            return .work(date.dayNumber, name: label)
        case "holiday":
            let parts = valueText.split(separator: "-")
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let m = Int(parts[0]),
                let d = Int(parts[1]), (1...12).contains(m), d >= 1, d <= CivilDate.daysInMonth(year: 2000, month: m)
            else {
                throw fail(value, "expected a recurring day MM-dd such as 11-24, got '\(valueText)'")
            }
            return .holiday(month: m, day: d, name: label)
        case "year":
            guard let y = Int(valueText), (1900...2100).contains(y) else {
                throw fail(value, "expected a year in 1900...2100, got '\(valueText)'")
            }
            return .year(y)
        case "hours":
            guard let days = weekdays(valueText) else {
                throw fail(value, "expected weekdays such as Mon-Fri, Sat or 'Mon Wed', got '\(valueText)'")
            }
            return .hours(
                weekdays: days, intervals: try intervals(label, at: fields.count > 2 ? fields[2] : value, fail))
        default:
            throw fail(fields[0], "unknown kind '\(fields[0].text)'; expected off, work, holiday, year or hours")
        }
    }

    /// `08:00-12:00 13:00-17:00`; `-` or empty for a weekly rest day.
    static func intervals(
        _ label: String, at field: RFC4180Reader.Field, _ fail: (RFC4180Reader.Field, String) -> DataFileError
    ) throws(DataFileError) -> [ClosedRange<Int>] {
        var intervals: [ClosedRange<Int>] = []
        let spec = DataFileValues.trimmingSpaces(label)
        guard spec != "-" && !spec.isEmpty else { return [] }
        for piece in spec.split(separator: " ") {
            let ends = piece.split(separator: "-")
            guard ends.count == 2, let s = DataFileValues.clock(ends[0]), let e = DataFileValues.clock(ends[1]), s < e
            else {
                throw fail(field, "expected office intervals like '08:00-12:00 13:00-17:00', got '\(piece)'")
            }
            if let previous = intervals.last, s < previous.upperBound {
                throw fail(field, "office intervals must be sorted and must not overlap: '\(spec)'")
            }
            intervals.append(s...e)
        }
        return intervals
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `Mon-Fri`, `Sat`, `Mon Wed` → ISO weekdays (1 = Monday).
    static func weekdays(_ text: String) -> [Int]? {
        var days: [Int] = []
        for token in text.lowercased().split(separator: " ") {
            let ends = token.split(separator: "-")
            guard ends.count == 1 || ends.count == 2,
                let a = weekdayNames.firstIndex(of: String(ends[0].prefix(3))),
                let b = weekdayNames.firstIndex(of: String(ends[ends.count - 1].prefix(3))), a <= b
            else { return nil }
            days += (a...b).map { $0 + 1 }
        }
        return days.isEmpty ? nil : days
    }
}
