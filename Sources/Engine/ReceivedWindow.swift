import CivilTime

/// The received-time selection of a run (`--from/--to`, `--period`): from `from` (inclusive) to
/// `before` (exclusive), and nothing received after the as-of time. One rule for every consumer:
/// with no bound every record is kept, even one without a received time; with a `--from/--to`
/// bound, a record without one is outside; a record received after `asOf` is left out and
/// counted apart (`input.after_as_of`), since at the as-of time it had not arrived.
struct ReceivedWindow: Sendable {
    let from: Timestamp?
    let before: Timestamp?
    /// Nil while the as-of time is the log's latest event, which no accepted record is after.
    let asOf: Timestamp?

    init(from: Timestamp?, before: Timestamp?, asOf: Timestamp? = nil) {
        self.from = from
        self.before = before
        self.asOf = asOf
    }

    /// Where a record falls; outside the dates wins over after the as-of time.
    enum Place {
        case kept, outsideSelection, afterAsOf
    }

    @inline(__always)
    func place(_ received: Timestamp?) -> Place {
        guard from != nil || before != nil || asOf != nil else { return .kept }
        guard let received else { return from == nil && before == nil ? .kept : .outsideSelection }
        if let from, received < from { return .outsideSelection }
        if let before, received >= before { return .outsideSelection }
        if let asOf, received > asOf { return .afterAsOf }
        return .kept
    }
}
