import CivilTime
import Ingest
import Metrics
import Records
import Targets
import WorkingTime

/// What every worker of `tthc today` shares.
public final class MonitorSetup: Sendable {
    public let classifier: DossierClassifier
    public let asOf: Timestamp
    public let horizonEnd: Timestamp
    /// The start of the period-to-date figures.
    public let periodStart: Timestamp
    /// `--from/--to` selection by received time.
    let window: ReceivedWindow
    /// How many items each list keeps (0 = all).
    public let limit: Int

    public init(
        classifier: DossierClassifier, asOf: Timestamp, horizonEnd: Timestamp, periodStart: Timestamp,
        receivedFrom: Timestamp?, receivedBefore: Timestamp?, limit: Int
    ) {
        self.classifier = classifier
        self.asOf = asOf
        self.horizonEnd = horizonEnd
        self.periodStart = periodStart
        window = ReceivedWindow(from: receivedFrom, before: receivedBefore, asOf: asOf)
        self.limit = limit
    }
}

/// Folds records into the daily monitor's lists and figures, on one worker; merges associatively.
public struct MonitorConsumer: RecordConsumer {
    let setup: MonitorSetup
    public var monitor: DailyMonitor
    public var figures = TodayFigures()
    private var leftOut = ReceivedWindowTally()
    /// Records left out by `--from/--to` or the period.
    public var outsideSelection: Int { leftOut.outsideSelection }
    /// Records received after the as-of time, left out.
    public var afterAsOf: Int { leftOut.afterAsOf }
    private var catalog: CatalogLookup

    public init(setup: MonitorSetup) {
        self.setup = setup
        catalog = CatalogLookup(setup.classifier.catalog)
        monitor = DailyMonitor(asOf: setup.asOf, horizonEnd: setup.horizonEnd, limit: setup.limit)
    }

    public mutating func consume(_ record: inout DossierRecord) {
        let asOf = setup.asOf
        guard leftOut.admits(record.received, in: setup.window) else { return }
        let entry = catalog.entry(for: record)
        let terms = entry?.terms
        let classification = setup.classifier.classify(&record, terms: terms, asOf: asOf)
        let delta = KPICounts(record, terms: terms, classification: classification)
        let today = asOf.dayNumber
        if let received = record.received {
            if received >= setup.periodStart { figures.periodToDate.merge(delta) }
            if received.dayNumber == today { figures.receivedToday.merge(delta) }
        }
        if classification.progress.isFinished, let end = record.end, end.dayNumber == today {
            figures.finishedToday.merge(delta)
        }
        guard let due = classification.effectiveDue else { return }
        let relevant: Bool
        switch classification.progress {
        case .inProgressOverdue: relevant = true
        case .inProgressWithin: relevant = due <= setup.horizonEnd
        case .late: relevant = record.apology != true
        default: relevant = false
        }
        guard relevant else { return }
        let waiting =
            record.status == .waitingForSupplement || record.pauses.contains { $0.end == nil || $0.end! > asOf }
        let dossier = MonitoredDossier(
            id: record.id.utf8String, agency: record.agency.utf8String, procedure: record.procedure.utf8String,
            received: record.received, due: due, end: classification.progress.isFinished ? record.end : nil,
            finishedLate: classification.progress == .late, apology: record.apology == true,
            waitingForSupplement: waiting && classification.progress.isInProgress)
        var monitored = dossier
        monitored.procedureName = record.procedureName.count > 0 ? record.procedureName.utf8String : entry?.name ?? ""
        monitored.lateBySupplements = classification.progress == .inProgressOverdue && due >= asOf
        monitor.consume(monitored, calendar: setup.classifier.calendar)
    }

    public mutating func merge(_ later: consuming MonitorConsumer) {
        monitor.merge(later.monitor)
        figures.merge(later.figures)
        leftOut.merge(later.leftOut)
    }
}

extension Breakdown {
    /// Sums the groups of an engine result onto a subset of its dimensions (counts add, so the
    /// projection is exact). Absent key values read `(none)`.
    public init(projecting result: ReportResult, onto dimensions: [GroupDimension]) {
        let positions = dimensions.map { d in result.dimensions.firstIndex(of: d)! }
        var index: [[String]: Int] = [:]
        var groups: [(key: [String], counts: KPICounts)] = []
        for group in result.groups {
            let key = positions.map { group.key.values[$0] ?? "(none)" }
            if let i = index[key] {
                groups[i].counts.merge(group.aggregate.counts)
            } else {
                index[key] = groups.count
                groups.append((key, group.aggregate.counts))
            }
        }
        self.init(dimensions: dimensions.map(\.rawValue), groups: groups)
    }
}

