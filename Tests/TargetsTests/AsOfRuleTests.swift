import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Testing

@testable import Targets

/// One as-of rule for every command, one mistyped date never moving it, and dossiers received
/// after it left out the same way by every consumer.
@Suite struct AsOfRuleTests {
    static func t(_ day: Int, _ hour: Int = 0, month: Int = 3) -> Timestamp {
        Timestamp(year: 2026, month: month, day: day, hour: hour)
    }

    @Test func theRuleTakesAsOfThenTheSelectionThenNowThenTheLog() throws {
        let latest = Self.t(20, 9).seconds
        let now = Self.t(25, 10)
        let period = try ReportingPeriod.parse("2026-03")
        #expect(DateSelection(asOf: Self.t(5)).asOf(now: now, latestEvent: latest) == Self.t(5))
        #expect(
            DateSelection(period: period).asOf(now: now, latestEvent: latest)
                == Timestamp(year: 2026, month: 3, day: 31, hour: 23, minute: 59, second: 59))
        #expect(
            DateSelection(to: CivilDate(year: 2026, month: 3, day: 10)).asOf(now: now, latestEvent: latest)
                == Timestamp(year: 2026, month: 3, day: 10, hour: 23, minute: 59, second: 59))
        #expect(DateSelection(from: CivilDate(year: 2026, month: 3, day: 2)).asOf(now: now, latestEvent: latest) == now)
        #expect(DateSelection().asOf(latestEvent: latest) == Self.t(20, 9))
        #expect(DateSelection().asOf(latestEvent: Int64.min) == nil)
        #expect(DateSelection().asOf() == nil)
    }

    /// 60 dossiers received 2-21 March, half finished, the rest in progress with a due 3 days on.
    static func log(extra: String = "") -> String {
        var text = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra\n"
        func stamp(_ t: Timestamp) -> String {
            t.iso8601.filter { $0.isNumber }
        }
        for i in 0..<60 {
            let received = Self.t(2 + i / 3, 8 + i % 3)
            let due = received.adding(seconds: 3 * 86_400)
            let done = i % 2 == 0
            let end = done ? stamp(received.adding(seconds: 86_400)) : ""
            text += "H\(i),\(done ? 10 : 4),\(stamp(received)),\(stamp(due)),\(end),\(end)\n"
        }
        return text + extra
    }

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-asof-\(UUID().uuidString).csv")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aMistypedReturnDateDoesNotMoveTheAsOfTime() throws {
        let clean = try write(Self.log())
        let typo = try write(Self.log(extra: "T1,10,20260310081500,20260313081500,20260311100000,20360311100000\n"))
        defer {
            try? FileManager.default.removeItem(atPath: clean)
            try? FileManager.default.removeItem(atPath: typo)
        }
        var options = ReportOptions()
        options.scan.skipInvalid = true
        let a = try KPIEngine.run(files: [clean], options: options)
        let b = try KPIEngine.run(files: [typo], options: options)
        #expect(a.asOf == Timestamp(year: 2026, month: 3, day: 22, hour: 9))
        #expect(b.asOf == a.asOf)
        #expect(b.totals == a.totals)
        #expect(b.input.rejected == 1 && b.input.records == 61)
        // Judged in 2036, every dossier in progress would be overdue.
        #expect(a.totals.counts.inProgressOverdue < a.totals.counts.inProgress)
    }

    @Test func dossiersReceivedAfterAsOfAreLeftOutByEveryConsumer() throws {
        let path = try write(Self.log())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let asOf = Self.t(12, 12)
        // Received after 12 March 12:00: days 13-21 (27 dossiers) and 12 March 8:00-10:00 are before.
        let after = (0..<60).filter { Self.t(2 + $0 / 3, 8 + $0 % 3) > asOf }.count
        #expect(after == 27)
        var options = ReportOptions()
        options.asOf = asOf
        let report = try KPIEngine.run(files: [path], options: options)
        #expect(report.input.afterAsOf == after && report.outsideSelection == 0)
        #expect(report.totals.counts.received == 60 - after)

        let setup = MonitorSetup(
            classifier: options.classifier, asOf: asOf, horizonEnd: asOf.adding(seconds: 86_400),
            periodStart: Self.t(1), receivedFrom: nil, receivedBefore: nil, limit: 0)
        let (monitor, input) = try MonitorConsumer.run(files: [path], setup: setup, scan: options.scan)
        #expect(input.afterAsOf == after && monitor.outsideSelection == 0)
        #expect(monitor.figures.periodToDate.received == 60 - after)

        let breakdown = try BreakdownConsumer.run(
            files: [path],
            setup: .init(classifier: options.classifier, asOf: asOf, receivedFrom: nil, receivedBefore: nil),
            scan: options.scan)
        var sum = KPICounts()
        for group in breakdown[0].groups { sum.merge(group.counts) }
        #expect(sum == report.totals.counts)

        // Outside the dates wins: with --to 10 March, those dossiers are outside, not after.
        var selected = ReportOptions()
        try DateSelection(to: CivilDate(year: 2026, month: 3, day: 10), asOf: asOf).apply(to: &selected)
        let narrowed = try KPIEngine.run(files: [path], options: selected)
        #expect(narrowed.outsideSelection == 33 && narrowed.input.afterAsOf == 0)
    }
}
