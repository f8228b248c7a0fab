import CivilTime

/// A date of the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public var day: Int
    public var month: Int
    /// The lunar year, numbered as the Gregorian year in which its month 1 starts.
    public var year: Int
    /// True for an intercalary month (tháng nhuận), which repeats the number of the month before.
    public var isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    /// `d/m/yyyy`, with `L` after the month of a leap month (`15/2L/2023`).
    public var description: String { "\(day)/\(month)\(isLeapMonth ? "L" : "")/\(year)" }

    /// Parses `d/m/yyyy` or `d/mL/yyyy` (also `-` as separator); nil when malformed.
    public init?(text: String) {
        let separator: Character = text.contains("/") ? "/" : "-"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var monthText = parts[1]
        var leap = false
        if let last = monthText.last, last == "L" || last == "l" {
            leap = true
            monthText = monthText.dropLast()
        }
        guard let d = Int(parts[0]), let m = Int(monthText), let y = Int(parts[2]), (1...30).contains(d),
            (1...12).contains(m)
        else { return nil }
        self.init(day: d, month: m, year: y, isLeapMonth: leap)
    }
}

/// The Vietnamese lunisolar calendar, computed astronomically for a time zone (UTC+7 for Vietnam).
///
/// Rules (as in the *Explanatory Supplement to the Astronomical Almanac* and Hồ Ngọc Đức's
/// description of the Vietnamese calendar): a month starts on the local day containing a new
/// moon; the month containing the December solstice is month 11; a year from month 11 to the
/// next month 11 with 13 months has a leap month, the first month after the solstice that
/// contains no major solar term (a multiple of 30° of solar longitude), numbered as the month
/// before it. Unlike Foundation's `.chinese` calendar (UTC+8), the zone is a parameter.
///
/// The months of the covered years are computed once into a flat table, so conversions are a
/// binary search (solar to lunar) or a short scan (lunar to solar).
public struct LunarCalendar: Sendable {
    final class Storage: Sendable {
        /// First day of each month, plus the first day after the last month.
        let starts: [Int]
        let labels: [(year: Int, month: Int, leap: Bool)]
        /// Index in `labels` of month 1 of lunar year `firstYear + i`.
        let newYearIndex: [Int]
        let firstYear: Int

        init(starts: [Int], labels: [(year: Int, month: Int, leap: Bool)], newYearIndex: [Int], firstYear: Int) {
            self.starts = starts
            self.labels = labels
            self.newYearIndex = newYearIndex
            self.firstYear = firstYear
        }
    }

    let storage: Storage
    /// The zone whose midnights delimit lunar days, in hours east of UTC (the zone from 1968 on
    /// for the issued Vietnamese calendar).
    public let utcOffsetHours: Double

    /// Vietnam's calendar as it was issued, for Gregorian years 1900–2100: the months
    /// `init(issuedInVietnam: 1900...2100)` computes, read from `IssuedLunarMonths` (no
    /// astronomy at a run's start).
    public static let vietnamese = LunarCalendar(storage: IssuedLunarMonths.storage(), utcOffsetHours: 7)

    init(storage: Storage, utcOffsetHours: Double) {
        self.storage = storage
        self.utcOffsetHours = utcOffsetHours
    }

    /// Computes the months covering every day of `gregorianYears` for one zone.
    public init(utcOffsetHours: Double, gregorianYears: ClosedRange<Int>) {
        self.utcOffsetHours = utcOffsetHours
        let (starts, labels) = LunarCalendar.months(utcOffsetHours: utcOffsetHours, gregorianYears: gregorianYears)
        storage = LunarCalendar.storage(starts: starts, labels: labels, firstYear: gregorianYears.lowerBound - 1)
    }

    /// The first day computed for UTC+7 in the calendar North Vietnam issued: a decision of
    /// 8 August 1967 moved it from UTC+8 (China's) to UTC+7 from 1968 on, so Tết 1968 fell on
    /// 29 January in the North and on 30 January in the South (which kept UTC+8 until 1975).
    public static let issuedUTC7From = CivilDate.dayNumber(year: 1968, month: 1, day: 1)

