import CivilTime
import Metrics
import Records
import TestSupport
import Testing
import WorkingTime

@testable import Simulation

/// The simulator counts dossiers through `SimulationJudge` and, for dossiers that finish with
/// no calendar, no due and no pause, through a tally folded at the end of the run. Both must
/// count exactly as Metrics' `DossierClassifier` counts the same dossier read from a log.
@Suite("The simulator's counts against the classifier, on random pause sets")
struct JudgeDifferentialTests {
    static let start = TimestampParser.parse("2026-03-02T00:00:00")!

    /// The counts of `dossiers` by the classifier, each read as a log record built here field by field.
    static func reference(_ dossiers: [SimulatedDossier], calendar: WorkCalendar?, asOf: Timestamp) -> KPICounts {
        var classifier = DossierClassifier(calendar: calendar ?? WorkCalendar())
        if calendar == nil { classifier.clock = .calendar }
        var total = KPICounts()
        for d in dossiers {
            var record = DossierRecord()
            record.channel = UInt8(d.channel.rawValue)
            record.status = d.returned != nil ? .returned : d.processingEnd != nil ? .finished : .processing
            record.received = d.received
            record.due = d.due
            record.processingEnd = d.processingEnd
            record.returned = d.returned
            record.level = UInt8(d.level)
            record.fullOnline = d.fullOnline
            record.feeBearing = d.feeBearing
            record.paidOnline = d.paidOnline ? 1 : 0
            record.digitized = d.digitized
            record.electronicResult = d.electronicResult
            record.apology = d.apology
            record.pauses = d.pauses
            let classification = classifier.classify(&record, terms: nil, asOf: asOf)
            total.merge(KPICounts(record, terms: nil, classification: classification))
        }
        return total
    }

    /// Pause sets of every kind around `received` and `due`: none, one, several, overlapping or
    /// nested, open (no end), and crossing the due.
    static func pauses(_ rng: inout SplitMix, received: Timestamp, due: Timestamp) -> [PauseInterval] {
        var pauses: [PauseInterval] = []
        for _ in 0..<rng.below(5) {
            let anchor = rng.chance(0.3) ? due : received
            let start = anchor.adding(seconds: Int64(rng.below(5 * 86_400)) - 86_400)
            let open = rng.chance(0.2)
            pauses.append(
                PauseInterval(start: start, end: open ? nil : start.adding(seconds: Int64(rng.below(4 * 86_400)) + 1)))
        }
        if pauses.count > 1 && rng.chance(0.5) {
            // One pause inside another: the union must count it once.
            let outer = pauses[0]
            pauses.append(PauseInterval(start: outer.start.adding(seconds: 60), end: outer.end))
        }
        return pauses
    }

    static func dossier(_ rng: inout SplitMix, sequence: Int) -> SimulatedDossier {
        let received = start.adding(seconds: Int64(rng.below(10 * 86_400)))
        let due = received.adding(seconds: Int64(rng.below(6 * 86_400)))
        let pauses = pauses(&rng, received: received, due: due)
        var end: Timestamp? = received.adding(seconds: Int64(rng.below(12 * 86_400)))
        if rng.chance(0.3) || pauses.contains(where: { $0.end == nil }) { end = nil }
        return SimulatedDossier(
            sequence: sequence, procedure: 0, channel: SimChannel.allCases[rng.below(3)], received: received,
            due: rng.chance(0.85) ? due : nil, processingEnd: end,
            returned: end.flatMap { rng.chance(0.5) ? $0.adding(seconds: 600) : nil }, pauses: pauses,
            level: [2, 3, 4][rng.below(3)], fullOnline: rng.chance(0.5), feeBearing: rng.chance(0.5),
            paidOnline: rng.chance(0.5), digitized: rng.chance(0.5), electronicResult: rng.chance(0.5),
            apology: rng.chance(0.3))
    }

