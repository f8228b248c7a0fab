import CivilTime

/// A reporting period named the way `--period` takes it, as a half-open range of instants.
///
/// Quarters, halves and the year follow the data cut-offs Hanoi communes use for their
/// administrative-reform reports (Guides/Plans.md, "Reporting periods": the Dân Hòa commune
/// plan of 2026, part III.2.1): the reporting year `Y` runs from 15 December of `Y-1` to
/// 14 December of `Y`, and every quarter is shifted the same way:
///
/// | text      | first day        | last day     | source                   |
/// |-----------|------------------|--------------|--------------------------|
/// | `Y-q1`    | 15 Dec `Y-1`     | 14 Mar `Y`   | Hanoi cut-off            |
/// | `Y-q2`    | 15 Mar `Y`       | 14 Jun `Y`   | derived: h1 minus q1     |
/// | `Y-h1`    | 15 Dec `Y-1`     | 14 Jun `Y`   | Hanoi cut-off            |
/// | `Y-q3`    | 15 Jun `Y`       | 14 Sep `Y`   | Hanoi cut-off            |
/// | `Y-q4`    | 15 Sep `Y`       | 14 Dec `Y`   | derived: year minus q1-q3 |
/// | `Y-h2`    | 15 Jun `Y`       | 14 Dec `Y`   | derived: year minus h1   |
/// | `Y-year`  | 15 Dec `Y-1`     | 14 Dec `Y`   | Hanoi cut-off            |
///
/// so the four quarters tile the year, and the halves are unions of quarters. Months
/// (`2026-03`), ISO weeks (`2026-w10`, Monday to Sunday) and single days (`2026-03-02`) are
/// calendar periods. `FROM..TO` (`2026-01-05..2026-02-10`, `2026-01..2026-03`) is one span from
/// the first day of `FROM` to the last day of `TO`.
///
/// The range is `[start, end)`: `start` is 00:00:00 of the first day, `end` is 00:00:00 of the day
/// after the last day, so 14 Mar 23:59:59 is in Q1 and 15 Mar 00:00:00 is not.
public struct ReportingPeriod: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case quarter(Int)
        case half(Int)
        case year
        case month(Int)
        case isoWeek(Int)
        case day
        /// `FROM..TO`: any run of whole days.
        case span
    }

    /// The reporting year (for an ISO week, the ISO week-based year).
    public var year: Int
    public var kind: Kind
    /// The first day of the period.
    public var firstDay: CivilDate
    /// The last day of the period (inclusive).
    public var lastDay: CivilDate

    public init(year: Int, kind: Kind, firstDay: CivilDate, lastDay: CivilDate) {
        self.year = year
        self.kind = kind
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// 00:00:00 of the first day (inclusive).
    public var start: Timestamp { Timestamp(date: firstDay) }

    /// 00:00:00 of the day after the last day (exclusive).
    public var end: Timestamp { Timestamp(date: lastDay.adding(days: 1)) }

    /// The as-of time a period sets by default: 23:59:59 of its last day.
    public var defaultAsOf: Timestamp { end.adding(seconds: -1) }

    public func contains(_ instant: Timestamp) -> Bool { instant >= start && instant < end }

    public func contains(_ date: CivilDate) -> Bool { date >= firstDay && date <= lastDay }

    /// Number of days in the period.
    public var dayCount: Int { lastDay.dayNumber - firstDay.dayNumber + 1 }

    /// The canonical text (`2026-q1`, `2026-w01`, `2026-03-02`), which `parse` reads back.
    public var description: String {
        let y = String(year)
        switch kind {
        case .quarter(let q): return "\(y)-q\(q)"
        case .half(let h): return "\(y)-h\(h)"
        case .year: return "\(y)-year"
        case .month(let m): return y + "-" + (m < 10 ? "0" : "") + String(m)
        case .isoWeek(let w): return y + "-w" + (w < 10 ? "0" : "") + String(w)
        case .day: return firstDay.description
        case .span: return "\(firstDay)..\(lastDay)"
        }
    }

    /// A one-line explanation of the range, for help and output: `2026-q1 (2025-12-15 .. 2026-03-14)`.
    public var rangeText: String { "\(description) (\(firstDay) .. \(lastDay))" }

    /// The spellings `parse` accepts, for error messages and help.
    public static let accepted = named + ", FROM..TO"

    /// The spellings of one named period, each of which may be `FROM` or `TO`.
    public static let named = "YYYY-q1..q4, YYYY-h1|h2, YYYY-year, YYYY-MM, YYYY-wNN, YYYY-MM-DD (or DD/MM/YYYY)"

    /// Parses a period; case does not matter (`2026-Q1`, `2026-W10`). `FROM..TO` is one span
    /// from the first day of `FROM` to the last day of `TO`.
    public static func parse(_ text: String) throws(PeriodError) -> ReportingPeriod {
        if let (from, to) = try endpoints(text) {
            guard to.lastDay >= from.firstDay else {
                throw PeriodError(
                    text: text, reason: "\(to.lastDay) is before \(from.firstDay); expected FROM..TO in order")
            }
            return ReportingPeriod(year: to.lastDay.year, kind: .span, firstDay: from.firstDay, lastDay: to.lastDay)
        }
        return try single(text)
    }

    /// The two periods of `FROM..TO`, or nil when `text` has no `..`.
    static func endpoints(_ text: String) throws(PeriodError) -> (ReportingPeriod, ReportingPeriod)? {
        guard let dots = text.range(of: "..") else { return nil }
        let from = String(text[..<dots.lowerBound])
        let to = String(text[dots.upperBound...])
        guard !from.isEmpty, !to.isEmpty, !to.contains("..") else {
            throw PeriodError(text: text, reason: "expected FROM..TO, each one of \(named)")
        }
        return (try single(from), try single(to))
    }

    /// One named period (no `..`).
    static func single(_ text: String) throws(PeriodError) -> ReportingPeriod {
        if let day = otherDaySpelling(text) {
            return ReportingPeriod(year: day.year, kind: .day, firstDay: day, lastDay: day)
        }
        let lower = text.lowercased()
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1900, year <= 9999 else {
            throw PeriodError(text: text, reason: "expected \(accepted)")
        }
        if parts.count == 3 {
            guard let date = CivilDate(iso: lower) else {
                throw PeriodError(text: text, reason: "not a real date; expected YYYY-MM-DD")
            }
            return ReportingPeriod(year: year, kind: .day, firstDay: date, lastDay: date)
        }
        guard parts.count == 2 else { throw PeriodError(text: text, reason: "expected \(accepted)") }
        let tail = parts[1]
        if tail == "year" { return hanoi(year: year, kind: .year) }
        if tail.count == 2, let month = Int(tail), tail.first!.isNumber {
            guard (1...12).contains(month) else {
                throw PeriodError(text: text, reason: "month must be 01..12")
            }
            let first = CivilDate(year: year, month: month, day: 1)
            let last = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
            return ReportingPeriod(year: year, kind: .month(month), firstDay: first, lastDay: last)
        }
        guard let letter = tail.first, let number = Int(tail.dropFirst()), tail.count >= 2,
            tail.dropFirst().allSatisfy(\.isNumber)
        else { throw PeriodError(text: text, reason: "expected \(accepted)") }
        switch letter {
        case "q":
            guard (1...4).contains(number) else { throw PeriodError(text: text, reason: "quarter must be q1..q4") }
            return hanoi(year: year, kind: .quarter(number))
        case "h":
            guard (1...2).contains(number) else { throw PeriodError(text: text, reason: "half must be h1 or h2") }
            return hanoi(year: year, kind: .half(number))
        case "w":
            let weeks = isoWeeksInYear(year)
            guard tail.count == 3, (1...weeks).contains(number) else {
                throw PeriodError(text: text, reason: "ISO week must be w01..w\(weeks) in \(year)")
            }
            let first = CivilDate(dayNumber: isoWeekOneMonday(year) + (number - 1) * 7)
            return ReportingPeriod(year: year, kind: .isoWeek(number), firstDay: first, lastDay: first.adding(days: 6))
        default:
            throw PeriodError(text: text, reason: "expected \(accepted)")
        }
    }

    /// A day written as the logs write dates (`31/12/2026`, `20261231`): the spellings that
    /// `--from`, `--to` and `--as-of` accept, read by the one timestamp parser. Nil for anything
    /// else, and for a time of day other than midnight, so that `2026-12` stays a month.
    static func otherDaySpelling(_ text: String) -> CivilDate? {
        guard !text.hasPrefix("-"), text.count >= 8, let t = TimestampParser.parse(text), t.secondOfDay == 0 else {
            return nil
        }
        return t.date
    }

    /// The Hanoi cut-off periods: every boundary is the 15th of Dec, Mar, Jun or Sep.
    static func hanoi(year: Int, kind: Kind) -> ReportingPeriod {
        // Boundary i (0...4) is the first day of shifted quarter i+1; boundary 4 starts next year.
        func boundary(_ i: Int) -> CivilDate {
            i == 0 ? CivilDate(year: year - 1, month: 12, day: 15) : CivilDate(year: year, month: 3 * i, day: 15)
        }
        let (from, to): (Int, Int)
        switch kind {
        case .quarter(let q): (from, to) = (q - 1, q)
        case .half(let h): (from, to) = (2 * h - 2, 2 * h)
        default: (from, to) = (0, 4)
        }
        return ReportingPeriod(year: year, kind: kind, firstDay: boundary(from), lastDay: boundary(to).adding(days: -1))
    }

    /// Day number of the Monday starting ISO week 1 of `year` (the week holding 4 January).
    public static func isoWeekOneMonday(_ year: Int) -> Int {
        let jan4 = CivilDate.dayNumber(year: year, month: 1, day: 4)
        return jan4 - (CivilDate.isoWeekday(dayNumber: jan4) - 1)
    }

    /// 52 or 53.
    public static func isoWeeksInYear(_ year: Int) -> Int {
        (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7
    }
}

/// A `--period` text that could not be read.
public struct PeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid period '\(text)': \(reason)" }
}

