import Engine
import CivilTime
import Foundation
import Metrics
import Testing

@testable import Simulation

@Suite("Emitted logs read back by the report engine")
struct EmittedLogTests {
    static func communeCenter() throws -> Scenario {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let text = try String(contentsOfFile: "/" + root + "/Datasets/scenarios/commune-center.json", encoding: .utf8)
        return try Scenario.read(text: text)
    }

    @Test("The report of an emitted log equals the simulator's own KPI counts", arguments: [UInt64(3), 11])
    func roundTrip(seed: UInt64) throws {
        let scenario = try Self.communeCenter()
        let model = ServiceCenterModel(scenario: scenario)
        let r = model.run(
            seed: seed, replication: 0, length: RunLength(seconds: 35 * 86_400, warmup: .seconds(7 * 86_400)),
            collectDossiers: true)
        #expect(r.dossiers.count == r.counts.received)
        #expect(r.counts.inProgress > 0 && r.counts.late > 0, "the test should cover open and late dossiers")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-sim-\(seed)-\(getpid()).csv")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DossierLogWriter.csv(r.dossiers, scenario: scenario, asOf: r.asOf).write(
            toFile: path, atomically: true, encoding: .utf8)

        var options = ReportOptions()
        options.asOf = r.asOf
        options.classifier = DossierClassifier(calendar: scenario.calendar!)
        let report = try KPIEngine.run(files: [path], options: options)
        #expect(report.totals.counts == r.counts, "seed \(seed)")
        for kpi in [
            KPI.progress, .onTime, .online, .fullOnline, .onlinePayment, .digitization, .electronicResult, .apology,
        ] {
            #expect(report.totals.counts.rate(kpi) == r.counts.rate(kpi), "\(kpi)")
        }
    }
}

@Suite("Calibration from a log")
struct CalibrationTests {
    @Test("A scenario calibrated from a generated log reproduces its on-time rate within the interval")
    func reproducesOnTime() throws {
        let scenario = try EmittedLogTests.communeCenter()
        let r = ServiceCenterModel(scenario: scenario).run(
            seed: 21, replication: 0, length: RunLength(seconds: 56 * 86_400), collectDossiers: true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-cal-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DossierLogWriter.csv(r.dossiers, scenario: scenario, asOf: r.asOf).write(
            toFile: path, atomically: true, encoding: .utf8)

        let log = try ObservedLogCollector.read([path])
        #expect(log.count == r.dossiers.count)
        let summary = try #require(Calibration.calibrate(log, calendar: scenario.calendar!))
        #expect(summary.procedures == scenario.procedures.count)
        #expect(summary.days == 56)
        let calibrated = try Scenario(tree: summary.scenario)
        let birth = try #require(calibrated.procedures.first { $0.code == "1.001193" })
        #expect(birth.deadline == .workingDays(1))
        #expect(birth.afternoonCutoff == 15 * 3600)
        #expect(calibrated.procedures.first { $0.code == "DEMO-CT" }?.deadline == .sameDay)

        let result = Experiment.run(
            ServiceCenterModel(scenario: calibrated), seed: 4, replications: 20, workers: 2,
            length: Calibration.reproductionLength(days: 56))
        let onTime = try #require(result.estimate("on_time"))
        let logOnTime = try #require(r.counts.rate(.onTime).percent)
        #expect(
            logOnTime >= onTime.lower && logOnTime <= onTime.upper,
            "log \(logOnTime) vs \(onTime.mean) ± \(onTime.halfWidth)")
        let online = try #require(result.estimate("online"))
        let logOnline = try #require(r.counts.rate(.online).percent)
        #expect(abs(logOnline - online.mean) < 2, "online \(logOnline) vs \(online.mean)")
    }
}