/// Counts per unit (`DonViXuLy`) and per procedure (`MaTTHC`) in one scan, for ranking who
/// contributes to a missed target. Only counts are kept (no processing-time histogram), so memory
/// is a few hundred bytes per unit and procedure.
///
/// Selection and classification are the engine's (`KPIEngine`), given the as-of time the engine
/// settled on, so the sum over units equals the engine's totals (checked by a test).
public struct BreakdownConsumer: RecordConsumer {
    public final class Setup: Sendable {
        let classifier: DossierClassifier
        let asOf: Timestamp
        let window: ReceivedWindow

        public init(
            classifier: DossierClassifier, asOf: Timestamp, receivedFrom: Timestamp?, receivedBefore: Timestamp?
        ) {
            self.classifier = classifier
            self.asOf = asOf
            window = ReceivedWindow(from: receivedFrom, before: receivedBefore, asOf: asOf)
        }
    }

    let setup: Setup
    private var agencyIndex: [String: Int] = [:]
    private var agencyCounts: [KPICounts] = []
    private var procedureIndex: [String: Int] = [:]
    private var procedureCounts: [KPICounts] = []
    private var catalog: CatalogLookup

    public init(setup: Setup) {
        self.setup = setup
        catalog = CatalogLookup(setup.classifier.catalog)
    }

    public mutating func consume(_ record: inout DossierRecord) {
        guard setup.window.place(record.received) == .kept else { return }
        // Short keys (unit names, procedure codes) fit in a String's inline storage: no allocation.
        let procedure = record.procedure.count > 0 ? record.procedure.utf8String : "(none)"
        let terms = catalog.entry(for: record)?.terms
        let classification = setup.classifier.classify(&record, terms: terms, asOf: setup.asOf)
        let delta = KPICounts(record, terms: terms, classification: classification)
        let agency = record.agency.count > 0 ? record.agency.utf8String : "(none)"
        BreakdownConsumer.add(delta, to: agency, &agencyIndex, &agencyCounts)
        BreakdownConsumer.add(delta, to: procedure, &procedureIndex, &procedureCounts)
    }

    static func add(_ delta: KPICounts, to key: String, _ index: inout [String: Int], _ counts: inout [KPICounts]) {
        if let i = index[key] {
            counts[i].merge(delta)
        } else {
            index[key] = counts.count
            counts.append(delta)
        }
    }

    public mutating func merge(_ later: consuming BreakdownConsumer) {
        for (key, i) in later.agencyIndex {
            BreakdownConsumer.add(later.agencyCounts[i], to: key, &agencyIndex, &agencyCounts)
        }
        for (key, i) in later.procedureIndex {
            BreakdownConsumer.add(later.procedureCounts[i], to: key, &procedureIndex, &procedureCounts)
        }
    }

    /// The agency and procedure breakdowns, sorted by key.
    public var breakdowns: [Breakdown] {
        func make(_ name: String, _ index: [String: Int], _ counts: [KPICounts]) -> Breakdown {
            let groups = index.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                .map { (key: [$0.key], counts: counts[$0.value]) }
            return Breakdown(dimensions: [name], groups: groups)
        }
        return [make("agency", agencyIndex, agencyCounts), make("procedure", procedureIndex, procedureCounts)]
    }
}

extension MonitorConsumer {
    /// Reads `files` once: the due-soon and overdue lists and today's and the period's figures.
    public static func run(files: [String], setup: MonitorSetup, scan: ScanOptions) throws -> (
        monitor: MonitorConsumer, input: InputSummary
    ) {
        var (consumer, input) = try LogScanner.scan(files: files, options: scan) { MonitorConsumer(setup: setup) }
        input.afterAsOf = consumer.afterAsOf
        return (consumer, input)
    }
}

extension BreakdownConsumer {
    /// Reads `files` once more for the contributors of missed targets: the counts per unit and
    /// per procedure.
    public static func run(files: [String], setup: Setup, scan: ScanOptions) throws -> [Breakdown] {
        let (consumer, _) = try LogScanner.scan(files: files, options: scan) { BreakdownConsumer(setup: setup) }
        return consumer.breakdowns
    }
}