extension ReportingPeriod.Kind {
    /// What a period of this kind counts in: `quarter`, `half`, `year`, `month`, `week`, `day`
    /// or `span`; chained periods share it.
    public var unit: String {
        switch self {
        case .quarter: return "quarter"
        case .half: return "half"
        case .year: return "year"
        case .month: return "month"
        case .isoWeek: return "week"
        case .day: return "day"
        case .span: return "span"
        }
    }
}

extension ReportingPeriod {
    /// The period of the same kind that starts the day after this one ends: the next month,
    /// Hanoi quarter (q4 is followed by next year's q1), half, year, ISO week or day; nil for a
    /// `FROM..TO` span, which has no successor of its kind.
    public var next: ReportingPeriod? {
        switch kind {
        case .quarter(let q): return .hanoi(year: q == 4 ? year + 1 : year, kind: .quarter(q == 4 ? 1 : q + 1))
        case .half(let h): return .hanoi(year: h == 2 ? year + 1 : year, kind: .half(h == 2 ? 1 : 2))
        case .year: return .hanoi(year: year + 1, kind: .year)
        case .month(let m):
            let (y, month) = m == 12 ? (year + 1, 1) : (year, m + 1)
            let last = CivilDate(year: y, month: month, day: CivilDate.daysInMonth(year: y, month: month))
            return ReportingPeriod(year: y, kind: .month(month), firstDay: lastDay.adding(days: 1), lastDay: last)
        case .isoWeek(let w):
            let (y, week) = w == ReportingPeriod.isoWeeksInYear(year) ? (year + 1, 1) : (year, w + 1)
            let first = lastDay.adding(days: 1)
            return ReportingPeriod(year: y, kind: .isoWeek(week), firstDay: first, lastDay: first.adding(days: 6))
        case .day:
            let day = lastDay.adding(days: 1)
            return ReportingPeriod(year: day.year, kind: .day, firstDay: day, lastDay: day)
        case .span: return nil
        }
    }

