import CivilTime
import Ingest
import Metrics
import Targets
import WorkingTime

/// What a period run covers: the periods, the units and how dossiers are judged.
public struct PeriodOptions: Sendable {
    /// The periods, in the order they are printed (`--period`, `--periods`).
    public var periods: [ReportingPeriod] = []
    /// `--by`: each dimension (agency, field or procedure) gives its own rows; at most three.
    public var dimensions: [GroupDimension] = []
    public var classifier = DossierClassifier()
    public var scan = ScanOptions()

    public init() {}

    /// The dimensions a period table can be split by.
    public static let unitDimensions: [GroupDimension] = [.agency, .field, .procedure]
}

/// One unit's row in every period.
public struct PeriodRow: Sendable, Hashable {
    /// The unit (`DonViXuLy`, `MaLinhVuc` or `MaTTHC`); nil for dossiers without one.
    public var key: String?
    /// Its figures, one per period, in the run's order.
    public var figures: [PeriodFigures]
}

/// The rows of one `--by` dimension, sorted by key (absent last).
public struct PeriodBreakdown: Sendable {
    public var dimension: GroupDimension
    public var rows: [PeriodRow]
}

/// Two periods of a run where one starts as the other ends: the closing backlog of the first
/// must be the carried over of the second, in the total and in every unit.
public struct PeriodLink: Sendable, Hashable {
    public struct Mismatch: Sendable, Hashable {
        public var key: String?
        public var closing: Int
        public var carried: Int
    }

    public var from: Int
    public var to: Int
    /// Rows compared, the total included.
    public var rowsChecked: Int
    public var mismatches: [Mismatch]

    public var holds: Bool { mismatches.isEmpty }
}

/// Something a reader of the table must know to read it right.
public enum PeriodWarning: Sendable, Hashable {
    /// No dossier of the log was received before the period started: its carried over (and
    /// so its closing backlog) can only be undercounted.
    case logStartsAfterPeriodStart(period: Int, firstReceived: Timestamp?)
    /// The period ends after the log's latest event: what happened later is not in the log.
    case periodEndsAfterLog(period: Int, latestEvent: Timestamp)
    /// Not-accepted dossiers with none of `NgayTuChoi`, `NgayTiepNhan`, `NgayNopHoSo`.
    case returnedUnplaced(dossiers: Int)
}

/// The standard period table of a run: per period, the totals and each unit's row.
public struct PeriodReport: Sendable {
    public var periods: [ReportingPeriod]
    public var breakdowns: [PeriodBreakdown]
    /// Per period, in the run's order.
    public var totals: [PeriodFigures]
    public var input: InputSummary
    /// Status 1 records (registered online, never received), left out.
    public var leftOutNew: Int
    public var unplacedReturned: Int
    /// The earliest `NgayTiepNhan` of a received dossier.
    public var firstReceived: Timestamp?
    /// The log's latest event (received, end, returned, pause times).
    public var latestEvent: Timestamp?
    public var catalogMisses: CatalogMisses

    /// carried over + received = finished + in progress at end + withdrawn, in every period,
    /// for the total and every row.
    public var balanceHolds: Bool {
        totals.allSatisfy(\.balanceHolds)
            && breakdowns.allSatisfy { $0.rows.allSatisfy { $0.figures.allSatisfy(\.balanceHolds) } }
    }

    /// Rows whose balance fails, per period (empty when `balanceHolds`).
    public func unbalancedRows(period p: Int) -> [String?] {
        breakdowns.flatMap { $0.rows.filter { !$0.figures[p].balanceHolds }.map(\.key) }
            + (totals[p].balanceHolds ? [] : ["total"])
    }

    /// Each pair of periods where the second starts as the first ends, compared row by row.
    public var links: [PeriodLink] {
        var links: [PeriodLink] = []
        for i in periods.indices {
            for j in periods.indices where j != i && periods[j].start == periods[i].end {
                var mismatches: [PeriodLink.Mismatch] = []
                var checked = 1
                if totals[i].closingBacklog != totals[j].carriedOver {
                    mismatches.append(
                        .init(key: "total", closing: totals[i].closingBacklog, carried: totals[j].carriedOver))
                }
                for breakdown in breakdowns {
                    for row in breakdown.rows {
                        checked += 1
                        let closing = row.figures[i].closingBacklog
                        let carried = row.figures[j].carriedOver
                        if closing != carried {
                            mismatches.append(.init(key: row.key, closing: closing, carried: carried))
                        }
                    }
                }
                links.append(PeriodLink(from: i, to: j, rowsChecked: checked, mismatches: mismatches))
            }
        }
        return links
    }