    /// Month starts where the calendar as issued before 1968 differs from the UTC+8
    /// computation, as Hồ Ngọc Đức's tables give it (computed day, issued day). The first four
    /// are new moons 1 to 6 minutes after midnight at 120° E: China reckoned by Beijing's local
    /// time (116° 25' E) until 1928, where they fall before midnight. The fifth (Tết 1925 on
    /// 25 January, the new moon being at 22:45 UTC+8 on the 24th) is not a matter of meridian;
    /// it is followed because the tables give it.
    public static let issuedCorrections: [(computed: CivilDate, issued: CivilDate)] = [
        (CivilDate(year: 1906, month: 4, day: 24), CivilDate(year: 1906, month: 4, day: 23)),
        (CivilDate(year: 1914, month: 11, day: 18), CivilDate(year: 1914, month: 11, day: 17)),
        (CivilDate(year: 1916, month: 2, day: 4), CivilDate(year: 1916, month: 2, day: 3)),
        (CivilDate(year: 1920, month: 11, day: 11), CivilDate(year: 1920, month: 11, day: 10)),
        (CivilDate(year: 1925, month: 1, day: 24), CivilDate(year: 1925, month: 1, day: 25)),
    ]

    /// The calendar of the North as issued: months starting before 1968 computed for UTC+8
    /// (with `issuedCorrections`), from 1968 for UTC+7. The two computations give month 12 of
    /// 1967 the same start (31 December 1967), so the months join there; the splice is checked.
    public init(issuedInVietnam gregorianYears: ClosedRange<Int>) {
        utcOffsetHours = 7
        // Each zone is computed only for the years it serves, with 1967 and 1968 in both so
        // that the join is checked (half the astronomy of every run's start for 1900-2100).
        let joins = gregorianYears.contains(1967) && gregorianYears.contains(1968)
        let old = LunarCalendar.months(
            utcOffsetHours: 8,
            gregorianYears: joins ? gregorianYears.lowerBound...1968 : gregorianYears)
        let new = LunarCalendar.months(
            utcOffsetHours: 7,
            gregorianYears: joins ? 1967...gregorianYears.upperBound : gregorianYears)
        let switchDay = LunarCalendar.issuedUTC7From
        var starts: [Int] = []
        var labels: [(year: Int, month: Int, leap: Bool)] = []
        for i in old.labels.indices where old.starts[i] < switchDay {
            var start = old.starts[i]
            if let c = LunarCalendar.issuedCorrections.first(where: { $0.computed.dayNumber == start }) {
                start = c.issued.dayNumber
            }
            starts.append(start)
            labels.append(old.labels[i])
        }
        if let joinOld = old.starts.firstIndex(where: { $0 >= switchDay }),
            let joinNew = new.starts.firstIndex(where: { $0 >= switchDay })
        {
            precondition(
                old.labels[joinOld] == new.labels[joinNew], "the UTC+8 and UTC+7 months do not join at 1968")
        }
        for i in new.labels.indices where new.starts[i] >= switchDay {
            starts.append(new.starts[i])
            labels.append(new.labels[i])
        }
        if let last = new.starts.last, last >= switchDay {
            starts.append(last)
        } else {
            starts.append(old.starts.last!)
        }
        storage = LunarCalendar.storage(starts: starts, labels: labels, firstYear: gregorianYears.lowerBound - 1)
    }

    /// The storage of months `labels` starting on `starts` (one more start: the end of the last).
    static func storage(starts: [Int], labels: [(year: Int, month: Int, leap: Bool)], firstYear: Int) -> Storage {
        var newYearIndex: [Int] = []
        for (i, label) in labels.enumerated() where label.month == 1 && !label.leap && label.year >= firstYear {
            newYearIndex.append(i)
        }
        // newYearIndex[0] is month 1 of lunar year `firstYear`.
        return Storage(starts: starts, labels: labels, newYearIndex: newYearIndex, firstYear: firstYear)
    }

