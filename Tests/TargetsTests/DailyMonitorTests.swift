import CivilTime
import Engine
import Metrics
import Output
import Testing
import WorkingTime

@testable import Targets

@Suite struct DailyMonitorTests {
    let calendar = WorkCalendar()
    func at(_ d: Int, _ h: Int, _ m: Int = 0) -> Timestamp {
        Timestamp(year: 2026, month: 3, day: d, hour: h, minute: m)
    }

    /// Wednesday 11 March 2026, 10:00; office hours 08-12, 13-17.
    var asOf: Timestamp { at(11, 10) }

    var dossiers: [MonitoredDossier] {
        [
            MonitoredDossier(id: "A", agency: "U1", procedure: "P1", received: at(9, 8), due: at(11, 16), end: nil),
            MonitoredDossier(id: "B", agency: "U1", procedure: "P2", received: at(9, 8), due: at(12, 17), end: nil),
            MonitoredDossier(id: "C", agency: "U2", procedure: "P1", received: at(9, 8), due: at(13, 8, 30), end: nil),
            MonitoredDossier(
                id: "D", agency: "U2", procedure: "P1", received: at(2, 8), due: at(10, 15), end: nil, apology: true),
            MonitoredDossier(id: "E", agency: "U1", procedure: "P2", received: at(2, 8), due: at(11, 9), end: nil),
            MonitoredDossier(
                id: "F", agency: "U2", procedure: "P2", received: at(2, 8), due: at(9, 17), end: at(10, 10),
                finishedLate: true),
            MonitoredDossier(
                id: "G", agency: "U2", procedure: "P2", received: at(2, 8), due: at(9, 17), end: at(10, 10),
                finishedLate: true,
                apology: true),
            MonitoredDossier(id: "H", agency: "U1", procedure: "P1", received: at(11, 11), due: at(11, 16), end: nil),
            MonitoredDossier(
                id: "I", agency: "U1", procedure: "P1", received: at(9, 8), due: at(11, 12), end: at(11, 11)),
            MonitoredDossier(id: "J", agency: "U1", procedure: "P1", received: at(9, 8), due: nil, end: nil),
            MonitoredDossier(
                id: "K", agency: "U1", procedure: "P1", received: at(2, 8), due: at(9, 17), end: at(9, 16)),
        ]
    }

    func monitor(_ list: [MonitoredDossier], horizon: Timestamp? = nil, limit: Int = 0) -> DailyMonitor {
        var m = DailyMonitor(
            asOf: asOf, horizonEnd: horizon ?? DailyMonitor.defaultHorizon(asOf: asOf, calendar: calendar), limit: limit
        )
        for d in list { m.consume(d, calendar: calendar) }
        return m
    }

    @Test func defaultHorizonIsTheEndOfTheNextWorkingDay() {
        #expect(DailyMonitor.defaultHorizon(asOf: asOf, calendar: calendar) == at(12, 17))
        // Friday: the next working day is Monday.
        #expect(DailyMonitor.defaultHorizon(asOf: at(13, 16), calendar: calendar) == at(16, 17))
        // Saturday evening too.
        #expect(DailyMonitor.defaultHorizon(asOf: at(14, 20), calendar: calendar) == at(16, 17))
    }

    @Test func defaultHorizonSkipsHolidays() {
        // Friday 24 April 2026: Saturday, Sunday and Monday 27 April (Hung Kings) are off.
        let friday = Timestamp(year: 2026, month: 4, day: 24, hour: 10)
        #expect(
            DailyMonitor.defaultHorizon(asOf: friday, calendar: calendar)
                == Timestamp(year: 2026, month: 4, day: 28, hour: 17))
        // Friday 13 February 2026, the eve of Tet (14-22 February off).
        let tetEve = Timestamp(year: 2026, month: 2, day: 13, hour: 16)
        #expect(
            DailyMonitor.defaultHorizon(asOf: tetEve, calendar: calendar)
                == Timestamp(year: 2026, month: 2, day: 23, hour: 17))
    }

    @Test func listsWithKnownDueTimes() {
        let m = monitor(dossiers)
        #expect(m.dueSoon.sorted.map(\.dossier.id) == ["I", "A", "B"])
        // I: 10:00 -> 12:00 = 2h; A: 10-12 + 13-16 = 5h; B: 6h today + 8h tomorrow = 14h.
        let hour: Int64 = 3600
        #expect(m.dueSoon.sorted.map(\.workingSeconds) == [2 * hour, 5 * hour, 14 * hour])
        #expect(m.overdue.sorted.map(\.dossier.id) == ["D", "E"])
        // D: Tue 15-17 + Wed 08-10 = 4h; E: 09-10 = 1h.
        #expect(m.overdue.sorted.map(\.workingSeconds) == [4 * hour, hour])
        #expect(m.overdueWithApology == 1)
        #expect(m.lateWithoutApology.sorted.map(\.dossier.id) == ["F"])
        // F: due Mon 17:00, finished Tue 10:00 = 2 working hours late.
        #expect(m.lateWithoutApology.sorted.map(\.workingSeconds) == [2 * hour])
    }

    @Test func withinWorkingHours() {
        // --within 8h from Wed 10:00 reaches Thu 10:00: B (Thu 17:00) drops out.
        let horizon = calendar.advance(asOf, byWorkingSeconds: 8 * 3600)
        #expect(horizon == at(12, 10))
        #expect(monitor(dossiers, horizon: horizon).dueSoon.sorted.map(\.dossier.id) == ["I", "A"])
    }

    @Test func limitKeepsTheFirstAndCountsAll() {
        let m = monitor(dossiers, limit: 1)
        #expect(m.dueSoon.sorted.map(\.dossier.id) == ["I"])
        #expect(m.dueSoon.total == 3)
        #expect(m.overdue.total == 2)
    }

    @Test func mergeDoesNotDependOnTheSplit() {
        let whole = monitor(dossiers, limit: 2)
        for cut in 0...dossiers.count {
            var left = monitor(Array(dossiers[..<cut]), limit: 2)
            left.merge(monitor(Array(dossiers[cut...]), limit: 2))
            #expect(left.dueSoon.sorted == whole.dueSoon.sorted, "cut \(cut)")
            #expect(left.overdue.sorted == whole.overdue.sorted, "cut \(cut)")
            #expect(left.lateWithoutApology.sorted == whole.lateWithoutApology.sorted, "cut \(cut)")
            #expect(left.dueSoon.total == whole.dueSoon.total && left.overdueWithApology == whole.overdueWithApology)
        }
    }

    @Test func durations() {
        #expect(formatWorkingDuration(0, perDay: 28_800) == "0m")
        #expect(formatWorkingDuration(5 * 3600, perDay: 28_800) == "5h")
        #expect(formatWorkingDuration(14 * 3600 + 20 * 60, perDay: 28_800) == "1d 6h20m")
        #expect(formatWorkingDuration(16 * 3600, perDay: 28_800) == "2d")
        #expect(formatWorkingDuration(90, perDay: 28_800) == "1m")
        #expect(parseWorkingDuration("8h", perDay: 28_800) == 28_800)
        let expected: Int64 = 28_800 + 4 * 3600 + 1800
        #expect(parseWorkingDuration("1d4h30m", perDay: 28_800) == expected)
        #expect(parseWorkingDuration("90m", perDay: 28_800) == 5400)
        for bad in ["", "8", "h", "8x", "-1h", "8h5"] {
            #expect(parseWorkingDuration(bad, perDay: 28_800) == nil, "\(bad)")
        }
    }
}

