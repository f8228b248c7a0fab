import CivilTime

/// A legal deadline of an administrative procedure.
public enum Deadline: Hashable, Sendable {
    case workingDays(Int)
    case workingHours(Int)
    /// "Trong ngày": due at the end of the receiving working day.
    case sameDay
}

/// How a due time is reported: exact working-time addition, or the end of the last working day.
public enum DueMode: String, Sendable {
    case exact
    case endOfDay = "end-of-day"
}

/// The legal working clock of Vietnamese administrations: office hours, weekly rest days,
/// public holidays (Labor Code 2019 rules plus the government's yearly schedules), and any
/// overlay a locality adds.
///
/// Every question is answered from per-day tables built once for 1900-01-01 ... 2100-12-31:
/// the office-hours profile of each day and the working seconds before it. The working time
/// before an instant, `W(t)`, is a read of the day's table plus one of its profile's
/// per-minute table (a walk over the day's few office intervals only in a minute where one
/// starts or ends); `workingSeconds(from:to:)` is `W(b) − W(a)`, and `advance` inverts `W`
/// with a binary search over the cumulative table.
///
/// `WorkCalendar` is a small value (one reference to immutable shared tables), so copying it
/// into every worker is free. Instants outside the table range are clamped to it.
public struct WorkCalendar: Sendable {
    @usableFromInline final class Tables: Sendable {
        @usableFromInline let firstDay: Int
        @usableFromInline let dayCount: Int
        /// Profile index of each day; profile 0 has no office hours.
        let profileOfDay: [UInt8]
        /// Working seconds in [firstDay, firstDay + i) for i in 0...dayCount.
        let cumulative: [Int64]
        /// Office intervals of all profiles, flattened; profile p owns [profileFirst[p], profileFirst[p + 1]).
        let intervalStart: [Int32]
        let intervalEnd: [Int32]
        let profileFirst: [Int]
        let profileSeconds: [Int64]
        /// The profile of a normal working day (Monday's, or the first working weekday's).
        let standardProfile: Int
        /// Profile of each ISO weekday 1...7 (index 0 unused) in the base week.
        let weekProfile: [Int]
        /// Names of days that differ from the base week (holidays, days off, make-up days).
        let names: [Int: String]
        let overlays: [CalendarFile]
        /// Per day, `cumulative[i] << 8 | profileOfDay[i]`: what `workingSecondsBefore` reads,
        /// in one word.
        ///
        /// This and `minuteWords` are memory of the tables' own, read without bounds checks:
        /// `workingSecondsBefore` checks the day against `dayCount`, and a minute index is a
        /// day's profile times 1440 plus a minute below 1440.
        @usableFromInline nonisolated(unsafe) let dayWords: UnsafeMutablePointer<Int64>
        /// Per profile and minute of the day (`profile * 1440 + minute`): the profile's working
        /// seconds before the minute, `<< 2`, with the minute's kind in the low bits (see
        /// `MinuteKind`), so an instant's working seconds within its day are read, not walked.
        @usableFromInline nonisolated(unsafe) let minuteWords: UnsafeMutablePointer<Int32>
        /// `cumulative[dayCount]`: W after the table's last day.
        @usableFromInline let totalSeconds: Int64

