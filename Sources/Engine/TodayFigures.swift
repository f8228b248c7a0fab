import Metrics

/// Today's figures and the period-to-date figures of `tthc today`.
public struct TodayFigures: Sendable {
    /// Classification of the dossiers received today (intake figures: received, online, ...).
    public var receivedToday = KPICounts()
    /// Classification of the dossiers finished today up to as-of (outcome figures: on time, late, ...).
    public var finishedToday = KPICounts()
    /// Classification of the dossiers received from the period start up to as-of.
    public var periodToDate = KPICounts()

    public init() {}

    public mutating func merge(_ other: TodayFigures) {
        receivedToday.merge(other.receivedToday)
        finishedToday.merge(other.finishedToday)
        periodToDate.merge(other.periodToDate)
    }

    /// The counts targets are judged on for "today": intake counts of the dossiers received today,
    /// outcome counts of the dossiers finished today, and no in-progress dossiers (so `progress`
    /// today is the on-time rate of today's finished dossiers).
    public var today: KPICounts { KPICounts(intakeOf: receivedToday, outcomesOf: finishedToday) }
}
