import CivilTime
import Foundation
import Testing

@testable import Simulation

/// Offered load before a run, growing queues during it, and utilization that never exceeds 1.
@Suite("Stability: offered load and growing queues")
struct StabilityTests {
    @Test("M/M/c offered load is lambda x service over the staff, and rho >= 1 warns with the staff needed")
    func mmcLoad() throws {
        // 24/7: arrivals per working hour are per hour.
        for (lambda, mu, c) in [(9.0, 1.0, 10), (13.0, 1.0, 10), (2.5, 2.0, 1)] {
            let scenario = try mmcScenario(lambda: lambda, mu: mu, servers: c)
            let load = try #require(PoolLoad.of(scenario, start: scenario.start, window: 30 * 86_400).first)
            #expect(abs(load.arrivalsPerWorkingHour - lambda) < 1e-9)
            #expect(abs(load.workHoursPerVisit - 1 / mu) < 1e-9)
            #expect(abs(load.utilization - lambda / mu / Double(c)) < 1e-9)
            // The fewest staff with lambda / mu / staff < 0.9, counted up by hand.
            var needed = 1
            while lambda / mu / Double(needed) >= 0.9 { needed += 1 }
            #expect(load.staff(forUtilizationBelow: 0.9) == needed)
        }
    }

    @Test("Office calendar: counter dossiers per working hour, online ones around the clock, steps by channel")
    func officeLoad() throws {
        let s = try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office",
                  "pools": { "desk": { "size": 2 }, "office": { "size": 1 } },
                  "procedures": { "p": { "arrivals_per_week": 80, "channels": { "in_person": 0.75, "online": 0.25 },
                      "steps": [
                        { "pool": "desk", "channels": ["in_person"], "service": { "dist": "constant", "value": 30, "unit": "minutes" } },
                        { "pool": "office", "service": { "dist": "exponential", "mean": 0.5 } } ] } } }
                """)
        // 2026-03-02 .. 03-09: a week of five 8-hour working days (no holiday): 40 working hours.
        let loads = PoolLoad.of(s, start: s.start, window: 7 * 86_400)
        // 80 a week: 60 at the counter (in office time), 20 online (around the clock) = 80 in 40 working hours.
        #expect(abs(loads[0].arrivalsPerWorkingHour - 60.0 / 40) < 1e-9)
        #expect(abs(loads[0].utilization - 60.0 / 40 * 0.5 / 2) < 1e-9)
        #expect(abs(loads[1].arrivalsPerWorkingHour - 80.0 / 40) < 1e-9)
        #expect(abs(loads[1].utilization - 80.0 / 40 * 0.5) < 1e-9)
    }

    @Test("The growth rule: more than a fifth and more than one dossier longer in the last quarter")
    func growthRule() {
        #expect(!QueueGrowth.isGrowing(secondQuarter: 0, lastQuarter: 1))
        #expect(QueueGrowth.isGrowing(secondQuarter: 0, lastQuarter: 1.01))
        #expect(!QueueGrowth.isGrowing(secondQuarter: 10, lastQuarter: 12))
        #expect(QueueGrowth.isGrowing(secondQuarter: 10, lastQuarter: 12.01))
        #expect(!QueueGrowth.isGrowing(secondQuarter: 50, lastQuarter: 40))
    }

    func run(_ scenario: Scenario, days: Double, seed: UInt64, replications: Int = 6) -> ExperimentResult {
        Experiment.run(
            ServiceCenterModel(scenario: scenario), seed: seed, replications: replications, workers: 2,
            length: RunLength(seconds: days * 86_400))
    }

    @Test("An overloaded queue warns twice: rho >= 1 before the run, growth during it", arguments: [UInt64(1), 2])
    func overloaded(seed: UInt64) throws {
        // rho = 1.25: 5 an hour for 4 staff of one hour each.
        let result = run(try mmcScenario(lambda: 5, mu: 1, servers: 4), days: 28, seed: seed)
        let kinds = result.warnings.map(\.kind)
        #expect(kinds == [.overloaded, .growing], "seed \(seed): \(result.warnings)")
        let growing = try #require(result.warnings.last)
        #expect(growing.growingReplications * 2 > growing.replications)
        // The queue grows by about (5 - 4) an hour, 168 a week.
        #expect(growing.growthPerWeek > 100 && growing.growthPerWeek < 240, "\(growing.growthPerWeek)")
        #expect(growing.staffNeeded == 6)
        #expect(result.replications.allSatisfy { $0.metrics.utilization <= 1 })
    }

    @Test("A stable queue does not warn", arguments: [UInt64(1), 2, 3, 4])
    func stable(seed: UInt64) throws {
        let result = run(try mmcScenario(lambda: 7, mu: 1, servers: 10), days: 28, seed: seed)
        #expect(result.warnings.isEmpty, "seed \(seed): \(result.warnings)")
    }

    @Test("Short windows do not judge growth")
    func shortWindow() throws {
        let result = run(try mmcScenario(lambda: 5, mu: 1, servers: 4), days: 27, seed: 1)
        #expect(result.warnings.map(\.kind) == [.overloaded])
        #expect(result.replications[0].metrics.pools[0].quarterLowest == nil)
    }

    @Test("Utilization is busy time in the window: never above 1, even for jobs that straddle its edges")
    func utilizationAtMostOne() throws {
        // Long jobs (8 h on average) on one server: work started near the end of a short window
        // ran past it, and counting it whole put utilization above 1.
        for seed in UInt64(1)...4 {
            let overloaded = try mmcScenario(lambda: 0.5, mu: 0.125, servers: 1)
            let r = ServiceCenterModel(scenario: overloaded).run(
                seed: seed, replication: 0, length: RunLength(seconds: 2 * 86_400, warmup: .seconds(86_400)))
            #expect(
                r.metrics.utilization <= 1 && r.metrics.utilization > 0.99, "seed \(seed): \(r.metrics.utilization)")
            let customers = ServiceCenterModel(scenario: overloaded).run(
                seed: seed, replication: 0, length: RunLength(customers: 20))
            #expect(customers.metrics.utilization <= 1, "seed \(seed): \(customers.metrics.utilization)")
        }
        let office = try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office", "overtime": true,
                  "pools": { "desk": { "size": 1 } },
                  "procedures": { "p": { "rate_per_hour": 3, "steps": [ { "pool": "desk", "service": { "dist": "constant", "value": 2 } } ] } } }
                """)
        let r = ServiceCenterModel(scenario: office).run(
            seed: 1, replication: 0, length: RunLength(seconds: 7 * 86_400))
        #expect(r.metrics.utilization <= 1 && r.metrics.utilization > 0.95, "\(r.metrics.utilization)")
    }

    @Test("Per-procedure counts add up to the totals in every replication; per-pool ones too")
    func breakdownAddsUp() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Datasets/scenarios/commune-center.json")
        let scenario = try Scenario.read(text: try String(contentsOf: url, encoding: .utf8))
        let model = ServiceCenterModel(scenario: scenario, breakdown: true)
        let result = Experiment.run(
            model, seed: 3, replications: 2, workers: 2, length: RunLength(seconds: 28 * 86_400))
        for r in result.replications {
            let values = model.values(of: r.metrics)
            func value(_ name: String) -> Double { values[model.metricNames.firstIndex(of: name)!] }
            for field in ["received", "finished", "in_progress", "late"] {
                let byProcedure = scenario.procedures.map { value("procedures.\($0.name).\(field)") }.reduce(0, +)
                let byPool = scenario.pools.map { value("by_pool.\($0.name).\(field)") }.reduce(0, +)
                #expect(byProcedure == value(field), "\(field)")
                #expect(byPool == value(field), "\(field)")
            }
            #expect(r.metrics.procedures.map(\.counts.received).reduce(0, +) == r.counts.received)
        }
    }

    @Test("A streamed log holds the same dossiers as a collected one")
    func streamedLog() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Datasets/scenarios/commune-center.json")
        let scenario = try Scenario.read(text: try String(contentsOf: url, encoding: .utf8))
        let model = ServiceCenterModel(scenario: scenario)
        let length = RunLength(seconds: 10 * 86_400)
        let collected = model.run(seed: 4, replication: 0, length: length, collectDossiers: true)
        final class Box: @unchecked Sendable { var rows: [SimulatedDossier] = [] }
        let box = Box()
        let streamed = model.run(seed: 4, replication: 0, length: length, sink: { box.rows.append($0) })
        #expect(streamed.dossiers.isEmpty)
        #expect(Set(box.rows) == Set(collected.dossiers))
        #expect(box.rows.count == collected.dossiers.count && collected.dossiers.count == collected.counts.received)
        #expect(streamed.counts == collected.counts)
    }

    @Test("A run on the office calendar stops at its end, and says so")
    func calendarEnd() throws {
        let s = try Scenario.read(
            text: """
                { "start": "2100-12-20", "calendar": "office", "pools": { "desk": { "size": 1 } },
                  "procedures": { "p": { "rate_per_hour": 0.1, "steps": [ { "pool": "desk", "service": 0.5 } ] } } }
                """)
        let r = ServiceCenterModel(scenario: s).run(seed: 1, replication: 0, length: RunLength(customers: 1_000_000))
        #expect(r.reachedCalendarEnd)
        #expect(r.asOf.seconds <= Timestamp(year: 2101, month: 1, day: 1).seconds)
        let short = ServiceCenterModel(scenario: s).run(seed: 1, replication: 0, length: RunLength(customers: 5))
        #expect(!short.reachedCalendarEnd)
    }
}