        init(
            firstDay: Int, dayCount: Int, profileOfDay: [UInt8], cumulative: [Int64], intervalStart: [Int32],
            intervalEnd: [Int32], profileFirst: [Int], profileSeconds: [Int64], standardProfile: Int,
            weekProfile: [Int], names: [Int: String], overlays: [CalendarFile]
        ) {
            self.firstDay = firstDay
            self.dayCount = dayCount
            self.profileOfDay = profileOfDay
            self.cumulative = cumulative
            self.intervalStart = intervalStart
            self.intervalEnd = intervalEnd
            self.profileFirst = profileFirst
            self.profileSeconds = profileSeconds
            self.standardProfile = standardProfile
            self.weekProfile = weekProfile
            self.names = names
            self.overlays = overlays
            dayWords = UnsafeMutablePointer.allocate(capacity: dayCount)
            for i in 0..<dayCount { (dayWords + i).initialize(to: cumulative[i] << 8 | Int64(profileOfDay[i])) }
            totalSeconds = cumulative[dayCount]
            var minuteWords: [Int32] = []
            minuteWords.reserveCapacity((profileFirst.count - 1) * 1440)
            for p in 0..<(profileFirst.count - 1) {
                for minute in 0..<1440 {
                    let before = Self.secondsByWalk(
                        profile: p, secondOfDay: Int32(minute * 60), intervalStart: intervalStart,
                        intervalEnd: intervalEnd, profileFirst: profileFirst)
                    let after = Self.secondsByWalk(
                        profile: p, secondOfDay: Int32(minute * 60 + 60), intervalStart: intervalStart,
                        intervalEnd: intervalEnd, profileFirst: profileFirst)
                    // W grows by at most one a second: by 60 in a minute only inside office hours
                    // throughout, by 0 only outside them throughout.
                    let kind = after - before == 60 ? MinuteKind.working : after == before ? .resting : .mixed
                    minuteWords.append(Int32(before) << 2 | kind.rawValue)
                }
            }
            self.minuteWords = UnsafeMutablePointer.allocate(capacity: minuteWords.count)
            self.minuteWords.initialize(from: minuteWords, count: minuteWords.count)
        }

        deinit {
            dayWords.deallocate()
            minuteWords.deallocate()
        }

        /// How W runs through a minute of a day: flat, up by one a second, or neither (an office
        /// interval starts or ends inside it; those minutes are walked).
        @usableFromInline enum MinuteKind: Int32 {
            case resting = 0, working = 1, mixed = 2
        }

        /// Working seconds of `profile`'s day before `secondOfDay`, by a walk over its intervals.
        @inline(__always)
        static func secondsByWalk(
            profile p: Int, secondOfDay: Int32, intervalStart: [Int32], intervalEnd: [Int32], profileFirst: [Int]
        ) -> Int64 {
            var total: Int64 = 0
            var j = profileFirst[p]
            let end = profileFirst[p + 1]
            while j < end {
                let a = intervalStart[j]
                if secondOfDay <= a { break }
                total += Int64(min(secondOfDay, intervalEnd[j]) - a)
                j += 1
            }
            return total
        }
    }

    @usableFromInline var tables: Tables

    /// The first and last years the tables cover.
    public static let coveredYears = 1900...2100

    /// Whether `t` lies in the covered years: answers about instants outside them are clamped
    /// to the tables' ends, not computed, so a command must refuse them.
    public static func covers(_ t: Timestamp) -> Bool { coveredYears.contains(t.date.year) }

    /// "outside the calendar's years 1900-2100", for error messages.
    public static let outsideText =
        "outside the calendar's years \(coveredYears.lowerBound)-\(coveredYears.upperBound)"

    /// The standard Vietnamese calendar: Labor Code holidays, the shipped 2024–2026 schedules,
    /// office hours 08:00–12:00 and 13:00–17:00 Monday to Friday.
    public static let standard = WorkCalendar(overlays: [], includeShippedSchedules: true)

    /// The standard calendar (shares its tables; no work is done).
    public init() { self = WorkCalendar.standard }

    /// A calendar from the Labor Code rules, the shipped yearly schedules (unless excluded) and
    /// `overlays` applied in order (a later file wins on the same day).
    public init(overlays: [CalendarFile], includeShippedSchedules: Bool = true) {
        let files = (includeShippedSchedules ? ShippedCalendars.schedules : []) + overlays
        tables = WorkCalendar.build(files: files)
    }

    /// The files this calendar was built from (shipped schedules first).
    public var files: [CalendarFile] { tables.overlays }

    // MARK: Office hours