@Suite struct TargetCheckTests {
    func counts(onTime: Int, late: Int) -> KPICounts {
        var c = KPICounts()
        c.onTime = onTime
        c.late = late
        c.finished = onTime + late
        c.received = onTime + late
        return c
    }

    @Test func contributorsRankedByTheirOwnShortfall() throws {
        // Unit A: 950 / 1,000 (needs 40 for 99%); B: 10 / 20 (needs 10); C: 500 / 500 (meets); D: 95 / 100 (needs 4).
        let units: [(key: [String], counts: KPICounts)] = [
            (["A"], counts(onTime: 950, late: 50)), (["B"], counts(onTime: 10, late: 10)),
            (["C"], counts(onTime: 500, late: 0)), (["D"], counts(onTime: 95, late: 5)),
        ]
        var totals = KPICounts()
        for u in units { totals.merge(u.counts) }
        let target = try Target.parse("on-time>=99")
        let check = TargetCheck(
            items: [
                .init(target: target, label: "x", source: nil),
                .init(target: try Target.parse("late<=100"), label: "y", source: nil),
            ],
            totals: totals, groups: Breakdown(dimensions: ["agency"], groups: units),
            contributorBreakdowns: [Breakdown(dimensions: ["agency"], groups: units)])
        let result = check.results[0]
        #expect(result.total.status == .missed)
        // Total 1,555 / 1,620: 99% is 1,603.8 -> 1,604, so 49 more.
        #expect(result.total.gap == .dossiers(49))
        #expect(result.missedGroups.map(\.key) == [["A"], ["B"], ["D"]])
        let ranked = result.contributors[0].ranked
        #expect(ranked.map(\.key) == [["A"], ["B"], ["D"]])
        #expect(ranked.map(\.wrongSide) == [50, 10, 5])
        #expect(ranked.map(\.evaluation.gap) == [.dossiers(40), .dossiers(10), .dossiers(4)])
        // late <= 100 holds in total (65) and in every unit.
        #expect(check.results[1].total.status == .met && check.results[1].contributors.isEmpty)
        #expect(!check.allMet && check.missedCount == 1)
    }

    @Test func groupMissesFailTheCheckEvenWhenTotalsMeet() throws {
        let units: [(key: [String], counts: KPICounts)] = [
            (["A"], counts(onTime: 990, late: 0)), (["B"], counts(onTime: 9, late: 1)),
        ]
        var totals = KPICounts()
        for u in units { totals.merge(u.counts) }
        let check = TargetCheck(
            items: [.init(target: try Target.parse("on-time>=99"), label: "x", source: nil)], totals: totals,
            groups: Breakdown(dimensions: ["agency"], groups: units), contributorBreakdowns: [])
        #expect(check.results[0].total.status == .met)
        #expect(check.results[0].missedGroups.map(\.key) == [["B"]])
        #expect(!check.allMet)
    }

    @Test func watchValues() throws {
        let check = TargetCheck(
            items: [],
            watch: [.init(metric: .rate(.onTime), label: "w"), .init(metric: TargetMetric("late")!, label: "l")],
            totals: counts(onTime: 3, late: 1), groups: nil, contributorBreakdowns: [])
        #expect(check.watch.map(\.value) == [3, 1])
        #expect(check.watch.map(\.denominator) == [4, nil])
        #expect(check.allMet)
    }
}
