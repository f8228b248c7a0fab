import CivilTime
import Records
import Testing

@testable import Simulation

@Suite("Starting from a real log's backlog")
struct BacklogTests {
    func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }

    func observed(
        _ code: String, status: DossierStatus, received: String, due: String? = nil, end: String? = nil,
        pauses: [PauseInterval] = []
    ) -> ObservedDossier {
        ObservedDossier(
            procedure: code, field: "", channel: 1, status: status, received: t(received), due: due.map(t),
            end: end.map(t),
            returned: nil, pauses: pauses, level: 3, fullOnline: false, feeBearing: false, paidOnline: false,
            digitized: false,
            electronicResult: false, apology: false)
    }

    @Test("Open dossiers are picked at the as-of time, resumed, and judged with their real due and pauses")
    func handWorked() throws {
        let scenario = try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office",
                  "pools": { "desk": { "size": 1 } },
                  "procedures": { "x": { "code": "X", "rate_per_hour": 0, "deadline_days": 1,
                      "supplement": { "probability": 0, "rework_share": 0.5, "delay": { "dist": "constant", "value": 1, "unit": "days" } },
                      "steps": [ { "pool": "desk", "service": { "dist": "constant", "value": 1 } } ] } } }
                """)
        let log = [
            observed("X", status: .processing, received: "2026-03-02T08:00:00", due: "2026-03-03T17:00:00"),
            observed(
                "X", status: .waitingForSupplement, received: "2026-03-02T09:00:00", due: "2026-03-09T17:00:00",
                pauses: [.init(start: t("2026-03-03T10:00:00"), end: nil)]),
            observed("X", status: .returned, received: "2026-03-02T08:00:00", end: "2026-03-02T10:00:00"),
            observed("Y", status: .processing, received: "2026-03-02T08:00:00"),
            observed("X", status: .processing, received: "2026-03-06T08:00:00"),  // received after the as-of time
        ]
        let backlog = Backlog(log: log, scenario: scenario, asOf: t("2026-03-05T08:00:00"))
        #expect(backlog.dossiers.count == 2)
        #expect(backlog.unmatched == ["Y": 1])
        #expect(backlog.dossiers[1].openPauseStart == t("2026-03-03T10:00:00"))

        let r = ServiceCenterModel(scenario: scenario).run(
            seed: 1, replication: 0, length: RunLength(seconds: 7 * 86_400), collectDossiers: true, backlog: backlog)
        let byReceived = r.dossiers.sorted { $0.received < $1.received }
        #expect(byReceived.map(\.processingEnd) == [t("2026-03-05T09:00:00"), t("2026-03-06T08:30:00")])
        #expect(byReceived[1].pauses == [.init(start: t("2026-03-03T10:00:00"), end: t("2026-03-06T08:00:00"))])
        #expect(r.counts.received == 2 && r.counts.finished == 2)
        #expect(r.counts.late == 1 && r.counts.early == 1)
        #expect(r.asOf == t("2026-03-12T08:00:00"))
    }
}
