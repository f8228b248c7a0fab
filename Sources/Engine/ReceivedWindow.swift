import CivilTime

/// The received-time selection of a run (`--from/--to`, `--period`): from `from` (inclusive) to
/// `before` (exclusive). One rule for every consumer: with no bound every record is kept, even
/// one without a received time; with a bound, a record without one is outside.
struct ReceivedWindow: Sendable {
    let from: Timestamp?
    let before: Timestamp?

    @inline(__always)
    func keeps(_ received: Timestamp?) -> Bool {
        guard from != nil || before != nil else { return true }
        guard let received else { return false }
        return (from.map { received >= $0 } ?? true) && (before.map { received < $0 } ?? true)
    }
}
