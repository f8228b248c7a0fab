import CivilTime
import Testing

@Suite struct TimestampParserTests {
    @Test(arguments: [
        ("20260302081500", "2026-03-02T08:15:00"),
        ("20260302", "2026-03-02T00:00:00"),
        ("2026-03-02T08:15:00", "2026-03-02T08:15:00"),
        ("2026-03-02 08:15", "2026-03-02T08:15:00"),
        ("2026-03-02T08:15:00.123", "2026-03-02T08:15:00"),
        ("2026-03-02T01:15:00Z", "2026-03-02T08:15:00"),
        ("2026-03-02T08:15:00+07:00", "2026-03-02T08:15:00"),
        ("2026-03-02T10:15:00+09:00", "2026-03-02T08:15:00"),
        ("2026-03-01T20:15:00-05:00", "2026-03-02T08:15:00"),
        ("2026-03-02T08:15:00+0700", "2026-03-02T08:15:00"),
        ("2026-03-02T08:15:00+07", "2026-03-02T08:15:00"),
        ("02/03/2026 08:15:00", "2026-03-02T08:15:00"),
        ("2/3/2026 08:15", "2026-03-02T08:15:00"),
        ("02/03/2026", "2026-03-02T00:00:00"),
    ])
    func parsesEverySpelling(text: String, expected: String) {
        #expect(TimestampParser.parse(text)?.iso8601 == expected)
    }

    @Test(arguments: [
        "", "2026", "2026030208150", "20261302081500", "20260230081500", "20260302246000",
        "2026-02-30", "2026-03-02T25:00", "2026-03-02X08:00", "32/01/2026", "01/01/26",
        "2026-03-02T08:15:00+7", "abcdefghijklmn", "2026-03-02T08:15:00Zjunk",
    ])
    func rejectsMalformedText(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func dayNumbersRoundTripOverFourCenturies() {
        var day = CivilDate.dayNumber(year: 1900, month: 1, day: 1)
        let last = CivilDate.dayNumber(year: 2300, month: 12, day: 31)
        var expected = CivilDate(year: 1900, month: 1, day: 1)
        while day <= last {
            let date = CivilDate(dayNumber: day)
            #expect(date == expected)
            #expect(date.dayNumber == day)
            // Step the expected date by hand, the slow obvious way.
            expected.day += 1
            if expected.day > CivilDate.daysInMonth(year: expected.year, month: expected.month) {
                expected.day = 1
                expected.month += 1
                if expected.month > 12 {
                    expected.month = 1
                    expected.year += 1
                }
            }
            day += 1
        }
    }

    @Test func weekdaysFollowKnownDates() {
        #expect(CivilDate(year: 2026, month: 11, day: 23).isoWeekday == 1)  // a Monday
        #expect(CivilDate(year: 1970, month: 1, day: 1).isoWeekday == 4)
        #expect(CivilDate(year: 1900, month: 1, day: 1).isoWeekday == 1)
    }
}
