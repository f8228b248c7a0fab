import CivilTime
import Targets

/// Which dossiers a run keeps and when it judges them: `--from/--to` dates or a reporting
/// period, and `--as-of`. One rule for every command that reads logs.
///
/// Dossiers are kept by their received time, from the first day's start to the last day's end,
/// and judged at the time `asOf(now:latestEvent:)` gives.
public struct DateSelection: Sendable, Hashable {
    public var from: CivilDate?
    public var to: CivilDate?
    public var period: ReportingPeriod?
    public var asOf: Timestamp?

    public init(from: CivilDate? = nil, to: CivilDate? = nil, period: ReportingPeriod? = nil, asOf: Timestamp? = nil) {
        self.from = from
        self.to = to
        self.period = period
        self.asOf = asOf
    }

    /// Why a selection cannot be applied, worded for the person who typed it.
    public enum Problem: Error, Hashable, Sendable {
        case toBeforeFrom(from: CivilDate, to: CivilDate)
        case periodWithDates

        public var message: String {
            switch self {
            case .toBeforeFrom(let from, let to): return "--to \(to) is before --from \(from); expected from <= to"
            case .periodWithDates:
                return "--period cannot be combined with --from/--to; expected one way to select dates"
            }
        }
    }

    /// Sets the received-time window of `options` and the selection its as-of time comes from.
    public func apply(to options: inout ReportOptions) throws(Problem) {
        if let period {
            guard from == nil, to == nil else { throw .periodWithDates }
            options.receivedFrom = period.start
            options.receivedBefore = period.end
        } else {
            if let from, let to, to < from { throw .toBeforeFrom(from: from, to: to) }
            options.receivedFrom = from.map { Timestamp(date: $0) }
            options.receivedBefore = to.map { Timestamp(date: $0.adding(days: 1)) }
        }
        options.selection = self
    }

    /// The as-of time of a run: the one rule of every command (`report`, `check`, `score`,
    /// `today`, `simulate --from-log`):
    /// 1. `--as-of`;
    /// 2. else the end of `--period`, or the last second of `--to`;
    /// 3. else `now`, which only `today` gives (it monitors the present);
    /// 4. else the log's latest event (`DossierRecord.latestEventSeconds` over the accepted
    ///    records; a record with a timestamp beyond the log's own span is invalid, see
    ///    `LogTimeSpan`, so one mistyped date cannot move it).
    ///
    /// Returns nil when the time must come from the log and `latestEvent` is not known yet (before
    /// reading) or the log has no dated record.
    public func asOf(now: Timestamp? = nil, latestEvent: Int64? = nil) -> Timestamp? {
        if let asOf { return asOf }
        if let period { return period.defaultAsOf }
        if let to { return Timestamp(date: to.adding(days: 1)).adding(seconds: -1) }
        if let now { return now }
        if let latestEvent, latestEvent != Int64.min { return Timestamp(seconds: latestEvent) }
        return nil
    }

    /// The last step of `asOf(now:latestEvent:)`, for `--help` texts.
    public static let latestEventRule =
        "the log's latest event (received, end, returned or pause time; a record with a date over a year "
        + "after the log's received dates is invalid, so one typo cannot move it)"

    /// Where `asOf(now:latestEvent:)` takes the time from when `--as-of` is not given, for `--help`.
    public static let asOfRule = "the end of --period/--to, else " + latestEventRule
}
