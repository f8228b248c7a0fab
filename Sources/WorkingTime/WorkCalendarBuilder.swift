import CivilTime

extension WorkCalendar {
    static let defaultOfficeHours: [ClosedRange<Int>] = [(8 * 3600)...(12 * 3600), (13 * 3600)...(17 * 3600)]

    /// Builds the per-day tables: base week, Labor Code holidays with compensation (for years
    /// without a shipped or user schedule), recurring extra holidays, then the dated rows of
    /// every file in order.
    /// - Complexity: O(days) ≈ 73,000 steps plus a few lunar lookups per year; about a millisecond.
    static func build(files: [CalendarFile]) -> Tables {
        let years = WorkCalendar.coveredYears
        let firstDay = CivilDate.dayNumber(year: years.lowerBound, month: 1, day: 1)
        let lastDay = CivilDate.dayNumber(year: years.upperBound, month: 12, day: 31)
        let count = lastDay - firstDay + 1

        var profiles: [[ClosedRange<Int>]] = [[]]
        func profileIndex(_ intervals: [ClosedRange<Int>]) -> Int {
            if let i = profiles.firstIndex(of: intervals) { return i }
            profiles.append(intervals)
            precondition(profiles.count < 256, "too many distinct office-hour profiles")
            return profiles.count - 1
        }
        let defaultProfile = profileIndex(defaultOfficeHours)
        var weekProfile = [0, defaultProfile, defaultProfile, defaultProfile, defaultProfile, defaultProfile, 0, 0]
        var scheduledYears: Set<Int> = []
        var recurring: [(month: Int, day: Int, name: String)] = []
        for file in files {
            for directive in file.directives {
                switch directive {
                case .hours(let weekdays, let intervals):
                    let p = intervals.isEmpty ? 0 : profileIndex(intervals)
                    for weekday in weekdays { weekProfile[weekday] = p }
                case .year(let y): scheduledYears.insert(y)
                case .holiday(let m, let d, let name): recurring.append((m, d, name))
                case .off, .work: break
                }
            }
        }
        let standardProfile = (1...7).lazy.map { weekProfile[$0] }.first { $0 != 0 } ?? defaultProfile

        var dayProfile = [UInt8](repeating: 0, count: count)
        // The weekday steps by one a day (no division per day); one buffer, no check per store.
        dayProfile.withUnsafeMutableBufferPointer { days in
            var weekday = CivilDate.isoWeekday(dayNumber: firstDay)
            for i in 0..<count {
                days[i] = UInt8(weekProfile[weekday])
                weekday = weekday == 7 ? 1 : weekday + 1
            }
        }
        var names: [Int: String] = [:]
        func setOff(_ day: Int, _ name: String) {
            let i = day - firstDay
            guard i >= 0 && i < count else { return }
            dayProfile[i] = 0
            if !name.isEmpty { names[day] = name }
        }
        func isRestDay(_ day: Int) -> Bool { weekProfile[CivilDate.isoWeekday(dayNumber: day)] == 0 }

        for year in years {
            var holidays = scheduledYears.contains(year) ? [] : LaborCodeHolidays.days(year: year)
            for r in recurring where r.day <= CivilDate.daysInMonth(year: year, month: r.month) {
                holidays.append((CivilDate.dayNumber(year: year, month: r.month, day: r.day), r.name))
            }
            guard !holidays.isEmpty else { continue }
            holidays.sort { $0.dayNumber < $1.dayNumber }
            var taken = Set(holidays.map(\.dayNumber))
            for holiday in holidays { setOff(holiday.dayNumber, holiday.name) }
            for holiday in holidays where isRestDay(holiday.dayNumber) {
                var day = holiday.dayNumber + 1
                while isRestDay(day) || taken.contains(day) { day += 1 }
                taken.insert(day)
                setOff(day, "Nghỉ bù " + holiday.name)
            }
        }
        for file in files {
            for directive in file.directives {
                switch directive {
                case .off(let range, let name):
                    for day in range.first...range.last { setOff(day, name) }
                case .work(let day, let name):
                    let i = day - firstDay
                    guard i >= 0 && i < count else { continue }
                    dayProfile[i] = UInt8(standardProfile)
                    names[day] = name.isEmpty ? "Ngày làm việc" : name
                case .hours, .year, .holiday: break
                }
            }
        }

        var intervalStart: [Int32] = []
        var intervalEnd: [Int32] = []
        var profileFirst: [Int] = []
        var profileSeconds: [Int64] = []
        for intervals in profiles {
            profileFirst.append(intervalStart.count)
            for interval in intervals {
                intervalStart.append(Int32(interval.lowerBound))
                intervalEnd.append(Int32(interval.upperBound))
            }
            profileSeconds.append(Int64(intervals.reduce(0) { $0 + $1.upperBound - $1.lowerBound }))
        }
        profileFirst.append(intervalStart.count)

        var cumulative = [Int64](repeating: 0, count: count + 1)
        cumulative.withUnsafeMutableBufferPointer { sums in
            for i in 0..<count { sums[i + 1] = sums[i] + profileSeconds[Int(dayProfile[i])] }
        }
        return Tables(
            firstDay: firstDay, dayCount: count, profileOfDay: dayProfile, cumulative: cumulative,
            intervalStart: intervalStart, intervalEnd: intervalEnd, profileFirst: profileFirst,
            profileSeconds: profileSeconds, standardProfile: standardProfile, weekProfile: weekProfile, names: names,
            overlays: files)
    }
}
