/// A calendar file: a year's official schedule or a user's overlay (see `Guides/WorkingTime.md`);
/// Ingest's `CalendarFileReader` reads one.
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

        public init(first: Int, last: Int) {
            self.first = first
            self.last = last
        }
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
}