    public var warnings: [PeriodWarning] {
        var warnings: [PeriodWarning] = []
        for (p, period) in periods.enumerated() {
            if firstReceived.map({ $0 >= period.start }) ?? true {
                warnings.append(.logStartsAfterPeriodStart(period: p, firstReceived: firstReceived))
            }
            if let latestEvent, period.defaultAsOf > latestEvent {
                warnings.append(.periodEndsAfterLog(period: p, latestEvent: latestEvent))
            }
        }
        if unplacedReturned > 0 { warnings.append(.returnedUnplaced(dossiers: unplacedReturned)) }
        return warnings
    }

    /// The period figures as KPI counts, for targets and the score (`--basis period`): the
    /// on-time rate over dossiers finished in the period, progress over those and the ones in
    /// progress at its end, the online and digitization rates over dossiers received in it.
    /// Returned dossiers count as not received.
    public static func kpiCounts(_ figures: PeriodFigures) -> KPICounts {
        var counts = figures.counts
        counts.notReceived = figures.returned
        return counts
    }
}

/// Runs the standard period table over dossier logs in one pass: every period and unit at
/// once, with results independent of the number of workers and the chunk size.
public enum PeriodEngine {
    public static func run(files: [String], options: PeriodOptions) throws -> PeriodReport {
        precondition(!options.periods.isEmpty, "at least one period")
        precondition(options.dimensions.count <= 3, "at most three --by dimensions")
        precondition(options.dimensions.allSatisfy(PeriodOptions.unitDimensions.contains), "agency, field, procedure")
        let setup = PeriodSetup(
            periods: options.periods, dimensions: options.dimensions, classifier: options.classifier)
        let (consumer, input) = try LogScanner.scan(files: files, options: options.scan) {
            PeriodConsumer(setup: setup)
        }
        let count = options.periods.count
        var breakdowns: [PeriodBreakdown] = []
        for (i, dimension) in options.dimensions.enumerated() {
            let table = consumer.tables[i]
            // Units meet in NFC, as the report's groups do: a name saved with combining marks and
            // the same name precomposed are one row (one lookup per distinct name, not per record).
            var canonical = ByteInterner()
            var figuresByUnit: [[PeriodFigures]] = []
            let noUnit = Array(table.cells[0..<count])
            for id in 0..<table.units.count {
                let unit = table.units.withBytes(id) { canonical.canonicalID(of: $0) }
                if unit == figuresByUnit.count {
                    figuresByUnit.append([PeriodFigures](repeating: PeriodFigures(), count: count))
                }
                for p in 0..<count { figuresByUnit[unit][p].merge(table.cells[(id + 1) * count + p]) }
            }
            var rows: [PeriodRow] = []
            if noUnit.contains(where: { $0 != PeriodFigures() }) { rows.append(PeriodRow(key: nil, figures: noUnit)) }
            for (unit, figures) in figuresByUnit.enumerated() where figures.contains(where: { $0 != PeriodFigures() }) {
                rows.append(PeriodRow(key: canonical.string(unit), figures: figures))
            }
            // The report's order of text keys: by their bytes, dossiers without a key last.
            rows.sort { GroupKey(values: [$0.key], ranks: [0]) < GroupKey(values: [$1.key], ranks: [0]) }
            breakdowns.append(PeriodBreakdown(dimension: dimension, rows: rows))
        }
        // Every dossier is in one row of each table, so any table's rows sum to the totals.
        let table = consumer.tables[0]
        let totals = (0..<count).map { p in
            (0...table.units.count).reduce(into: PeriodFigures()) { $0.merge(table.cells[$1 * count + p]) }
        }
        return PeriodReport(
            periods: options.periods, breakdowns: breakdowns, totals: totals, input: input,
            leftOutNew: consumer.leftOutNew, unplacedReturned: consumer.unplacedReturned,
            firstReceived: consumer.earliestReceived == Int64.max ? nil : Timestamp(seconds: consumer.earliestReceived),
            latestEvent: consumer.latestEvent == Int64.min ? nil : Timestamp(seconds: consumer.latestEvent),
            catalogMisses: consumer.catalogMisses)
    }
}

extension Breakdown {
    /// One period's rows of a dimension as KPI counts on the period basis
    /// (`PeriodReport.kpiCounts`), for targets; absent keys read `(none)`.
    public init(periodReport report: PeriodReport, dimension: GroupDimension, period p: Int) {
        let rows = report.breakdowns.first { $0.dimension == dimension }?.rows ?? []
        self.init(
            dimensions: [dimension.rawValue],
            groups: rows.filter { $0.figures[p] != PeriodFigures() }.map {
                (key: [$0.key ?? "(none)"], counts: PeriodReport.kpiCounts($0.figures[p]))
            })
    }
}
