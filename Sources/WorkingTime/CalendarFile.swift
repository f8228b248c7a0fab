import CivilTime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error in a calendar or catalog file: where it is and which rule the text broke.
public struct DataFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A calendar file: a year's official schedule or a user's overlay (see `Guides/WorkingTime.md`).
///
/// CSV with the header `kind,date,name`, one directive per row:
///
///     kind,date,name
///     year,2026,Lịch nghỉ lễ năm 2026
///     off,2026-01-02,Nghỉ hoán đổi (làm bù thứ Bảy 10/01)
///     work,2026-01-10,Làm bù cho thứ Sáu 02/01
///     off,2026-02-14..2026-02-22,Tết Nguyên đán
///     holiday,11-24,Ngày Văn hóa Việt Nam
///     hours,Mon-Fri,08:00-12:00 13:00-17:00
///
/// - `off DATE[..DATE] NAME`: days off. `work DATE NAME`: a working day (a make-up Saturday);
///   it keeps the office hours of a Monday.
/// - `holiday MM-DD NAME`: an extra public holiday every year, moved to the next working day
///   when it falls on a weekly rest day (how the optional 24 November day is switched on).
/// - `year YYYY NAME`: the file's dated rows are the whole schedule of that year, so the
///   Labor Code rules are not applied to it.
/// - `hours DAYS INTERVALS`: office hours of weekdays (`Mon-Fri`, `Sat`, `Mon Wed`); intervals
///   `HH:mm-HH:mm` separated by spaces; `-` or empty for a weekly rest day.
public struct CalendarFile: Sendable, Hashable {
    public struct DateRange: Sendable, Hashable {
        public var first: Int
        public var last: Int
    }

    public enum Directive: Sendable, Hashable {
        case off(DateRange, name: String)
        case work(Int, name: String)
        case holiday(month: Int, day: Int, name: String)
        case year(Int)
        /// ISO weekdays (1 = Monday) and their office intervals in seconds since midnight.
        case hours(weekdays: [Int], intervals: [ClosedRange<Int>])
    }

    public var name: String
    public var directives: [Directive]

    public init(name: String, directives: [Directive]) {
        self.name = name
        self.directives = directives
    }

    /// Parses the text of a calendar file; `name` is used in error messages.
    public init(text: String, name: String) throws(DataFileError) {
        self.name = name
        directives = []
        let table: TextTable
        do { table = try TextTable(text: text) } catch {
            throw DataFileError(file: name, line: error.line, column: error.column, message: error.message)
        }
        for (index, row) in table.rows.enumerated() {
            func fail(_ column: Int, _ message: String) -> DataFileError {
                DataFileError(file: name, line: row.line, column: column, message: message)
            }
            let fields = row.fields
            if index == 0, fields.first?.text.lowercased() == "kind" { continue }
            guard fields.count >= 2 else {
                throw fail(fields.first?.column ?? 1, "expected kind,date,name; got \(fields.count) field(s)")
            }
            let kind = fields[0].text.lowercased()
            let value = fields[1]
            let label = fields.count > 2 ? fields[2...].map(\.text).joined(separator: ",") : ""
            switch kind {
            case "off":
                let parts = value.text.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
                guard parts.count <= 2, let first = CivilDate(iso: parts[0]),
                    let last = parts.count == 2 ? CivilDate(iso: parts[1]) : first
                else {
                    throw fail(
                        value.column,
                        "expected a date yyyy-MM-dd or a range yyyy-MM-dd..yyyy-MM-dd, got '\(value.text)'")
                }
                guard last >= first, last.dayNumber - first.dayNumber < 366 else {
                    throw fail(value.column, "the range '\(value.text)' ends before it starts or is longer than a year")
                }
                directives.append(.off(DateRange(first: first.dayNumber, last: last.dayNumber), name: label))
            case "work":
                guard let date = CivilDate(iso: value.text) else {
                    throw fail(value.column, "expected a date yyyy-MM-dd, got '\(value.text)'")
                }
                directives.append(.work(date.dayNumber, name: label))
            case "holiday":
                let parts = value.text.split(separator: "-")
                guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let m = Int(parts[0]),
                    let d = Int(parts[1]), (1...12).contains(m), d >= 1,
                    d <= CivilDate.daysInMonth(year: 2000, month: m)
                else {
                    throw fail(value.column, "expected a recurring day MM-dd such as 11-24, got '\(value.text)'")
                }
                directives.append(.holiday(month: m, day: d, name: label))
            case "year":
                guard let y = Int(value.text), (1900...2100).contains(y) else {
                    throw fail(value.column, "expected a year in 1900...2100, got '\(value.text)'")
                }
                directives.append(.year(y))
            case "hours":
                guard let days = CalendarFile.parseWeekdays(value.text) else {
                    throw fail(value.column, "expected weekdays such as Mon-Fri, Sat or 'Mon Wed', got '\(value.text)'")
                }
                let column = fields.count > 2 ? fields[2].column : value.column
                var intervals: [ClosedRange<Int>] = []
                let spec = label.trimmingSpaces()
                if spec != "-" && !spec.isEmpty {
                    for piece in spec.split(separator: " ") {
                        let ends = piece.split(separator: "-")
                        guard ends.count == 2, let s = parseClock(ends[0]), let e = parseClock(ends[1]), s < e else {
                            throw fail(
                                column, "expected office intervals like '08:00-12:00 13:00-17:00', got '\(piece)'")
                        }
                        if let previous = intervals.last, s < previous.upperBound {
                            throw fail(column, "office intervals must be sorted and must not overlap: '\(spec)'")
                        }
                        intervals.append(s...e)
                    }
                }
                directives.append(.hours(weekdays: days, intervals: intervals))
            default:
                throw fail(
                    fields[0].column, "unknown kind '\(fields[0].text)'; expected off, work, holiday, year or hours")
            }
        }
    }

    /// Reads and parses a calendar file.
    public init(contentsOfFile path: String) throws(DataFileError) {
        guard let text = readTextFile(path) else {
            throw DataFileError(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        try self.init(text: text, name: path)
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func parseWeekdays(_ text: String) -> [Int]? {
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

/// Reads a whole file as UTF-8 text, nil when it cannot be read.
func readTextFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        if n < buffer.count { break }
    }
    if ferror(file) != 0 { return nil }
    return String(decoding: bytes, as: UTF8.self)
}