    @Test(
        "SimulationJudge counts each random dossier as the classifier counts its log record",
        arguments: [
            UInt64(1), 2, 3, 4,
        ])
    func judgeAgreesWithClassifier(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for calendar in [WorkCalendar(), nil] {
            var judge = SimulationJudge(calendar: calendar)
            for sequence in 0..<2_000 {
                let d = Self.dossier(&rng, sequence: sequence)
                let asOf = Self.start.adding(seconds: Int64(rng.below(20 * 86_400)))
                var counts = KPICounts()
                _ = judge.count(d, asOf: asOf, into: &counts)
                let expected = Self.reference([d], calendar: calendar, asOf: asOf)
                #expect(counts == expected, "seed \(seed) calendar \(calendar == nil ? "24/7" : "office"): \(d)")
                if counts != expected { return }
            }
        }
    }

    /// Two procedures on a 24/7 calendar: one without a deadline or supplements (its dossiers
    /// take the tally), one with both (judged one by one), plus a backlog of random pause sets.
    static func scenario(calendar: String) throws -> Scenario {
        try Scenario.read(
            text: """
                { "start": "2026-03-02", "calendar": "\(calendar)",
                  "pools": { "desk": { "size": 3 } },
                  "procedures": {
                    "plain": { "code": "P", "rate_per_hour": 2, "channels": { "in_person": 0.5, "online": 0.3, "postal": 0.2 },
                      "level": 4, "full_online_share": 0.5, "fee": { "share": 0.5, "online_payment": 0.5 },
                      "digitized": 0.5, "e_result": 0.5,
                      "steps": [ { "pool": "desk", "service": { "dist": "exponential", "mean": 1, "unit": "hours" } } ] },
                    "paused": { "code": "X", "rate_per_hour": 0.5, "channels": { "in_person": 0.5, "online": 0.5 },
                      "deadline_days": 1, "fee": { "share": 0.5, "online_payment": 0.5 },
                      "supplement": { "probability": 0.4, "repeat_probability": 0.3, "rework_share": 0.5,
                                      "delay": { "dist": "exponential", "mean": 1, "unit": "days" } },
                      "steps": [ { "pool": "desk", "service": { "dist": "exponential", "mean": 1, "unit": "hours" } } ] } } }
                """)
    }

    @Test(
        "A run's counts (tally and judged dossiers, backlog included) equal the classifier's",
        arguments: [
            UInt64(5), 6, 7,
        ])
    func runAgreesWithClassifier(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let asOf = Self.start.adding(seconds: 5 * 86_400)
        for calendarName in ["24/7", "office"] {
            let scenario = try Self.scenario(calendar: calendarName)
            let log = (0..<200).map { _ in
                let received = Self.start.adding(seconds: Int64(rng.below(5 * 86_400)))
                let due = received.adding(seconds: Int64(rng.below(3 * 86_400)))
                return ObservedDossier(
                    procedure: "X", field: "", channel: 1 + rng.below(3), status: .processing, received: received,
                    due: rng.chance(0.8) ? due : nil, end: nil, returned: nil,
                    pauses: Self.pauses(&rng, received: received, due: due), level: 3, fullOnline: false,
                    feeBearing: rng.chance(0.5), paidOnline: rng.chance(0.5), digitized: rng.chance(0.5),
                    electronicResult: rng.chance(0.5), apology: rng.chance(0.5))
            }
            let backlog = Backlog(log: log, scenario: scenario, asOf: asOf)
            #expect(!backlog.dossiers.isEmpty)
            let r = ServiceCenterModel(scenario: scenario).run(
                seed: seed, replication: 0, length: RunLength(seconds: 10 * 86_400), collectDossiers: true,
                backlog: backlog)
            #expect(r.dossiers.count == r.counts.received, "seed \(seed) \(calendarName)")
            let calendar = calendarName == "office" ? scenario.calendar : nil
            let expected = Self.reference(r.dossiers, calendar: calendar, asOf: r.asOf)
            #expect(r.counts == expected, "seed \(seed) \(calendarName)")
        }
    }
}
