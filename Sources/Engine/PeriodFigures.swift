import Metrics

/// One row of the standard period table: a unit's dossiers in one reporting period
/// (Guides/PeriodReport.md gives every definition).
///
/// The KPI counts hold the period basis: the receipt side (received, channel, full-online,
/// fees, digitization) of the dossiers received in the period, the progress side of the
/// dossiers finished in it and of those still in progress at its last instant, and the
/// dossiers withdrawn in it. Everything is a sum, so rows merge in any order.
public struct PeriodFigures: Hashable, Sendable {
    /// Received before the period starts and neither finished nor withdrawn before it
    /// (*kỳ trước chuyển qua*, *tồn đầu kỳ*).
    public var carriedOver = 0
    public var counts = KPICounts()
    /// Not accepted (status 3), placed in the period; outside the balance.
    public var returned = 0
    /// Of `withdrawn`, those placed by their received time because they have no end time.
    public var withdrawnPlacedByReceived = 0
    /// Of `returned`, those placed by their received or submitted time because they have no
    /// `NgayTuChoi`.
    public var returnedPlacedByFallback = 0

    public init() {}

    public var received: Int { counts.received }
    public var receivedOnline: Int { counts.online }
    public var receivedPostal: Int { counts.postal }
    /// Channel 1, and received dossiers without a channel (as `in-person` counts in targets).
    public var receivedInPerson: Int { counts.received - counts.online - counts.postal }
    /// Carried over + received.
    public var totalToHandle: Int { carriedOver + counts.received }
    public var finished: Int { counts.finished }
    public var finishedEarly: Int { counts.early }
    public var finishedOnTime: Int { counts.onTime }
    public var finishedLate: Int { counts.late }
    public var lateWithApology: Int { counts.lateWithApology }
    public var lateWithoutApology: Int { counts.late - counts.lateWithApology }
    public var finishedWithoutDue: Int { counts.finished - counts.early - counts.onTime - counts.late }
    /// In progress at the period's last instant.
    public var inProgress: Int { counts.inProgress }
    public var inProgressNotYetDue: Int { counts.inProgressWithin }
    public var inProgressOverdue: Int { counts.inProgressOverdue }
    public var inProgressWithoutDue: Int { counts.inProgress - counts.inProgressWithin - counts.inProgressOverdue }
    public var withdrawn: Int { counts.withdrawn }
    /// Carried to the next period (*tồn cuối kỳ*): the dossiers in progress at the end.
    public var closingBacklog: Int { counts.inProgress }

    /// carried over + received = finished + in progress at end + withdrawn.
    public var balanceHolds: Bool {
        carriedOver + counts.received == counts.finished + counts.inProgress + counts.withdrawn
    }

    public mutating func merge(_ other: PeriodFigures) {
        carriedOver += other.carriedOver
        counts.merge(other.counts)
        returned += other.returned
        withdrawnPlacedByReceived += other.withdrawnPlacedByReceived
        returnedPlacedByFallback += other.returnedPlacedByFallback
    }
}
