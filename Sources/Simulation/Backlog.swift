import CivilTime
import WorkingTime

/// A dossier still open in a real log at the as-of time.
public struct BacklogDossier: Sendable, Hashable {
    /// Index of the scenario procedure it belongs to.
    public var procedure: Int
    public var channel: SimChannel
    public var received: Timestamp
    public var due: Timestamp?
    public var closedPauses: [SimulatedDossier.PauseSpan]
    /// Start of a supplement request still waiting at the as-of time.
    public var openPauseStart: Timestamp?
    public var fullOnline: Bool
    public var feeBearing: Bool
    public var paidOnline: Bool
    public var digitized: Bool
    public var electronicResult: Bool
}

/// Today's work in progress, from which a forecast starts (`tthc simulate --from-log`).
public struct Backlog: Sendable {
    public var asOf: Timestamp
    public var dossiers: [BacklogDossier]
    /// Open dossiers whose procedure code matches no scenario procedure, by code.
    public var unmatched: [String: Int]

    /// The dossiers of `log` received by `asOf` and not finished by then (status received,
    /// processing, waiting for a supplement or a financial obligation), matched to scenario
    /// procedures by `code`. Their due is `NgayHenTra`, else the procedure's deadline.
    public init(log: [ObservedDossier], scenario: Scenario, asOf: Timestamp) {
        self.asOf = asOf
        var byCode: [String: Int] = [:]
        for (i, p) in scenario.procedures.enumerated() where byCode[p.code] == nil { byCode[p.code] = i }
        var dossiers: [BacklogDossier] = []
        var unmatched: [String: Int] = [:]
        for d in log {
            guard let received = d.received, received <= asOf, [2, 4, 5, 6, 9, 10].contains(d.status) else { continue }
            if let end = d.end, end <= asOf { continue }
            guard let p = byCode[d.procedure] else {
                unmatched[d.procedure, default: 0] += 1
                continue
            }
            var closed: [SimulatedDossier.PauseSpan] = []
            var open: Timestamp?
            for pause in d.pauses where pause.start <= asOf {
                if let e = pause.end, e <= asOf { closed.append(pause) } else { open = pause.start }
            }
            var due = d.due
            if due == nil, let deadline = scenario.procedures[p].deadline {
                let calendar = scenario.calendar ?? WorkCalendar()
                due = calendar.due(
                    received: received, deadline: deadline, afternoonCutoff: scenario.procedures[p].afternoonCutoff)
            }
            dossiers.append(
                BacklogDossier(
                    procedure: p, channel: SimChannel(rawValue: d.channel) ?? .inPerson, received: received, due: due,
                    closedPauses: closed, openPauseStart: open, fullOnline: d.fullOnline, feeBearing: d.feeBearing,
                    paidOnline: d.paidOnline, digitized: d.digitized, electronicResult: d.electronicResult))
        }
        self.dossiers = dossiers
        self.unmatched = unmatched
    }
}