    /// Office intervals of a normal working day, in seconds since midnight, sorted, disjoint.
    /// Setting them changes Monday to Friday and rebuilds the tables.
    public var officeIntervals: [(start: Int, end: Int)] {
        get { intervals(profile: tables.standardProfile) }
        set {
            let hours = CalendarFile(
                name: "officeIntervals",
                directives: [.hours(weekdays: [1, 2, 3, 4, 5], intervals: newValue.map { $0.start...$0.end })])
            tables = WorkCalendar.build(files: tables.overlays + [hours])
        }
    }

    func intervals(profile: Int) -> [(start: Int, end: Int)] {
        (tables.profileFirst[profile]..<tables.profileFirst[profile + 1]).map {
            (Int(tables.intervalStart[$0]), Int(tables.intervalEnd[$0]))
        }
    }

    /// Office intervals of day `dayNumber` (empty on a day off).
    public func officeIntervals(dayNumber: Int) -> [(start: Int, end: Int)] {
        intervals(profile: profile(dayNumber))
    }

    /// Working seconds in one full (normal) working day.
    public var workingSecondsPerDay: Int64 { tables.profileSeconds[tables.standardProfile] }

    @inline(__always)
    func profile(_ dayNumber: Int) -> Int {
        let index = dayNumber - tables.firstDay
        if index >= 0 && index < tables.dayCount { return Int(tables.profileOfDay[index]) }
        return tables.weekProfile[CivilDate.isoWeekday(dayNumber: dayNumber)]
    }

    public func isWorkingDay(dayNumber: Int) -> Bool { profile(dayNumber) != 0 }

    /// Why a day differs from the base week ("Tết Nguyên đán", "Làm bù ..."), or "Thứ Bảy" /
    /// "Chủ nhật" for an ordinary weekly rest day; nil for an ordinary working day.
    public func dayName(dayNumber: Int) -> String? {
        if let name = tables.names[dayNumber] { return name }
        let weekday = CivilDate.isoWeekday(dayNumber: dayNumber)
        if tables.weekProfile[weekday] == 0 && !isWorkingDay(dayNumber: dayNumber) {
            return weekday == 7 ? "Chủ nhật" : "Thứ \(["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"][weekday - 1])"
        }
        return nil
    }

    /// The days of `year` that differ from the base week: working days off and working rest days.
    public func exceptions(year: Int) -> [(dayNumber: Int, working: Bool, name: String)] {
        let first = CivilDate.dayNumber(year: year, month: 1, day: 1)
        let last = CivilDate.dayNumber(year: year, month: 12, day: 31)
        var result: [(Int, Bool, String)] = []
        for day in first...last {
            let baseWorking = tables.weekProfile[CivilDate.isoWeekday(dayNumber: day)] != 0
            let working = isWorkingDay(dayNumber: day)
            if working != baseWorking {
                result.append((day, working, tables.names[day] ?? (working ? "Ngày làm việc" : "Ngày nghỉ")))
            }
        }
        return result
    }

    /// Number of working days in a month.
    public func workingDays(year: Int, month: Int) -> Int {
        let first = CivilDate.dayNumber(year: year, month: month, day: 1)
        return (first..<(first + CivilDate.daysInMonth(year: year, month: month))).filter(isWorkingDay(dayNumber:))
            .count
    }

    // MARK: The working-time function W

