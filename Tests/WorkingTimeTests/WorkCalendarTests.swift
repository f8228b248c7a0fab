import CivilTime
import Testing
import _Randomness

@testable import WorkingTime

func ts(_ text: String) -> Timestamp {
    // yyyy-MM-dd HH:mm
    let date = CivilDate(iso: String(text.prefix(10)))!
    let clock = text.dropFirst(11).split(separator: ":").map { Int($0)! }
    return Timestamp(date: date, hour: clock[0], minute: clock[1])
}

/// Slow, obviously correct versions of the clock: loops over days and office intervals.
struct ReferenceClock {
    let calendar: WorkCalendar

    func workingSeconds(from a: Timestamp, to b: Timestamp) -> Int64 {
        guard b > a else { return 0 }
        var total: Int64 = 0
        for day in a.dayNumber...b.dayNumber {
            for interval in calendar.officeIntervals(dayNumber: day) {
                let s = max(a.seconds, Int64(day) * 86_400 + Int64(interval.start))
                let e = min(b.seconds, Int64(day) * 86_400 + Int64(interval.end))
                if e > s { total += e - s }
            }
        }
        return total
    }

    func advance(_ t: Timestamp, by amount: Int64) -> Timestamp {
        guard amount > 0 else { return t }
        var remaining = amount
        var day = t.dayNumber
        while true {
            for interval in calendar.officeIntervals(dayNumber: day) {
                let s = max(t.seconds, Int64(day) * 86_400 + Int64(interval.start))
                let e = Int64(day) * 86_400 + Int64(interval.end)
                guard e > s else { continue }
                if e - s >= remaining { return Timestamp(seconds: s + remaining) }
                remaining -= e - s
            }
            day += 1
        }
    }

    func nextWorkingInstant(_ t: Timestamp) -> Timestamp {
        var day = t.dayNumber
        while true {
            for interval in calendar.officeIntervals(dayNumber: day) {
                let e = Int64(day) * 86_400 + Int64(interval.end)
                if t.seconds < e {
                    return Timestamp(seconds: max(t.seconds, Int64(day) * 86_400 + Int64(interval.start)))
                }
            }
            day += 1
        }
    }
}

@Suite struct WorkCalendarTests {
    let calendar = WorkCalendar()

    func working(_ iso: String) -> Bool { calendar.isWorkingDay(dayNumber: CivilDate(iso: iso)!.dayNumber) }

    // MARK: Schedules of Guides/WorkingTime.md ("The government schedules of 2024–2026")

    /// Every weekday off in the 2024–2026 schedules (Guides/WorkingTime.md).
    @Test(arguments: [
        "2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18",
        "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03",
        "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
        "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
        "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
    ])
    func scheduledWeekdaysAreOff(day: String) {
        #expect(!working(day), "\(day) should be a day off")
        #expect(calendar.dayName(dayNumber: CivilDate(iso: day)!.dayNumber) != nil)
    }

    /// The make-up Saturdays of those schedules are working days.
    @Test(arguments: ["2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"])
    func makeUpSaturdaysAreWorking(day: String) {
        #expect(CivilDate(iso: day)!.isoWeekday == 6)
        #expect(working(day))
    }

    /// Weekdays next to the holiday blocks stay working (the blocks have the right edges).
    @Test(arguments: [
        "2024-02-07", "2024-02-15", "2024-05-02", "2024-09-04", "2025-01-24", "2025-02-03",
        "2025-04-08", "2025-05-05", "2025-09-03", "2026-01-05", "2026-02-13", "2026-02-23",
        "2026-04-28", "2026-04-29", "2026-05-04", "2026-08-28", "2026-09-03",
    ])
    func weekdaysAroundTheBlocksAreWorking(day: String) {
        #expect(working(day))
    }

