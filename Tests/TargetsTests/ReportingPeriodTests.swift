import CivilTime
import Foundation
import Testing

@testable import Targets

@Suite struct ReportingPeriodTests {
    func period(_ text: String) throws -> ReportingPeriod { try ReportingPeriod.parse(text) }
    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }

    @Test(arguments: [
        ("2026-q1", "2025-12-15", "2026-03-14"),
        ("2026-q2", "2026-03-15", "2026-06-14"),
        ("2026-q3", "2026-06-15", "2026-09-14"),
        ("2026-q4", "2026-09-15", "2026-12-14"),
        ("2026-h1", "2025-12-15", "2026-06-14"),
        ("2026-h2", "2026-06-15", "2026-12-14"),
        ("2026-year", "2025-12-15", "2026-12-14"),
        ("2026-03", "2026-03-01", "2026-03-31"),
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2026-w01", "2025-12-29", "2026-01-04"),
        ("2026-w10", "2026-03-02", "2026-03-08"),
        ("2026-w53", "2026-12-28", "2027-01-03"),
        ("2021-w01", "2021-01-04", "2021-01-10"),
        ("2020-w53", "2020-12-28", "2021-01-03"),
        ("2026-03-02", "2026-03-02", "2026-03-02"),
        ("2024-02-29", "2024-02-29", "2024-02-29"),
        ("2026-Q1", "2025-12-15", "2026-03-14"),
        ("2026-W10", "2026-03-02", "2026-03-08"),
        // Days as the logs and --from/--to write them.
        ("31/12/2026", "2026-12-31", "2026-12-31"),
        ("1/3/2026", "2026-03-01", "2026-03-01"),
        ("20261231", "2026-12-31", "2026-12-31"),
        ("01/03/2026..31/03/2026", "2026-03-01", "2026-03-31"),
    ])
    func ranges(text: String, first: String, last: String) throws {
        let p = try period(text)
        #expect(p.firstDay.description == first)
        #expect(p.lastDay.description == last)
        // The canonical text reads back to the same period.
        #expect(try period(p.description) == p)
    }

    @Test(arguments: ["31/02/2026", "31/12/2026 08:00", "2026-02-30", "32/12/2026"])
    func daysThatAreNotWholeRealDaysAreRefused(text: String) {
        #expect(throws: PeriodError.self) { try period(text) }
    }

    @Test func q1BoundariesAreHalfOpen() throws {
        let q1 = try period("2026-q1")
        #expect(q1.contains(Timestamp(year: 2026, month: 3, day: 14, hour: 23, minute: 59, second: 59)))
        #expect(!q1.contains(Timestamp(year: 2026, month: 3, day: 15)))
        #expect(q1.contains(Timestamp(year: 2025, month: 12, day: 15)))
        #expect(!q1.contains(Timestamp(year: 2025, month: 12, day: 14, hour: 23, minute: 59, second: 59)))
        #expect(q1.start == Timestamp(year: 2025, month: 12, day: 15))
        #expect(q1.end == Timestamp(year: 2026, month: 3, day: 15))
        #expect(q1.defaultAsOf == Timestamp(year: 2026, month: 3, day: 14, hour: 23, minute: 59, second: 59))
        let q2 = try period("2026-q2")
        #expect(q2.contains(Timestamp(year: 2026, month: 3, day: 15)))
        #expect(q1.end == q2.start)
    }

    @Test func quartersTileTheYearAndHalvesAreUnions() throws {
        for year in [2024, 2025, 2026, 2100] {
            let quarters = try (1...4).map { try period("\(year)-q\($0)") }
            let whole = try period("\(year)-year")
            #expect(quarters[0].start == whole.start)
            #expect(quarters[3].end == whole.end)
            for i in 0..<3 { #expect(quarters[i].end == quarters[i + 1].start) }
            #expect(quarters.map(\.dayCount).reduce(0, +) == whole.dayCount)
            let h1 = try period("\(year)-h1")
            let h2 = try period("\(year)-h2")
            #expect(h1.start == quarters[0].start && h1.end == quarters[1].end)
            #expect(h2.start == quarters[2].start && h2.end == quarters[3].end)
            // 15 Dec .. 14 Dec holds 29 February exactly when the reporting year is a leap year.
            #expect(whole.dayCount == (CivilDate.isLeapYear(year) ? 366 : 365))
        }
    }

    @Test func leapYearQ1HoldsTheLeapDay() throws {
        let q1 = try period("2024-q1")
        #expect(q1.contains(Timestamp(year: 2024, month: 2, day: 29, hour: 12)))
        #expect(q1.dayCount == 17 + 31 + 29 + 14)
        #expect(try period("2026-q1").dayCount == 17 + 31 + 28 + 14)
        #expect(
            try period("2024-02").defaultAsOf
                == Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59))
    }

    @Test func isoWeeksAgreeWithWeekdayArithmetic() throws {
        // Every week starts on a Monday, weeks are consecutive, and 4 January is in week 1.
        for year in 2015...2035 {
            let weeks = ReportingPeriod.isoWeeksInYear(year)
            #expect(weeks == 52 || weeks == 53)
            var previousEnd: Timestamp?
            for w in 1...weeks {
                let p = try period(String(format: "%d-w%02d", year, w))
                #expect(p.firstDay.isoWeekday == 1)
                #expect(p.dayCount == 7)
                if let e = previousEnd { #expect(p.start == e) }
                previousEnd = p.end
            }
            #expect(try period(String(format: "%d-w01", year)).contains(date(year, 1, 4)))
            #expect(try period(String(format: "%d-w01", year + 1)).start == previousEnd)
        }
        // 53-week years: those starting on Thursday, or leap years starting on Wednesday.
        #expect((2015...2035).filter { ReportingPeriod.isoWeeksInYear($0) == 53 } == [2015, 2020, 2026, 2032])
    }

    @Test(arguments: [
        "2026", "2026-q5", "2026-q0", "2026-h3", "2026-13", "2026-00", "2026-w54", "2025-w53", "2026-w1",
        "2026-02-29", "2026-3-2", "26-q1", "2026-quarter", "", "2026-year-1", "2026-x1", "2026-+1",
    ])
    func rejectsMalformed(text: String) {
        #expect(throws: PeriodError.self) { try period(text) }
    }

    @Test(arguments: [
        ("2026-01-05..2026-02-10", "2026-01-05", "2026-02-10"),
        ("2026-01..2026-03", "2026-01-01", "2026-03-31"),
        ("2026-q1..2026-q2", "2025-12-15", "2026-06-14"),
        ("2026-03-02..2026-03-02", "2026-03-02", "2026-03-02"),
        ("2026-W10..2026-03-31", "2026-03-02", "2026-03-31"),
    ])
    func spansRunFromTheFirstDayOfFromToTheLastDayOfTo(text: String, first: String, last: String) throws {
        let p = try period(text)
        #expect(p.kind == .span)
        #expect(p.firstDay.description == first && p.lastDay.description == last)
        #expect(try period(p.description) == p, "the canonical text \(p.description) reads back")
        #expect(p.next == nil, "a span has no successor")
    }

    @Test(arguments: ["2026-03..2026-01", "2026-01..", "..2026-01", "2026-01..2026-02..2026-03", "2026-13..2026-14"])
    func rejectsMalformedSpans(text: String) {
        #expect(throws: PeriodError.self) { try period(text) }
    }

    @Test func monthsChainCalendarMonths() throws {
        let months = try ReportingPeriod.chain("2026-01..2026-06")
        #expect(months.map(\.description) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        #expect(months[1].lastDay == date(2026, 2, 28))
        for i in 0..<5 { #expect(months[i].end == months[i + 1].start) }
        let acrossYears = try ReportingPeriod.chain("2025-11..2026-02")
        #expect(acrossYears.map(\.description) == ["2025-11", "2025-12", "2026-01", "2026-02"])
    }

    @Test func quartersChainByTheHanoiCutOffs() throws {
        let quarters = try ReportingPeriod.chain("2026-q1..2026-q4")
        #expect(
            quarters.map { "\($0.firstDay)..\($0.lastDay)" } == [
                "2025-12-15..2026-03-14", "2026-03-15..2026-06-14", "2026-06-15..2026-09-14", "2026-09-15..2026-12-14",
            ])
        let across = try ReportingPeriod.chain("2026-q4..2027-q1")
        #expect(across.map(\.description) == ["2026-q4", "2027-q1"])
        #expect(across[0].end == across[1].start)
        #expect(try ReportingPeriod.chain("2026-h1..2027-h1").map(\.description) == ["2026-h1", "2026-h2", "2027-h1"])
        #expect(try ReportingPeriod.chain("2025-year..2026-year").map(\.description) == ["2025-year", "2026-year"])
    }

    @Test func weeksAndDaysChainAcrossYears() throws {
        #expect(
            try ReportingPeriod.chain("2026-w52..2027-w02").map(\.description) == [
                "2026-w52", "2026-w53", "2027-w01", "2027-w02",
            ])
        let days = try ReportingPeriod.chain("2026-02-27..2026-03-02")
        #expect(days.map(\.description) == ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"])
        #expect(try ReportingPeriod.chain("2026-q2").map(\.description) == ["2026-q2"], "one period is a chain of one")
    }

    @Test(arguments: [
        "2026-01..2026-q2", "2026-q3..2026-q1", "2026-06..2026-01", "2026-01-01..2026-02", "2020-01-01..2031-01-01",
    ])
    func rejectsChainsThatCannotBeBuilt(text: String) {
        #expect(throws: PeriodError.self) { try ReportingPeriod.chain(text) }
    }
}