    /// Working seconds from the start of the table to `t`: the day's cumulative count plus the
    /// seconds before `t` in its day, read from the per-minute table (the walk only in a minute
    /// where an office interval starts or ends).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func workingSecondsBefore(_ t: Timestamp) -> Int64 {
        let tables = self.tables
        let s = t.seconds
        let day = Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
        let index = day &- tables.firstDay
        if index < 0 { return 0 }
        if index >= tables.dayCount { return tables.totalSeconds }
        let word = tables.dayWords[index]
        // In 0..<86_400, and every sum below is far from overflowing.
        let secondOfDay = Int(truncatingIfNeeded: s &- Int64(day) &* 86_400)
        // Unsigned: a division by a constant is then a multiply and a shift, with no sign fix-up.
        let minute = Int(UInt(bitPattern: secondOfDay) / 60)
        let entry = tables.minuteWords[Int(word & 255) &* 1440 &+ minute]
        let kind = entry & 3
        if kind == Tables.MinuteKind.mixed.rawValue {
            return (word >> 8) &+ workingSecondsByWalk(profile: Int(word & 255), secondOfDay: secondOfDay)
        }
        return (word >> 8) &+ Int64(entry >> 2) &+ Int64(kind) &* Int64(secondOfDay &- minute &* 60)
    }

    /// Working seconds of `profile`'s day before `secondOfDay` (0...86_400), by the walk over
    /// its office intervals: the general way, which the per-minute table is built from.
    @usableFromInline
    func workingSecondsByWalk(profile: Int, secondOfDay: Int) -> Int64 {
        Tables.secondsByWalk(
            profile: profile, secondOfDay: Int32(secondOfDay), intervalStart: tables.intervalStart,
            intervalEnd: tables.intervalEnd, profileFirst: tables.profileFirst)
    }

    /// The instant where W reaches `target`: the earliest such instant when `late` is false (so
    /// a target ending an interval gives 12:00 or 17:00), the latest when true (the start of the
    /// next interval: the next working instant).
    /// - Parameter hint: a day index at or before the answer (the day of the instant being
    ///   advanced), from which the search gallops forward, so a deadline of d days costs
    ///   O(log d) probes in nearby memory rather than a search over the whole table.
    /// - Complexity: O(log d), d the distance in days from `hint` to the answer.
    func instant(atWorkingSeconds target: Int64, late: Bool, hint: Int = 0) -> Timestamp {
        let tables = self.tables
        let cumulative = tables.cumulative
        let count = tables.dayCount
        if target < 0 { return Timestamp(seconds: Int64(tables.firstDay) * 86_400) }
        if late ? target >= cumulative[count] : target > cumulative[count] {
            return Timestamp(seconds: Int64(tables.firstDay + count) * 86_400)
        }
        // Smallest index i with cumulative[i + 1] >= target (> when late): gallop from the hint
        // to bracket it, then bisect the bracket.
        @inline(__always) func reached(_ i: Int) -> Bool {
            late ? cumulative[i + 1] > target : cumulative[i + 1] >= target
        }
        var low = min(max(hint, 0), count - 1)
        if reached(low) { low = 0 }
        var high = count - 1
        var step = 1
        while low + step < high {
            if reached(low + step) {
                high = low + step
                break
            }
            low += step
            step <<= 1
        }
        while low < high {
            let mid = (low + high) >> 1
            if reached(mid) { high = mid } else { low = mid + 1 }
        }
        var remaining = target - cumulative[low]
        let p = Int(tables.profileOfDay[low])
        let base = Int64(tables.firstDay + low) * 86_400
        var j = tables.profileFirst[p]
        let end = tables.profileFirst[p + 1]
        while j < end {
            let length = Int64(tables.intervalEnd[j] - tables.intervalStart[j])
            if remaining < length || (remaining == length && !late) {
                return Timestamp(seconds: base + Int64(tables.intervalStart[j]) + remaining)
            }
            remaining -= length
            j += 1
        }
        assertionFailure("working-time tables are inconsistent")
        return Timestamp(seconds: base + 86_400)
    }

    /// Working seconds in [a, b); 0 when b <= a.
    /// - Complexity: O(1) (two reads of the day table and two of the minute table).
    @inlinable @inline(__always)
    public func workingSeconds(from a: Timestamp, to b: Timestamp) -> Int64 {
        guard b > a else { return 0 }
        return workingSecondsBefore(b) &- workingSecondsBefore(a)
    }

    /// The first instant at or after `t` that is inside office hours of a working day.
    /// - Complexity: O(log n).
    public func nextWorkingInstant(atOrAfter t: Timestamp) -> Timestamp {
        let day = t.dayNumber
        let index = day - tables.firstDay
        // Fast path: t inside an office interval of a working day.
        if index >= 0 && index < tables.dayCount {
            let p = Int(tables.profileOfDay[index])
            let second = Int32(t.secondOfDay)
            var j = tables.profileFirst[p]
            let end = tables.profileFirst[p + 1]
            while j < end {
                if second < tables.intervalEnd[j] {
                    if second >= tables.intervalStart[j] { return t }
                    return Timestamp(seconds: Int64(day) * 86_400 + Int64(tables.intervalStart[j]))
                }
                j += 1
            }
        }
        let result = instant(atWorkingSeconds: workingSecondsBefore(t), late: true, hint: index)
        return max(result, t)
    }

    /// The earliest instant `u` with `workingSeconds(from: t, to: u) == amount`. A result that
    /// falls on the end of an office interval stays there (17:00, not next morning).
    /// - Complexity: O(log n).
    public func advance(_ t: Timestamp, byWorkingSeconds amount: Int64) -> Timestamp {
        guard amount > 0 else { return t }
        return instant(
            atWorkingSeconds: workingSecondsBefore(t) + amount, late: false, hint: t.dayNumber - tables.firstDay)
    }

    /// The end of the last office interval of the working day containing `t`'s next working instant.
    public func endOfWorkingDay(containing t: Timestamp) -> Timestamp {
        endOfDay(nextWorkingInstant(atOrAfter: t))
    }

    /// End of the last office interval of `t`'s day (or `t` on a day without office hours).
    func endOfDay(_ t: Timestamp) -> Timestamp {
        let day = t.dayNumber
        let p = profile(day)
        let first = tables.profileFirst[p], end = tables.profileFirst[p + 1]
        guard end > first else { return t }
        return Timestamp(seconds: Int64(day) * 86_400 + Int64(tables.intervalEnd[end - 1]))
    }

    /// Where the clock of a dossier received at `received` starts: its next working instant,
    /// or the next working day's first instant when received after `afternoonCutoff`.
    public func clockStart(received: Timestamp, afternoonCutoff: Int? = nil) -> Timestamp {
        let start = nextWorkingInstant(atOrAfter: received)
        if let cutoff = afternoonCutoff, start.dayNumber == received.dayNumber, received.secondOfDay > cutoff {
            return nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(start.dayNumber + 1) * 86_400))
        }
        return start
    }

    /// The working seconds a deadline grants.
    public func workingSeconds(of deadline: Deadline) -> Int64? {
        switch deadline {
        case .workingDays(let n): return Int64(n) * workingSecondsPerDay
        case .workingHours(let n): return Int64(n) * 3600
        case .sameDay: return nil
        }
    }

    /// The due time of a dossier received at `received` under `deadline`.
    /// - Parameter afternoonCutoff: seconds since midnight after which a dossier counts from the
    ///   next working day (a per-procedure catalog option).
    public func due(
        received: Timestamp, deadline: Deadline, afternoonCutoff: Int? = nil, mode: DueMode = .exact
    ) -> Timestamp {
        due(
            received: received, deadline: deadline, afternoonCutoff: afternoonCutoff, mode: mode,
            pausedWorkingSeconds: 0)
    }

    /// The due time, moved later by `pausedWorkingSeconds` of paused clock (supplement requests:
    /// `DossierClassifier.pausedWorkingSeconds` merges them).
    /// - Complexity: O(log n).
    public func due(
        received: Timestamp, deadline: Deadline, afternoonCutoff: Int? = nil, mode: DueMode = .exact,
        pausedWorkingSeconds: Int64
    ) -> Timestamp {
        let start = clockStart(received: received, afternoonCutoff: afternoonCutoff)
        var result: Timestamp
        switch deadline {
        case .sameDay:
            result = endOfDay(start)
        case .workingDays(let n):
            result = advance(start, byWorkingSeconds: Int64(n) * workingSecondsPerDay)
        case .workingHours(let n):
            result = advance(start, byWorkingSeconds: Int64(n) * 3600)
        }
        if pausedWorkingSeconds > 0 { result = advance(result, byWorkingSeconds: pausedWorkingSeconds) }
        if mode == .endOfDay { result = endOfDay(result) }
        return result
    }
}
