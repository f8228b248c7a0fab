import CivilTime

/// The records a consumer's `ReceivedWindow` left out, by why: outside the selected dates, or
/// received after the as-of time (`input.after_as_of`). One tally for every consumer that
/// reports them.
struct ReceivedWindowTally: Sendable {
    private(set) var outsideSelection = 0
    private(set) var afterAsOf = 0

    /// Whether `window` keeps a record received at `received`; counts it when not.
    @inline(__always)
    mutating func admits(_ received: Timestamp?, in window: ReceivedWindow) -> Bool {
        switch window.place(received) {
        case .kept: return true
        case .outsideSelection: outsideSelection += 1
        case .afterAsOf: afterAsOf += 1
        }
        return false
    }

    mutating func merge(_ other: ReceivedWindowTally) {
        outsideSelection += other.outsideSelection
        afterAsOf += other.afterAsOf
    }
}
