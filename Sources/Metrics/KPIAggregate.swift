/// The KPI counts of a set of dossiers plus the distribution of their processing times.
public struct KPIAggregate: Hashable, Sendable {
    public var counts = KPICounts()
    /// Processing time of finished dossiers, in working minutes (supplement pauses excluded).
    public var processingMinutes = DurationHistogram()

    public init() {}

    public mutating func merge(_ other: KPIAggregate) {
        counts.merge(other.counts)
        processingMinutes.merge(other.processingMinutes)
    }
}
