import CivilTime
import Metrics
import Records
import WorkingTime

/// Judges simulated dossiers with Metrics' `DossierClassifier`, the one 766 judge, so that a
/// simulated dossier counts exactly as its emitted log record counts in `tthc report`.
public struct SimulationJudge {
    public let classifier: DossierClassifier
    /// Reused for every dossier (keeps its pause storage).
    private var record = DossierRecord()

    /// On the scenario's calendar (the legal clock), or on plain elapsed time for a 24/7
    /// scenario (`calendar` nil).
    public init(calendar: WorkCalendar?) {
        var classifier = DossierClassifier(calendar: calendar ?? WorkCalendar())
        if calendar == nil { classifier.clock = .calendar }
        self.classifier = classifier
    }

    /// `dossier` classified as of `asOf`.
    public mutating func classify(_ dossier: SimulatedDossier, asOf: Timestamp) -> Classification {
        dossier.fill(&record)
        return classifier.classify(&record, terms: nil, asOf: asOf)
    }

    /// Adds `dossier`, judged as of `asOf`, to `counts`; returns its processing time in days
    /// (working days on a calendar, pauses excluded), nil while it is in progress.
    public mutating func count(_ dossier: SimulatedDossier, asOf: Timestamp, into counts: inout KPICounts) -> Double? {
        let classification = classify(dossier, asOf: asOf)
        counts.add(&record, terms: nil, classification: classification)
        return classification.processingWorkingSeconds.map { Double($0) / Double(classifier.secondsPerDay) }
    }
}

extension KPICounts {
    /// Adds `other` `times` times (the simulator's tally of identical dossiers).
    mutating func add(_ other: KPICounts, times: Int) {
        for (_, keyPath) in KPICounts.fields { self[keyPath: keyPath] += other[keyPath: keyPath] * times }
    }
}