    /// The most periods a chain may hold (a few years of days).
    public static let chainLimit = 3660

    /// `--periods FROM..TO`: every period of `FROM`'s kind from `FROM` to `TO`, each starting
    /// the day after the one before ends (`2026-01..2026-06` is six months, `2026-q1..2026-q4`
    /// the four Hanoi quarters chained by their cut-offs). A single period is a chain of one.
    public static func chain(_ text: String) throws(PeriodError) -> [ReportingPeriod] {
        guard let (first, last) = try endpoints(text) else { return [try single(text)] }
        guard first.kind.unit == last.kind.unit else {
            throw PeriodError(
                text: text, reason: "FROM and TO must be periods of one kind (two months, two quarters, ...)")
        }
        guard last.firstDay >= first.firstDay else {
            throw PeriodError(text: text, reason: "\(last) is before \(first); expected FROM..TO in order")
        }
        var periods = [first]
        while periods.last! != last {
            guard periods.count < chainLimit, let next = periods.last!.next else {
                throw PeriodError(text: text, reason: "more than \(chainLimit) periods; expected a shorter chain")
            }
            periods.append(next)
        }
        return periods
    }

    /// The Hanoi reporting quarter (15th-to-14th cut-offs) that holds `date`.
    public static func hanoiQuarter(containing date: CivilDate) -> ReportingPeriod {
        for year in [date.year, date.year + 1] {
            for q in 1...4 {
                let period = try! ReportingPeriod.parse("\(year)-q\(q)")
                if period.contains(date) { return period }
            }
        }
        preconditionFailure("every date is in a Hanoi quarter")
    }
}
