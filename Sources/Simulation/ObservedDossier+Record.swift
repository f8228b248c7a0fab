import CivilTime
import Metrics
import Records
import WorkingTime

extension ObservedDossier {
    /// Writes the dossier back into `record`, for the classifier. `record` is reused by the
    /// caller so that its pause storage is kept.
    func fill(_ record: inout DossierRecord) {
        record.reset()
        record.channel = UInt8(clamping: channel)
        record.status = status
        record.received = received
        record.due = due
        record.processingEnd = end
        record.returned = returned
        record.level = UInt8(clamping: level)
        record.fullOnline = fullOnline
        record.feeBearing = feeBearing
        record.paidOnline = paidOnline ? 1 : 0
        record.digitized = digitized
        record.electronicResult = electronicResult
        record.apology = apology
        record.pauses.append(contentsOf: pauses)
    }
}

extension ObservedDossier {
    /// Whether the dossier is still in progress at `asOf` under the 766 rules; leaves it in
    /// `record` (with `terms`, the procedure's deadline, for its due).
    func isInProgress(
        asOf: Timestamp, terms: ProcedureCatalog.Terms? = nil, classifier: DossierClassifier,
        record: inout DossierRecord
    ) -> Bool {
        guard received != nil else { return false }
        fill(&record)
        return classifier.classify(&record, terms: terms, asOf: asOf).progress.isInProgress
    }
}
