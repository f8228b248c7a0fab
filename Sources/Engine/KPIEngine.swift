import CivilTime
import Ingest
import Metrics
import WorkingTime

/// What a report covers and how dossiers are judged.
public struct ReportOptions: Sendable {
    /// `--by`: up to four dimensions.
    public var dimensions: [GroupDimension] = []
    /// Keep dossiers received at or after this instant (`--from`, `--period`).
    public var receivedFrom: Timestamp?
    /// Keep dossiers received before this instant (`--to` + 1 day, `--period`).
    public var receivedBefore: Timestamp?
    /// The dates and as-of time asked for (`--from/--to/--period/--as-of`).
    public var selection = DateSelection()
    /// The as-of time known before reading (`selection.asOf()`); nil = the log's latest event.
    /// Setting it sets the selection's explicit as-of time.
    public var asOf: Timestamp? {
        get { selection.asOf() }
        set { selection.asOf = newValue }
    }
    public var classifier = DossierClassifier()
    public var scan = ScanOptions()

    public init() {}
}

/// One group of a report.
public struct GroupResult: Sendable, Hashable {
    public var key: GroupKey
    public var aggregate: KPIAggregate

    public init(key: GroupKey, aggregate: KPIAggregate) {
        self.key = key
        self.aggregate = aggregate
    }
}

/// A finished report: totals, groups sorted by key, what was read, and the as-of time used.
public struct ReportResult: Sendable {
    public var dimensions: [GroupDimension]
    public var totals: KPIAggregate
    public var groups: [GroupResult]
    public var input: InputSummary
    /// Accepted records left out by `--from/--to/--period` (those received after the as-of
    /// time are `input.afterAsOf`).
    public var outsideSelection: Int
    public var asOf: Timestamp?
    /// Working seconds in a working day, to turn processing minutes into working days.
    public var workingSecondsPerDay: Int64
    /// The clock pauses and processing times were measured on.
    public var clock: Clock = .working
    /// Dossiers left without a due because the catalog given lacks their procedure.
    public var catalogMisses = CatalogMisses()

    public init(
        dimensions: [GroupDimension], totals: KPIAggregate, groups: [GroupResult], input: InputSummary,
        outsideSelection: Int, asOf: Timestamp?, workingSecondsPerDay: Int64, clock: Clock = .working,
        catalogMisses: CatalogMisses = CatalogMisses()
    ) {
        self.dimensions = dimensions
        self.totals = totals
        self.groups = groups
        self.input = input
        self.outsideSelection = outsideSelection
        self.asOf = asOf
        self.workingSecondsPerDay = workingSecondsPerDay
        self.clock = clock
        self.catalogMisses = catalogMisses
    }

    /// A processing-time percentile in working days.
    public func processingDays(_ aggregate: KPIAggregate, percentile q: Double) -> Double? {
        aggregate.processingMinutes.percentile(q).map { $0 * 60 / Double(workingSecondsPerDay) }
    }
}

/// Runs the KPI report over dossier logs, in parallel, with results independent of the
/// number of workers and the chunk size.
public enum KPIEngine {
    public static func run(files: [String], options: ReportOptions) throws -> ReportResult {
        precondition(options.dimensions.count <= 4, "at most four --by dimensions")
        let setup = AccumulatorSetup(options: options)
        let scanned = try LogScanner.scan(files: files, options: options.scan) { KPIAccumulator(setup: setup) }
        var accumulator = scanned.0
        return finish(&accumulator, input: scanned.1, options: options)
    }

    /// The report of a finished scan: the as-of time settled, the pending verdicts resolved, the
    /// groups sorted.
    static func finish(_ accumulator: inout KPIAccumulator, input: InputSummary, options: ReportOptions)
        -> ReportResult
    {
        var input = input
        let asOf = options.selection.asOf(latestEvent: accumulator.latestEvent)
        if let asOf { accumulator.resolvePending(asOf: asOf) }
        input.afterAsOf = accumulator.afterAsOf
        var groups = zip(accumulator.groupKeys, accumulator.groups).map { GroupResult(key: $0, aggregate: $1) }
        groups.sort { $0.key < $1.key }
        return ReportResult(
            dimensions: options.dimensions, totals: accumulator.totals, groups: groups, input: input,
            outsideSelection: accumulator.outsideSelection, asOf: asOf,
            workingSecondsPerDay: options.classifier.secondsPerDay, clock: options.classifier.clock,
            catalogMisses: accumulator.catalogMisses)
    }
}
