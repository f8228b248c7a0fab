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
        let r = model.run(seed: seed, replication: 0, length: RunLength(seconds: 35 * 86_400, warmup: .seconds(7 * 86_400)), collectDossiers: true)
        #expect(r.dossiers.count == r.counts.received)
        #expect(r.counts.inProgress > 0 && r.counts.late > 0, "the test should cover open and late dossiers")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-sim-\(seed)-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DossierLogWriter.csv(r.dossiers, scenario: scenario, asOf: r.asOf).write(toFile: path, atomically: true, encoding: .utf8)

        var options = ReportOptions()
        options.asOf = r.asOf
        options.classifier = DossierClassifier(calendar: scenario.calendar!)
        let report = try KPIEngine.run(files: [path], options: options)
        #expect(report.totals.counts == r.counts, "seed \(seed)")
        for kpi in [KPI.progress, .onTime, .online, .fullOnline, .onlinePayment, .digitization, .electronicResult, .apology] {
            #expect(report.totals.counts.rate(kpi) == r.counts.rate(kpi), "\(kpi)")
        }
    }
}
