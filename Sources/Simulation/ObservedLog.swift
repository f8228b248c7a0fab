import CivilTime
import Records

/// One dossier of a real log, kept with owned values (for `--from-log` and `tthc calibrate`).
public struct ObservedDossier: Sendable, Hashable {
    public var procedure: String
    public var field: String
    public var channel: Int
    public var status: Int
    public var received: Timestamp?
    public var due: Timestamp?
    public var end: Timestamp?
    public var returned: Timestamp?
    public var pauses: [SimulatedDossier.PauseSpan]
    public var level: Int
    public var fullOnline: Bool
    public var feeBearing: Bool
    public var paidOnline: Bool
    public var digitized: Bool
    public var electronicResult: Bool

    public init(
        procedure: String, field: String, channel: Int, status: Int, received: Timestamp?, due: Timestamp?,
        end: Timestamp?, returned: Timestamp?, pauses: [SimulatedDossier.PauseSpan], level: Int, fullOnline: Bool,
        feeBearing: Bool, paidOnline: Bool, digitized: Bool, electronicResult: Bool
    ) {
        self.procedure = procedure
        self.field = field
        self.channel = channel
        self.status = status
        self.received = received
        self.due = due
        self.end = end
        self.returned = returned
        self.pauses = pauses
        self.level = level
        self.fullOnline = fullOnline
        self.feeBearing = feeBearing
        self.paidOnline = paidOnline
        self.digitized = digitized
        self.electronicResult = electronicResult
    }
}

