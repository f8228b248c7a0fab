import CivilTime
import Metrics
import Records
import WorkingTime

/// A dossier still open in a real log at the as-of time.
public struct BacklogDossier: Sendable, Hashable {
    /// Index of the scenario procedure it belongs to.
    public var procedure: Int
    public var channel: SimChannel
    public var received: Timestamp
    public var due: Timestamp?
    public var closedPauses: [PauseInterval]
    /// Start of a supplement request still waiting at the as-of time.
    public var openPauseStart: Timestamp?
    public var fullOnline: Bool
    public var feeBearing: Bool
    public var paidOnline: Bool
    public var digitized: Bool
    public var electronicResult: Bool
    /// `XinLoi`: the log already records an apology letter.
    public var apology: Bool
}

/// Today's work in progress, from which a forecast starts (`tthc simulate --from-log`).
public struct Backlog: Sendable {
    public var asOf: Timestamp
    public var dossiers: [BacklogDossier]
    /// Open dossiers whose procedure code matches no scenario procedure, by code.
    public var unmatched: [String: Int]

    /// The dossiers of `log` received by `asOf` and still in progress then under the 766 rules
    /// (`DossierClassifier`), matched to scenario procedures by `code`. Their due is
    /// `NgayHenTra`, else the procedure's deadline.
    public init(log: [ObservedDossier], scenario: Scenario, asOf: Timestamp) {
        self.asOf = asOf
        var byCode: [String: Int] = [:]
        for (i, p) in scenario.procedures.enumerated() where byCode[p.code] == nil { byCode[p.code] = i }
        let classifier = SimulationJudge(calendar: scenario.calendar).classifier
        var record = DossierRecord()
        var dossiers: [BacklogDossier] = []
        var unmatched: [String: Int] = [:]
        for d in log {
            guard let received = d.received, received <= asOf else { continue }
            let p = byCode[d.procedure]
            let terms = p.flatMap { p in
                scenario.procedures[p].deadline.map {
                    ProcedureCatalog.Terms(deadline: $0, afternoonCutoff: scenario.procedures[p].afternoonCutoff)
                }
            }
            guard d.isInProgress(asOf: asOf, terms: terms, classifier: classifier, record: &record) else { continue }
            guard let p else {
                unmatched[d.procedure, default: 0] += 1
                continue
            }
            var closed: [PauseInterval] = []
            var open: Timestamp?
            for pause in d.pauses where pause.start <= asOf {
                if let e = pause.end, e <= asOf { closed.append(pause) } else { open = pause.start }
            }
            dossiers.append(
                BacklogDossier(
                    procedure: p, channel: SimChannel(rawValue: d.channel) ?? .inPerson, received: received,
                    due: classifier.legalDue(record, terms: terms), closedPauses: closed, openPauseStart: open,
                    fullOnline: d.fullOnline, feeBearing: d.feeBearing, paidOnline: d.paidOnline,
                    digitized: d.digitized, electronicResult: d.electronicResult, apology: d.apology))
        }
        self.dossiers = dossiers
        self.unmatched = unmatched
    }
}
