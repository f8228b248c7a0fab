import CivilTime
import Metrics
import Records
import Testing
import _TextSupport

@testable import Simulation

/// Hand-worked examples on the office calendar (Monday-Friday 08:00-12:00, 13:00-17:00).
/// 2026-03-02 is a Monday.
@Suite("Service center on the working calendar")
struct CalendarModelTests {
    func scenario(
        arrivals: [String], service: String = #"{"dist": "constant", "value": 1}"#, overtime: Bool = false,
        channels: String = #"{"in_person": 1}"#, extra: String = "", discipline: String = "fifo", deadline: Int = 1
    ) throws -> Scenario {
        let list = arrivals.map { "\"\($0)\"" }.joined(separator: ", ")
        return try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office", "overtime": \(overtime),
                  "pools": { "desk": { "size": 1, "discipline": "\(discipline)" } },
                  "procedures": { "p": { "arrivals_at": [\(list)], "channels": \(channels), "deadline_days": \(deadline), \(extra)
                      "steps": [ { "pool": "desk", "service": \(service) } ] } } }
                """)
    }

    func runWeek(_ s: Scenario, days: Double = 7) -> ReplicationResult {
        ServiceCenterModel(scenario: s).run(
            seed: 1, replication: 0, length: RunLength(seconds: days * 86_400), collectDossiers: true)
    }

    func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }

    @Test("Work in progress at closing resumes the next working day")
    func resumesNextMorning() throws {
        let r = runWeek(try scenario(arrivals: ["2026-03-02T16:30:00"]))
        #expect(r.dossiers.count == 1)
        #expect(r.dossiers[0].processingEnd == t("2026-03-03T08:30:00"))
        #expect(r.dossiers[0].returned == t("2026-03-03T08:30:00"))
    }

    @Test("With overtime the work is finished after closing")
    func overtime() throws {
        let r = runWeek(try scenario(arrivals: ["2026-03-02T16:30:00"], overtime: true))
        #expect(r.dossiers[0].processingEnd == t("2026-03-02T17:30:00"))
    }

    @Test("The lunch break is not working time")
    func lunchBreak() throws {
        let r = runWeek(try scenario(arrivals: ["2026-03-02T11:30:00"]))
        #expect(r.dossiers[0].processingEnd == t("2026-03-02T13:30:00"))
    }

    @Test("An online dossier sent on Saturday waits for Monday 08:00")
    func weekendOnline() throws {
        let r = runWeek(try scenario(arrivals: ["2026-03-07T10:00:00"], channels: #"{"online": 1}"#), days: 10)
        let d = r.dossiers[0]
        #expect(d.channel == .online)
        #expect(d.processingEnd == t("2026-03-09T09:00:00"))
        let wait = r.metrics.meanWaitHours
        #expect(abs(wait - 46) < 1e-9)
        #expect(r.counts.online == 1)
    }

    @Test("A supplement pauses the clock and moves the due date by the paused working time")
    func supplement() throws {
        let s = try scenario(
            arrivals: ["2026-03-02T08:00:00"],
            extra:
                #""supplement": {"probability": 1, "rework_share": 0.5, "delay": {"dist": "constant", "value": 2, "unit": "days"}},"#
        )
        let r = runWeek(s)
        let d = r.dossiers[0]
        #expect(d.pauses == [.init(start: t("2026-03-02T09:00:00"), end: t("2026-03-04T09:00:00"))])
        #expect(d.processingEnd == t("2026-03-04T09:30:00"))
        #expect(d.due == t("2026-03-02T17:00:00"))
        var judge = SimulationJudge(calendar: s.calendar)
        let classification = judge.classify(d, asOf: r.asOf)
        #expect(classification.effectiveDue == t("2026-03-04T17:00:00"))
        #expect(r.counts.onTime == 1 && r.counts.late == 0)
        // 16 working hours paused: 09:00 Monday to 09:30 Wednesday is 0.5 h of working time after that.
        #expect(classification.processingWorkingSeconds == 5400)
    }

    @Test("A second supplement request pauses again and makes the dossier late (766 rule)")
    func secondSupplement() throws {
        let supplement =
            #""supplement": {"probability": 1, "repeat_probability": 1, "rework_share": 0.5, "#
            + #""delay": {"dist": "constant", "value": 2, "unit": "days"}},"#
        let s = try scenario(arrivals: ["2026-03-02T08:00:00"], extra: supplement, deadline: 10)
        let r = runWeek(s)
        let d = r.dossiers[0]
        let expected: [PauseInterval] = [
            .init(start: t("2026-03-02T09:00:00"), end: t("2026-03-04T09:00:00")),
            .init(start: t("2026-03-04T09:30:00"), end: t("2026-03-06T09:30:00")),
        ]
        #expect(d.pauses == expected)
        #expect(d.processingEnd == t("2026-03-06T10:00:00"))
        #expect(r.counts.late == 1 && r.counts.onTime == 0 && r.counts.early == 0)
    }

    @Test("Dossiers still open at the end are judged within time or overdue at the as-of time")
    func openAtEnd() throws {
        // Ten 4-hour jobs on one desk from Monday 08:00, with a one-day deadline, measured 2 days.
        let arrivals = (0..<10).map { _ in "2026-03-02T08:00:00" }
        let r = runWeek(try scenario(arrivals: arrivals, service: #"{"dist": "constant", "value": 4}"#), days: 2)
        #expect(r.asOf == t("2026-03-04T00:00:00"))
        #expect(r.counts.received == 10)
        #expect(r.counts.finished == 4)
        #expect(r.counts.onTime == 2 && r.counts.late == 2)
        #expect(r.counts.inProgressOverdue == 6)
        #expect(r.counts.rate(.progress).numerator == 2)
    }

    @Test("Earliest due first serves a later arrival with an earlier due date first")
    func earliestDueFirst() throws {
        let s = try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "office",
                  "pools": { "desk": { "size": 1, "discipline": "edf" } },
                  "steps": [ { "pool": "desk", "service": {"dist": "constant", "value": 1} } ],
                  "procedures": {
                    "slow": { "arrivals_at": ["2026-03-02T08:00:00", "2026-03-02T08:10:00"], "deadline_days": 10 },
                    "fast": { "arrivals_at": ["2026-03-02T08:20:00"], "deadline_days": 1 } } }
                """)
        let r = runWeek(s)
        let ends = r.dossiers.sorted { $0.processingEnd! < $1.processingEnd! }.map { s.procedures[$0.procedure].name }
        #expect(ends == ["slow", "fast", "slow"])
        let fifo = try Scenario.read(
            text: s.source.setting(path: ["pools", "desk", "discipline"], to: .string("fifo")).text)
        let order = runWeek(fifo).dossiers.sorted { $0.processingEnd! < $1.processingEnd! }.map {
            fifo.procedures[$0.procedure].name
        }
        #expect(order == ["slow", "slow", "fast"])
    }

    @Test("The commune-center example runs, and Little's law holds on it")
    func communeCenter() throws {
        let url = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let text = try String(contentsOfFile: "/" + url + "/Datasets/scenarios/commune-center.json", encoding: .utf8)
        let s = try Scenario.read(text: text, overrides: [("days", .number(28))])
        let model = ServiceCenterModel(scenario: s)
        let r = model.run(
            seed: 5, replication: 0, length: RunLength(seconds: 56 * 86_400, warmup: .seconds(7 * 86_400)))
        #expect(r.counts.received > 1000)
        #expect(r.counts.received == r.counts.finished + r.counts.inProgress)
        #expect(r.counts.early + r.counts.onTime + r.counts.late + r.counts.noDue <= r.counts.finished)
        // Little's law on a run that drains: every measured dossier's whole stay is known. The
        // window [first, last measured arrival] still cuts stays of days at both ends: 5%.
        let drained = model.run(
            seed: 5, replication: 0, length: RunLength(customers: 3000, warmup: .seconds(7 * 86_400)))
        #expect(drained.counts.inProgress == 0)
        #expect(
            abs(drained.littleL - drained.littleLambdaW) / drained.littleL < 0.05,
            "L \(drained.littleL) vs lambda W \(drained.littleLambdaW)")
    }
}
