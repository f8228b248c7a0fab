import CivilTime

/// The received-time selection of a run (`--from/--to`, `--period`): from `from` (inclusive) to
/// `before` (exclusive), and nothing received after the as-of time. One rule for every consumer:
/// with no bound every record is kept, even one without a received time; with a `--from/--to`
/// bound, a record without one is outside; a record received after `asOf` is left out and
/// counted apart (`input.after_as_of`), since at the as-of time it had not arrived.
struct ReceivedWindow: Sendable {
    // Seconds, an absent bound as the extreme value, so a record costs three comparisons.
    private let from: Int64
    private let before: Int64
    private let asOf: Int64
    private let hasDates: Bool

    /// - Parameter asOf: nil while the as-of time is the log's latest event, which no accepted
    ///   record is received after.
    init(from: Timestamp?, before: Timestamp?, asOf: Timestamp? = nil) {
        self.from = from?.seconds ?? Int64.min
        self.before = before?.seconds ?? Int64.max
        self.asOf = asOf?.seconds ?? Int64.max
        hasDates = from != nil || before != nil
    }

    /// Where a record falls; outside the dates wins over after the as-of time.
    enum Place {
        case kept, outsideSelection, afterAsOf
    }

    @inline(__always)
    func place(_ received: Timestamp?) -> Place {
        guard let received else { return hasDates ? .outsideSelection : .kept }
        let s = received.seconds
        if s < from || s >= before { return .outsideSelection }
        return s > asOf ? .afterAsOf : .kept
    }
}
