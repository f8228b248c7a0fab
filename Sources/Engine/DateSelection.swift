import CivilTime
import Targets

/// Which dossiers a run keeps and when it judges them: `--from/--to` dates or a reporting
/// period, and `--as-of`. One rule for every command that reads logs.
///
/// Dossiers are kept by their received time, from the first day's start to the last day's end.
/// Without `--as-of`, in-progress dossiers are judged at the selection's last second; without a
/// selection, at the log's latest event.
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

    /// Sets the received-time window and the as-of time of `options`.
    public func apply(to options: inout ReportOptions) throws(Problem) {
        if let period {
            guard from == nil, to == nil else { throw .periodWithDates }
            options.receivedFrom = period.start
            options.receivedBefore = period.end
            options.asOf = asOf ?? period.defaultAsOf
            return
        }
        if let from, let to, to < from { throw .toBeforeFrom(from: from, to: to) }
        options.receivedFrom = from.map { Timestamp(date: $0) }
        options.receivedBefore = to.map { Timestamp(date: $0.adding(days: 1)) }
        // The end of the selected dates, as for a period.
        options.asOf = asOf ?? to.map { Timestamp(date: $0.adding(days: 1)).adding(seconds: -1) }
    }
}