    /// The months (first days and labels, plus the day after the last month) covering
    /// `gregorianYears`, computed for one zone.
    static func months(utcOffsetHours offset: Double, gregorianYears: ClosedRange<Int>) -> (
        starts: [Int], labels: [(year: Int, month: Int, leap: Bool)]
    ) {
        var newMoonCache: [Int: Int] = [:]
        func newMoonDay(_ k: Int) -> Int {
            if let day = newMoonCache[k] { return day }
            let day = Astronomy.dayNumber(containing: Astronomy.newMoonJD(k), offsetHours: offset)
            newMoonCache[k] = day
            return day
        }
        func sector(_ day: Int) -> Int {
            Int(Astronomy.sunLongitude(jd: Astronomy.julianDay(localMidnightOf: day, offsetHours: offset)) / 30)
        }
        /// Lunation number of month 11 of lunar year `year` (the month containing the solstice of Dec `year`).
        func month11(_ year: Int) -> Int {
            let december31 = CivilDate.dayNumber(year: year, month: 12, day: 31)
            let firstNewMoon2000 = CivilDate.dayNumber(year: 2000, month: 1, day: 6)
            let k = Int((Double(december31 - firstNewMoon2000) / 29.530588853).rounded(.down))
            return sector(newMoonDay(k)) >= 9 ? k - 1 : k
        }

        var starts: [Int] = []
        var labels: [(year: Int, month: Int, leap: Bool)] = []
        let firstYear = gregorianYears.lowerBound - 1
        var k = month11(firstYear - 1)
        for year in (firstYear - 1)...gregorianYears.upperBound {
            let next = month11(year + 1)
            let count = next - k
            var leap: Int? = nil
            if count == 13 {
                for i in 1...12 where sector(newMoonDay(k + i)) == sector(newMoonDay(k + i + 1)) {
                    leap = i
                    break
                }
            }
            for i in 0..<count {
                var m = 11 + i
                if let leap, i >= leap { m -= 1 }
                let labelYear = m > 12 ? year + 1 : year
                if m > 12 { m -= 12 }
                starts.append(newMoonDay(k + i))
                labels.append((labelYear, m, leap == i))
            }
            k = next
        }
        starts.append(newMoonDay(k))
        return (starts, labels)
    }

    /// The day numbers this calendar can convert.
    public var supportedDays: Range<Int> { storage.starts.first!..<storage.starts.last! }

    /// The lunar date of the day `dayNumber` days after 1970-01-01; nil outside `supportedDays`.
    public func lunarDate(dayNumber: Int) -> LunarDate? {
        let starts = storage.starts
        guard supportedDays.contains(dayNumber) else { return nil }
        // Last month start <= dayNumber.
        var low = 0
        var high = starts.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= dayNumber { low = mid } else { high = mid }
        }
        let label = storage.labels[low]
        return LunarDate(
            day: dayNumber - starts[low] + 1, month: label.month, year: label.year, isLeapMonth: label.leap)
    }

    public func lunarDate(of date: CivilDate) -> LunarDate? { lunarDate(dayNumber: date.dayNumber) }

    /// The day number of a lunar date; nil when it does not exist (no such leap month, day 30
    /// of a 29-day month) or is outside the covered years.
    public func dayNumber(of date: LunarDate) -> Int? {
        guard let first = newYearIndex(lunarYear: date.year) else { return nil }
        var i = first
        while i < storage.labels.count {
            let label = storage.labels[i]
            if label.year != date.year { return nil }
            if label.month == date.month && label.leap == date.isLeapMonth {
                let length = storage.starts[i + 1] - storage.starts[i]
                return date.day >= 1 && date.day <= length ? storage.starts[i] + date.day - 1 : nil
            }
            i += 1
        }
        return nil
    }

    public func solarDate(of date: LunarDate) -> CivilDate? { dayNumber(of: date).map(CivilDate.init(dayNumber:)) }

    private func newYearIndex(lunarYear: Int) -> Int? {
        let i = lunarYear - storage.firstYear
        return i >= 0 && i < storage.newYearIndex.count ? storage.newYearIndex[i] : nil
    }

    /// Day number of Tết (1/1) of `lunarYear`.
    public func newYearDayNumber(lunarYear: Int) -> Int? {
        newYearIndex(lunarYear: lunarYear).map { storage.starts[$0] }
    }

    /// The leap month of `lunarYear` (the number it repeats), nil when the year has none.
    public func leapMonth(lunarYear: Int) -> Int? {
        guard let first = newYearIndex(lunarYear: lunarYear) else { return nil }
        var i = first
        while i < storage.labels.count, storage.labels[i].year == lunarYear {
            if storage.labels[i].leap { return storage.labels[i].month }
            i += 1
        }
        return nil
    }
}