    @Test func workingDaysPerMonth2026() {
        let counts = (1...12).map { calendar.workingDays(year: 2026, month: $0) }
        // January: 22 weekdays − 1 Jan − 2 Jan + Sat 10 Jan; February: 20 − 5 (Tết);
        // April: 22 − 27 Apr − 30 Apr; May: 21 − 1 May; August: 21 + Sat 22 Aug − Mon 31 Aug;
        // September: 22 − 1, 2 Sep.
        #expect(counts == [21, 15, 22, 20, 20, 22, 23, 21, 20, 22, 21, 23])
    }

    // MARK: Labor Code rules for years without a schedule

    @Test func rulesReproduceFormerSchedules() {
        // 2023: Hùng Kings on Sat 29 Apr, 30 Apr on Sunday, 1 May Monday: off 2 and 3 May in lieu.
        for day in ["2023-05-01", "2023-05-02", "2023-05-03", "2023-01-02", "2023-09-01", "2023-09-04"] {
            #expect(!working(day), "\(day)")
        }
        #expect(working("2023-05-04"))
        #expect(working("2023-09-05"))
        // 2021: 2 Sep Thursday + Friday 3 Sep.
        #expect(!working("2021-09-02") && !working("2021-09-03"))
        #expect(working("2021-09-01"))
        // 2027: Tết 6 Feb (Saturday): 5 Feb (last day), 6–9 Feb, compensations 10 and 11 Feb.
        for day in ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"] {
            #expect(!working(day), "\(day)")
        }
        #expect(working("2027-02-04") && working("2027-02-12"))
        #expect(calendar.dayName(dayNumber: CivilDate(iso: "2027-02-10")!.dayNumber) == "Nghỉ bù Tết Nguyên đán")
    }

    @Test func culturalDayIsSwitchable() throws {
        #expect(working("2027-11-24"))
        let withDay = WorkCalendar(overlays: [ShippedCalendars.culturalDay])
        #expect(!withDay.isWorkingDay(dayNumber: CivilDate(iso: "2027-11-24")!.dayNumber))
        // 24 Nov 2029 is a Saturday: compensated on Monday 26 Nov.
        #expect(!withDay.isWorkingDay(dayNumber: CivilDate(iso: "2029-11-26")!.dayNumber))
        #expect(!withDay.isWorkingDay(dayNumber: CivilDate(iso: "2026-11-24")!.dayNumber))
    }

    // MARK: Arithmetic against the slow reference

    @Test(arguments: [UInt64(1), 2, 3])
    func matchesReferenceOnRandomInstants(seed: UInt64) throws {
        func clock(_ h: Int, _ m: Int) -> Int { h * 3600 + m * 60 }
        let overlay = CalendarFile(
            name: "overlay",
            directives: [
                .hours(
                    weekdays: [1, 2, 3, 4], intervals: [clock(7, 0)...clock(11, 30), clock(13, 30)...clock(17, 0)]),
                .hours(weekdays: [5], intervals: [clock(8, 0)...clock(12, 0)]),
                .hours(weekdays: [6], intervals: [clock(8, 0)...clock(10, 0), clock(10, 15)...clock(11, 0)]),
            ])
        for clock in [calendar, WorkCalendar(overlays: [overlay])] {
            let reference = ReferenceClock(calendar: clock)
            var rng = SplitMix64(seed: seed)
            let base = Int64(CivilDate.dayNumber(year: 2023, month: 10, day: 1)) * 86_400
            for _ in 0..<400 {
                let a = Timestamp(seconds: base + Int64.random(in: 0..<(3 * 365 * 86_400), using: &rng))
                let b = Timestamp(seconds: a.seconds + Int64.random(in: -86_400..<(40 * 86_400), using: &rng))
                let amount = Int64.random(in: 0..<(30 * 28_800), using: &rng)
                #expect(
                    clock.workingSeconds(from: a, to: b) == reference.workingSeconds(from: a, to: b),
                    "seed \(seed) \(a) \(b)")
                #expect(
                    clock.advance(a, byWorkingSeconds: amount) == reference.advance(a, by: amount),
                    "seed \(seed) \(a) +\(amount)")
                #expect(clock.nextWorkingInstant(atOrAfter: a) == reference.nextWorkingInstant(a), "seed \(seed) \(a)")
            }
        }
    }

    /// W read from the per-minute table against the walk over the day's office intervals, on
    /// seeded random instants of 1899-2101 (clamped ends included): any second of the day, the
    /// seconds around interval edges and minute starts, under the standard calendar (holidays,
    /// make-up days, weekends) and office hours that start and end inside a minute or touch
    /// midnight.
    @Test(arguments: [UInt64(21), 22, 23])
    func minuteTableMatchesTheWalk(seed: UInt64) {
        let overlay = CalendarFile(
            name: "odd seconds",
            directives: [
                .hours(weekdays: [1, 2, 3], intervals: [28_770...41_415, 46_801...61_199]),
                .hours(weekdays: [4, 5], intervals: [0...3_601, 43_200...43_259, 82_799...86_400]),
                .hours(weekdays: [6], intervals: [30...90, 119...121]),
            ])
        for clock in [calendar, WorkCalendar(overlays: [overlay])] {
            let tables = clock.tables
            func walked(_ t: Timestamp) -> Int64 {
                let index = t.dayNumber - tables.firstDay
                if index < 0 { return 0 }
                if index >= tables.dayCount { return tables.cumulative[tables.dayCount] }
                return tables.cumulative[index]
                    + clock.workingSecondsByWalk(profile: Int(tables.profileOfDay[index]), secondOfDay: t.secondOfDay)
            }
            var rng = SplitMix64(seed: seed)
            let firstDay = CivilDate.dayNumber(year: 1899, month: 12, day: 20)
            let lastDay = CivilDate.dayNumber(year: 2101, month: 1, day: 10)
            let edges = (tables.intervalStart + tables.intervalEnd).map(Int.init) + [0, 60, 86_340, 86_399]
            for _ in 0..<20_000 {
                let day = Int.random(in: firstDay...lastDay, using: &rng)
                let second: Int
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: second = Int.random(in: 0..<86_400, using: &rng)
                case 1:
                    let edge = edges.randomElement(using: &rng)!
                    second = min(max(edge + Int.random(in: -2...2, using: &rng), 0), 86_399)
                default:
                    let minuteStart = Int.random(in: 0..<1_440, using: &rng) * 60
                    second = (minuteStart + Int.random(in: -1...1, using: &rng) + 86_400) % 86_400
                }
                let a = Timestamp(seconds: Int64(day) * 86_400 + Int64(second))
                #expect(clock.workingSecondsBefore(a) == walked(a), "seed \(seed) \(a)")
                // Pairs on the same or near days, against the day-by-day reference.
                let b = a.adding(seconds: Int64.random(in: 0..<(3 * 86_400), using: &rng))
                if WorkCalendar.covers(a) && WorkCalendar.covers(b) {
                    #expect(
                        clock.workingSeconds(from: a, to: b)
                            == ReferenceClock(calendar: clock).workingSeconds(from: a, to: b), "seed \(seed) \(a) \(b)")
                }
            }
        }
    }

    @Test(arguments: [UInt64(11), 12])
    func dueProperties(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let base = Int64(CivilDate.dayNumber(year: 2024, month: 1, day: 1)) * 86_400
        for _ in 0..<500 {
            let received = Timestamp(seconds: base + Int64.random(in: 0..<(3 * 365 * 86_400), using: &rng))
            // b >= 1: a zero deadline from a due at 12:00 or 17:00 restarts at the next interval.
            let a = Int.random(in: 0...60, using: &rng), b = Int.random(in: 1...60, using: &rng)
            let whole = calendar.due(received: received, deadline: .workingHours(a + b))
            let stepwise = calendar.due(
                received: calendar.due(received: received, deadline: .workingHours(a)), deadline: .workingHours(b))
            #expect(whole == stepwise, "seed \(seed): received \(received), a \(a), b \(b)")
            // Never outside office hours: inside or at the end of an interval of a working day.
            let due = calendar.due(received: received, deadline: .workingDays(b % 15 + 1))
            let inside = calendar.officeIntervals(dayNumber: due.dayNumber).contains {
                due.secondOfDay > $0.start && due.secondOfDay <= $0.end
            }
            #expect(inside, "seed \(seed): due \(due) outside office hours")
            // Additivity of working time.
            let c = Timestamp(seconds: received.seconds + Int64.random(in: 0..<(20 * 86_400), using: &rng))
            let d = Timestamp(seconds: c.seconds + Int64.random(in: 0..<(20 * 86_400), using: &rng))
            #expect(
                calendar.workingSeconds(from: received, to: d)
                    == calendar.workingSeconds(from: received, to: c) + calendar.workingSeconds(from: c, to: d),
                "seed \(seed)")
            #expect(
                calendar.workingSeconds(from: calendar.clockStart(received: received), to: whole) == Int64(a + b) * 3600
            )
        }
    }

    // MARK: Hand-worked cases

    /// Received Friday 13 Feb 2026 16:30, the last working afternoon before Tết (14–22 Feb):
    /// 30 minutes on Friday, Tết skipped, 8 h on 23 and 24 Feb, 7 h 30 on 25 Feb: due 16:30.
    @Test func fridayAfternoonBeforeTet() {
        let due = calendar.due(received: ts("2026-02-13 16:30"), deadline: .workingDays(3))
        #expect(due.iso8601 == "2026-02-25T16:30:00")
        #expect(
            calendar.due(received: ts("2026-02-13 16:30"), deadline: .workingDays(3), mode: .endOfDay).iso8601
                == "2026-02-25T17:00:00")
        #expect(calendar.due(received: ts("2026-02-13 16:30"), deadline: .sameDay).iso8601 == "2026-02-13T17:00:00")
    }

    @Test func receivedAroundTheIntervalEdges() {
        // Monday 2 March 2026.
        #expect(
            calendar.due(received: ts("2026-03-02 16:59"), deadline: .workingHours(1)).iso8601 == "2026-03-03T08:59:00")
        #expect(
            calendar.due(received: ts("2026-03-02 17:01"), deadline: .workingHours(1)).iso8601 == "2026-03-03T09:00:00")
        #expect(
            calendar.due(received: ts("2026-03-02 12:30"), deadline: .workingHours(1)).iso8601 == "2026-03-02T14:00:00")
        #expect(
            calendar.due(received: ts("2026-03-02 12:30"), deadline: .workingHours(4)).iso8601 == "2026-03-02T17:00:00")
        #expect(
            calendar.due(received: ts("2026-03-02 08:00"), deadline: .workingHours(4)).iso8601 == "2026-03-02T12:00:00")
        #expect(
            calendar.due(received: ts("2026-03-02 08:00"), deadline: .workingDays(1)).iso8601 == "2026-03-02T17:00:00")
        #expect(calendar.due(received: ts("2026-03-02 17:01"), deadline: .sameDay).iso8601 == "2026-03-03T17:00:00")
        #expect(calendar.nextWorkingInstant(atOrAfter: ts("2026-03-02 12:00")).iso8601 == "2026-03-02T13:00:00")
    }

    @Test func afternoonCutoff() {
        let cutoff = 15 * 3600
        #expect(
            calendar.due(received: ts("2026-03-02 15:30"), deadline: .sameDay, afternoonCutoff: cutoff).iso8601
                == "2026-03-03T17:00:00")
        #expect(
            calendar.due(received: ts("2026-03-02 14:59"), deadline: .sameDay, afternoonCutoff: cutoff).iso8601
                == "2026-03-02T17:00:00")
        // Friday 15:30 moves to Monday.
        #expect(
            calendar.due(received: ts("2026-03-06 15:30"), deadline: .workingDays(1), afternoonCutoff: cutoff).iso8601
                == "2026-03-09T17:00:00")
    }

    /// A pause from Thursday 27 Aug 2026 15:00 to Thursday 3 Sep 10:00 spans the weekend, the
    /// swapped Monday 31 Aug and National Day (1–2 Sep): it holds 2 h (Thu) + 8 h (Fri 28) +
    /// 2 h (Thu 3 Sep) = 12 working hours.
    @Test func pauseSpanningWeekendAndHoliday() {
        let paused = calendar.workingSeconds(from: ts("2026-08-27 15:00"), to: ts("2026-09-03 10:00"))
        #expect(paused == 12 * 3600)
        // Received Wed 26 Aug 09:00, 5 working days (40 h): 7 h + 8 h + 8 h (26–28 Aug), 29 Aug–
        // 2 Sep off, 8 h + 8 h (3–4 Sep), 1 h on Monday 7 Sep: 09:00. The pause adds 12 h:
        // 7 h to 17:00 on the 7th, 5 h on Tuesday 8 Sep: 14:00.
        let plain = calendar.due(received: ts("2026-08-26 09:00"), deadline: .workingDays(5))
        #expect(plain.iso8601 == "2026-09-07T09:00:00")
        let paused5 = calendar.due(
            received: ts("2026-08-26 09:00"), deadline: .workingDays(5), pausedWorkingSeconds: paused)
        #expect(paused5.iso8601 == "2026-09-08T14:00:00")
    }

    /// A deadline ending on the make-up Saturday 22 Aug 2026: received Monday 17 Aug 08:00, 6 days.
    @Test func deadlineEndingOnMakeUpSaturday() {
        #expect(
            calendar.due(received: ts("2026-08-17 08:00"), deadline: .workingDays(6)).iso8601 == "2026-08-22T17:00:00")
        #expect(
            calendar.due(received: ts("2026-08-17 10:00"), deadline: .workingDays(6)).iso8601 == "2026-08-24T10:00:00")
    }

    /// Copies share one table; changing the hours of a copy builds its own and leaves the other alone.
    @Test func copiesShareTheTables() {
        let a = WorkCalendar()
        var b = a
        #expect(a.tables === b.tables)
        #expect(a.tables === WorkCalendar.standard.tables)
        b.officeIntervals = [(8 * 3600, 12 * 3600)]
        #expect(a.tables !== b.tables)
        #expect(a.workingSecondsPerDay == 8 * 3600 && b.workingSecondsPerDay == 4 * 3600)
    }

    @Test func officeIntervalsAreConfigurable() {
        var clock = WorkCalendar()
        clock.officeIntervals = [(7 * 3600, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600)]
        #expect(clock.workingSecondsPerDay == 8 * 3600)
        #expect(
            clock.due(received: ts("2026-03-02 11:00"), deadline: .workingHours(1)).iso8601 == "2026-03-02T14:00:00")
        #expect(calendar.workingSecondsPerDay == 8 * 3600)
    }

    /// The per-day tables as the plain rules give them: a day without a name keeps the base
    /// week's profile of its ISO weekday, and each day adds its profile's seconds to the sum.
    @Test func dayTablesFollowTheWeekAndTheirSums() {
        var halfDays = WorkCalendar()
        halfDays.officeIntervals = [(7 * 3600, 11 * 3600)]
        for clock in [WorkCalendar.standard, halfDays] {
            let tables = clock.tables
            var wrongProfiles: [Int] = []
            var wrongSums: [Int] = []
            for i in 0..<tables.dayCount {
                let day = tables.firstDay + i
                let profile = Int(tables.profileOfDay[i])
                if tables.names[day] == nil && profile != tables.weekProfile[CivilDate.isoWeekday(dayNumber: day)] {
                    wrongProfiles.append(day)
                }
                if tables.cumulative[i + 1] - tables.cumulative[i] != tables.profileSeconds[profile] {
                    wrongSums.append(day)
                }
            }
            #expect(wrongProfiles.isEmpty && wrongSums.isEmpty, "\(wrongProfiles.prefix(5)) \(wrongSums.prefix(5))")
            #expect(tables.cumulative[0] == 0 && tables.dayCount > 73_000)
        }
    }
}
