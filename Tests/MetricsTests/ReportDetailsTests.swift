import CivilTime
import Engine
import Foundation
import Metrics
import TestSupport
import Testing

/// A report document's details (per day, per unit, processing times, late list) against the
/// engine's own totals from the same scan, over seeded random logs, any split of the work.
@Suite struct ReportDetailsTests {
    static func withLog<R>(seed: UInt64, count: Int, _ body: (String) throws -> R) throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tthc-details-\(getpid())-\(seed)-\(UUID().uuidString).csv"
        ).path
        try Data(RandomDossierLog.make(seed: seed, count: count).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func sum(_ list: [KPICounts]) -> KPICounts {
        var total = KPICounts()
        for c in list { total.merge(c) }
        return total
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func detailsAddUpToTheEngineTotals(seed: UInt64) throws {
        try Self.withLog(seed: seed, count: 800) { path in
            for asOf in [nil, Timestamp(year: 2026, month: 4, day: 10, hour: 9)] {
                var options = ReportOptions()
                options.asOf = asOf
                let (report, details) = try KPIEngine.run(files: [path], options: options, lateLimit: 0)
                let totals = report.totals.counts
                // Every received dossier has a received day in these logs; those not received may not.
                #expect(Self.sum(details.units.map(\.counts)) == totals)
                let byDay = Self.sum(details.days.map(\.counts))
                #expect(byDay.received == totals.received)
                #expect(byDay.inProgressOverdue == totals.inProgressOverdue)
                #expect(byDay.late == totals.late && byDay.onTime == totals.onTime)
                #expect(details.late.total == totals.late)
                #expect(details.late.sorted.count == totals.late)
                #expect(details.processing.total == report.totals.processingMinutes.total)
                #expect(details.processing.afterDue.reduce(0, +) == totals.late)
                #expect(details.processing.byDue.reduce(0, +) == totals.early + totals.onTime)
                #expect(details.days.map(\.day) == details.days.map(\.day).sorted())
            }
        }
    }

    @Test func theLateListIsTheLongestOverrunFirstAndMeasuredOnTheLegalClock() throws {
        try Self.withLog(seed: 7, count: 1500) { path in
            let options = ReportOptions()
            let calendar = options.classifier.calendar
            let (_, details) = try KPIEngine.run(files: [path], options: options, lateLimit: 0)
            let list = details.late.sorted
            #expect(!list.isEmpty)
            for (a, b) in zip(list, list.dropFirst()) { #expect(a.overSeconds >= b.overSeconds) }
            for d in list {
                if d.end > d.due {
                    #expect(d.overSeconds == calendar.workingSeconds(from: d.due, to: d.end))
                    #expect(!d.lateBySupplements)
                } else {
                    // Late with its end by the due: only the supplement rule makes it late.
                    #expect(d.overSeconds == 0 && d.lateBySupplements)
                }
            }
            #expect(list.contains { $0.lateBySupplements })
        }
    }

    @Test func theResultDoesNotDependOnWorkersOrChunkSize() throws {
        try Self.withLog(seed: 11, count: 3000) { path in
            func run(workers: Int, chunk: Int) throws -> ReportDetails {
                var options = ReportOptions()
                options.scan.workers = workers
                options.scan.chunkSize = chunk
                return try KPIEngine.run(files: [path], options: options, lateLimit: 10).details
            }
            let one = try run(workers: 1, chunk: 1 << 20)
            for (workers, chunk) in [(2, 997), (3, 64), (2, 7)] {
                let other = try run(workers: workers, chunk: chunk)
                #expect(other.late.sorted == one.late.sorted)
                #expect(other.late.total == one.late.total)
                #expect(other.units.map(\.unit) == one.units.map(\.unit))
                #expect(other.units.map(\.counts) == one.units.map(\.counts))
                #expect(other.days.map(\.counts) == one.days.map(\.counts))
                #expect(other.processing == one.processing)
            }
            #expect(one.late.sorted.count == 10)
            // Skipping the dossiers that fall after the kept ones changes nothing: the first 10 of
            // the whole list, and the same total.
            var options = ReportOptions()
            options.scan.workers = 1
            let all = try KPIEngine.run(files: [path], options: options, lateLimit: 0).details.late
            #expect(Array(all.sorted.prefix(10)) == one.late.sorted)
            #expect(all.total == one.late.total)
        }
    }
}
