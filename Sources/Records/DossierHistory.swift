import CivilTime

/// A dossier's steps, folded from wherever its rows were: in time order, ties in file order.
public struct DossierHistory: Sendable {
    /// `MaHoSo`.
    public var id: String
    /// `MaTTHC`, `DonViXuLy` and `KenhThucHien` when a step row or the dossier carries them.
    public var procedure: String?
    public var agency: String?
    public var channel: UInt8?
    public var steps: [ProcessStep]

    public init(
        id: String, procedure: String? = nil, agency: String? = nil, channel: UInt8? = nil, steps: [ProcessStep]
    ) {
        self.id = id
        self.procedure = procedure
        self.agency = agency
        self.channel = channel
        self.steps = steps
    }
}

/// What a history says of the dossier as a whole: the facts the core engine judges.
public struct HistoryFacts: Hashable, Sendable {
    /// The first step with status 2 (received).
    public var received: Timestamp?
    /// Waiting-for-supplement intervals: from a step with status 5 to the next step with another
    /// status (open while the dossier still waits).
    public var pauses: [PauseInterval]
    /// The first step whose status ends processing (8, 9 or 10).
    public var end: Timestamp?
    /// The last step's status.
    public var status: DossierStatus?
}

extension DossierHistory {
    /// Its latest step time, `Int64.min` without steps. The latest over a step log is the time
    /// the log was taken, every step command's default as-of time: steps that change no fact
    /// (a hand-over while in progress) count too.
    public var latestStepSeconds: Int64 {
        steps.reduce(Int64.min) { max($0, $1.time.seconds) }
    }

    /// The facts its steps determine, read in order. Contradictions (no received step, an end
    /// before the received step, steps after the end) are for the reader to report, not judged here.
    public var facts: HistoryFacts {
        var received: Timestamp?
        var end: Timestamp?
        var pauses: [PauseInterval] = []
        var pauseStart: Timestamp?
        for step in steps {
            if received == nil && step.status == .received { received = step.time }
            if let start = pauseStart, step.status != .waitingForSupplement {
                pauses.append(PauseInterval(start: start, end: step.time))
                pauseStart = nil
            } else if pauseStart == nil && step.status == .waitingForSupplement {
                pauseStart = step.time
            }
            if end == nil && step.status.isFinished { end = step.time }
        }
        if let start = pauseStart { pauses.append(PauseInterval(start: start, end: nil)) }
        return HistoryFacts(received: received, pauses: pauses, end: end, status: steps.last?.status)
    }
}
