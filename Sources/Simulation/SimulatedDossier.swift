import CivilTime
import Records

/// One simulated dossier as it would appear in a log: the fields the KPIs are computed from.
public struct SimulatedDossier: Sendable, Hashable {
    public var sequence: Int
    public var procedure: Int
    public var channel: SimChannel
    public var received: Timestamp
    public var due: Timestamp?
    /// `NgayKetThucXuLy`: processing finished (nil while in progress at the as-of time).
    public var processingEnd: Timestamp?
    /// `NgayTra`: result handed back.
    public var returned: Timestamp?
    public var pauses: [PauseInterval]
    public var level: Int
    public var fullOnline: Bool
    public var feeBearing: Bool
    public var paidOnline: Bool
    public var digitized: Bool
    public var electronicResult: Bool
    /// `XinLoi`: an apology letter is on record. The model does not send apology letters, so
    /// only a backlog dossier whose log recorded one has it.
    public var apology: Bool = false

    /// `TrangThaiHoSo` at the as-of time.
    public var status: DossierStatus {
        if returned != nil { return .returned }
        if processingEnd != nil { return .finished }
        if let last = pauses.last, last.end == nil { return .waitingForSupplement }
        return .processing
    }

    /// Writes the dossier into `record` as a log record would read, for the classifier.
    /// `record` is reused by the caller so that its pause storage is kept.
    public func fill(_ record: inout DossierRecord) {
        record.reset()
        record.channel = UInt8(channel.rawValue)
        record.status = status
        record.received = received
        record.due = due
        record.processingEnd = processingEnd
        record.returned = returned
        record.level = UInt8(level)
        record.fullOnline = fullOnline
        record.feeBearing = feeBearing
        record.paidOnline = paidOnline ? 1 : 0
        record.digitized = digitized
        record.electronicResult = electronicResult
        record.apology = apology
        record.pauses.append(contentsOf: pauses)
    }
}
