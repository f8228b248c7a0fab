import CivilTime
import Engine
import Foundation
import Testing

@testable import Simulation

/// The staffing model recovers the staff of a center it has the work content of.
@Suite("Calibration of staff from throughput and work content")
struct StaffingCalibrationTests {
    /// A center that is M/M/c in working time: counter dossiers arrive in office hours only,
    /// work is exponential in working seconds and carries over the night.
    static func center(staff: Int, perWeek: Double) throws -> Scenario {
        try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office", "warmup": "14d",
                  "pools": { "HoTich": { "size": \(staff), "discipline": "fifo" } },
                  "procedures": { "p": { "code": "1.001193", "field": "HoTich", "arrivals_per_week": \(perWeek),
                      "channels": { "in_person": 1 }, "deadline_days": 5,
                      "steps": [ { "name": "processing", "pool": "HoTich",
                                   "service": { "dist": "exponential", "mean": 30, "unit": "minutes" } } ] } } }
                """)
    }

    @Test(
        "Staff recovered from an emitted log with the true work minutes", arguments: [(3, UInt64(7)), (3, 8), (5, 9)])
    func recoversStaff(staff: Int, seed: UInt64) throws {
        // rho 0.8: 0.8 x staff x 2 an hour x 40 hours a week.
        let scenario = try Self.center(staff: staff, perWeek: 0.8 * Double(staff) * 2 * 40)
        let r = ServiceCenterModel(scenario: scenario).run(
            seed: seed, replication: 0, length: RunLength(seconds: 120 * 86_400, warmup: .seconds(14 * 86_400)),
            collectDossiers: true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tthc-staffing-\(seed)-\(getpid()).csv"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DossierLogWriter.csv(r.dossiers, scenario: scenario).write(toFile: path, atomically: true, encoding: .utf8)
        let log = try ObservedLogCollector.read([path])
        let summary = try #require(
            try Calibration.calibrate(
                log, calendar: scenario.calendar!,
                staffing: Calibration.Staffing(workMinutes: ["1.001193": (30, "test")])))
        let pool = try #require(summary.pools.first)
        #expect(pool.staff == staff, "seed \(seed): \(pool)")
        #expect(abs(pool.offeredStaff - 0.8 * Double(staff)) < 0.1 * Double(staff), "\(pool.offeredStaff)")
        // The scenario file holds that size and the work content.
        let calibrated = try Scenario(tree: summary.scenario)
        #expect(calibrated.pools.map(\.size) == [staff])
        #expect(abs(calibrated.procedures[0].steps[0].service.mean - 1800) < 1e-6)
        #expect(!calibrated.procedures[0].steps[0].relativeToDue)
    }

    @Test("Without work content for every procedure, the codes are named")
    func missingWorkContent() throws {
        let log = [
            ObservedDossier(
                procedure: "A", field: "F", channel: 1, status: .processing,
                received: Timestamp(year: 2026, month: 3, day: 2, hour: 9), due: nil, end: nil, returned: nil,
                pauses: [], level: 3, fullOnline: false, feeBearing: false, paidOnline: false, digitized: false,
                electronicResult: false, apology: false)
        ]
        #expect(throws: Calibration.MissingWorkContent.self) {
            _ = try Calibration.calibrate(log, staffing: Calibration.Staffing(workMinutes: ["B": (5, "x")]))
        }
        do {
            _ = try Calibration.calibrate(log, staffing: Calibration.Staffing(workMinutes: ["B": (5, "x")]))
        } catch {
            #expect(error.codes == ["A"])
        }
        let ok = try Calibration.calibrate(log, staffing: Calibration.Staffing(defaultMinutes: (20, "--work-minutes")))
        #expect(ok?.pools.first?.sources == ["--work-minutes"])
    }

    @Test("Staff counted in a step log sizes the pool named after its department")
    func observedStaffSizesItsPool() throws {
        func dossier(_ field: String, day: Int) -> ObservedDossier {
            ObservedDossier(
                procedure: field == "HoTich" ? "A" : "B", field: field, channel: 1, status: .finished,
                received: Timestamp(year: 2026, month: 3, day: day, hour: 9), due: nil,
                end: Timestamp(year: 2026, month: 3, day: day, hour: 15), returned: nil, pauses: [], level: 3,
                fullOnline: false, feeBearing: false, paidOnline: false, digitized: false, electronicResult: false,
                apology: false)
        }
        let log = (2...6).flatMap { [dossier("HoTich", day: $0), dossier("DatDai", day: $0)] }
        var staffing = Calibration.Staffing(defaultMinutes: (30, "--work-minutes"), departments: ["HoTich": "Tư pháp"])
        staffing.observedStaff[Calibration.key("Tư pháp")] = (4, "median 4 handlers per working day in Tư pháp")
        let summary = try #require(try Calibration.calibrate(log, staffing: staffing))
        let counted = try #require(summary.pools.first { $0.pool == "Tư_pháp" })
        #expect(counted.staff == 4)
        #expect(counted.staffFrom == "median 4 handlers per working day in Tư pháp")
        let fitted = try #require(summary.pools.first { $0.pool == "DatDai" })
        #expect(fitted.staffFrom == nil)
        #expect(fitted.staff == 1, "one dossier a day of 30 minutes keeps one person far from busy")
        let calibrated = try Scenario(tree: summary.scenario)
        #expect(Set(calibrated.pools.map(\.size)) == [4, 1])
    }
}
