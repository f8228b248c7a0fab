import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Records
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
        try DossierLogWriter.csv(r.dossiers, scenario: scenario).write(
            toFile: path, atomically: false, encoding: .utf8)

        var options = ReportOptions()
        options.asOf = r.asOf
        options.classifier = DossierClassifier(calendar: scenario.calendar!)
        let report = try KPIEngine.run(files: [path], options: options)
        // Every timestamp the simulator writes lies within the log's own span (LogTimeSpan).
        #expect(report.input.rejected == 0 && report.input.afterAsOf == 0)
        #expect(report.totals.counts == r.counts, "seed \(seed)")
        for kpi in [
            KPI.progress, .onTime, .online, .fullOnline, .onlinePayment, .digitization, .electronicResult, .apology,
        ] {
            #expect(report.totals.counts.rate(kpi) == r.counts.rate(kpi), "\(kpi)")
        }
    }
}

/// The processing time of each finished dossier of a log, by the classifier (test-only consumer).
struct ProcessingTimeCollector: RecordConsumer {
    static let foldsInAnyOrder = true
    var classifier: DossierClassifier
    var asOf: Timestamp
    var workingSeconds: [Int64] = []

    mutating func consume(_ record: inout DossierRecord) {
        if let seconds = classifier.classify(&record, terms: nil, asOf: asOf).processingWorkingSeconds {
            workingSeconds.append(seconds)
        }
    }

    mutating func merge(_ later: consuming ProcessingTimeCollector) {
        workingSeconds.append(contentsOf: later.workingSeconds)
    }
}

extension EmittedLogTests {
    /// Backlog dossiers of birth registration (one working day) each with two supplement
    /// requests that overlap by a working day: the union is 16 working hours, the sum 24.
    static func overlappingBacklog(_ scenario: Scenario) -> Backlog {
        func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }
        let log = (0..<12).map { k in
            ObservedDossier(
                procedure: "1.001193", field: "HoTich", channel: 1, status: .processing,
                received: t("2026-03-02T08:00:00").adding(seconds: Int64(k) * 600), due: nil, end: nil, returned: nil,
                pauses: [
                    PauseInterval(start: t("2026-03-02T09:00:00"), end: t("2026-03-04T09:00:00")),
                    PauseInterval(start: t("2026-03-03T09:00:00"), end: t("2026-03-05T09:00:00")),
                ], level: 4, fullOnline: false, feeBearing: false, paidOnline: false, digitized: false,
                electronicResult: false, apology: k % 3 == 0)
        }
        return Backlog(log: log, scenario: scenario, asOf: t("2026-03-05T10:00:00"))
    }

    @Test("Overlapping pauses count once: processing_days equals the emitted log's processing time")
    func overlappingPauses() throws {
        let scenario = try Self.communeCenter()
        let backlog = Self.overlappingBacklog(scenario)
        #expect(backlog.dossiers.count == 12 && backlog.dossiers.allSatisfy { $0.closedPauses.count == 2 })
        let model = ServiceCenterModel(scenario: scenario)
        let r = model.run(
            seed: 5, replication: 0, length: RunLength(seconds: 14 * 86_400), collectDossiers: true, backlog: backlog)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-overlap-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DossierLogWriter.csv(r.dossiers, scenario: scenario).write(toFile: path, atomically: false, encoding: .utf8)

        let classifier = DossierClassifier(calendar: scenario.calendar!)
        let (collector, _) = try LogScanner.scan(files: [path], options: ScanOptions()) {
            ProcessingTimeCollector(classifier: classifier, asOf: r.asOf)
        }
        let perDay = Double(scenario.calendar!.workingSecondsPerDay)
        let logMean = Double(collector.workingSeconds.reduce(0, +)) / Double(collector.workingSeconds.count) / perDay
        let simulated = r.metrics.processingDays
        #expect(simulated.isFinite && logMean.isFinite)
        #expect(abs(simulated - logMean) <= 1e-9 * max(1, logMean), "simulated \(simulated) vs log \(logMean)")

        var options = ReportOptions()
        options.asOf = r.asOf
        options.classifier = classifier
        let report = try KPIEngine.run(files: [path], options: options)
        #expect(report.totals.counts == r.counts)
        // The four backlog dossiers with an apology letter on record, if late, keep it; simulated ones have none.
        #expect(r.counts.lateWithApology == 4 && r.counts.late >= 12)
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
        try DossierLogWriter.csv(r.dossiers, scenario: scenario).write(
            toFile: path, atomically: false, encoding: .utf8)

        let log = try ObservedLogCollector.read([path])
        #expect(log.count == r.dossiers.count)
        let summary = try #require(try Calibration.calibrate(log, calendar: scenario.calendar!))
        #expect(summary.procedures == scenario.procedures.count)
        #expect(summary.days == 56)
        let calibrated = try Scenario(tree: summary.scenario)
        // Within the day with a 15:00 cutoff, though most birth dossiers come online overnight and
        // their due (17:00 of the next working day's start) one working day would give too.
        let birth = try #require(calibrated.procedures.first { $0.code == "1.001193" })
        #expect(birth.deadline == .sameDay)
        #expect(birth.afternoonCutoff == 15 * 3600)
        #expect(calibrated.procedures.first { $0.code == "2.000815" }?.deadline == .sameDay)
        #expect(calibrated.procedures.first { $0.code == "1.004873" }?.deadline == .workingDays(3))

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
