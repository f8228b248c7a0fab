import CivilTime
import Ingest
import Metrics
import Records
import Targets
import WorkingTime

/// What every worker of a period run shares: the periods, the units and the classifier.
final class PeriodSetup: Sendable {
    let classifier: DossierClassifier
    let dimensions: [GroupDimension]
    let starts: [Int64]
    /// Exclusive ends: 00:00:00 of the day after each period's last day.
    let ends: [Int64]
    /// When each period's open dossiers are judged: the run's one as-of rule for a period, its
    /// last second.
    let judgedAt: [Int64]
    /// Periods in order and not overlapping (a chain, or `--period` values in order): a dossier's
    /// periods are then found by binary search instead of a look at every period.
    let ordered: Bool
    let earliestStart: Int64
    let latestEnd: Int64

    init(periods: [ReportingPeriod], dimensions: [GroupDimension], classifier: DossierClassifier) {
        self.classifier = classifier
        self.dimensions = dimensions
        starts = periods.map(\.start.seconds)
        ends = periods.map(\.end.seconds)
        judgedAt = periods.map { DateSelection(period: $0).asOf()!.seconds }
        ordered = zip(ends, starts.dropFirst()).allSatisfy { $0 <= $1 }
        earliestStart = starts.min() ?? 0
        latestEnd = ends.max() ?? 0
    }
}

/// The rows of one `--by` dimension on one worker: every unit's figures in every period.
struct PeriodUnitTable {
    var units = ByteInterner()
    /// Row-major: `slot * periodCount + period`; slot 0 holds the dossiers without a value,
    /// slot `id + 1` the unit the interner numbered `id`.
    var cells: [PeriodFigures]

    init(periodCount: Int) { cells = [PeriodFigures](repeating: PeriodFigures(), count: periodCount) }

    mutating func slot(of bytes: UnsafeRawBufferPointer, periodCount: Int) -> Int {
        guard bytes.count > 0 else { return 0 }
        let id = units.id(of: bytes)
        let needed = (id + 2) * periodCount
        if cells.count < needed {
            cells.append(contentsOf: repeatElement(PeriodFigures(), count: needed - cells.count))
        }
        return id + 1
    }

    /// Adds `later`'s rows, unit by unit.
    mutating func merge(_ later: PeriodUnitTable, periodCount: Int) {
        for p in 0..<periodCount { cells[p].merge(later.cells[p]) }
        for id in 0..<later.units.count {
            let slot = later.units.withBytes(id) { self.slot(of: $0, periodCount: periodCount) }
            for p in 0..<periodCount { cells[slot * periodCount + p].merge(later.cells[(id + 1) * periodCount + p]) }
        }
    }
}

/// Places each dossier in the periods of a run and counts it per (period, unit), without
/// keeping the dossier: one pass, memory in units x periods. Counts only add, so workers keep
/// one consumer each and merge them in any order (`-j` never changes a figure).
///
/// For a period `[start, end)`, a received dossier (status 2 and 4 to 10) with received time
/// `r` leaves the books at its exit: its end (`NgayKetThucXuLy`, else `NgayTra`) or, withdrawn
/// (7) without an end, `r`. It belongs to the period when `r < end` and it has not left before
/// `start`; it is carried over when `r < start`, else received; it is finished (or withdrawn)
/// when its exit falls in the period, else in progress at the period's last instant, where the
/// classifier judges it. Status 1 is left out; status 3 is returned, placed by `NgayTuChoi`,
/// else `NgayTiepNhan`, else `NgayNopHoSo`.
struct PeriodConsumer: RecordConsumer {
    let setup: PeriodSetup
    // The setup's values, held here: reading them through the shared class on every record
    // retained and released them.
    private let classifier: DossierClassifier
    private let starts: [Int64]
    private let ends: [Int64]
    private let judgedAt: [Int64]
    private let ordered: Bool
    private let periodCount: Int
    /// One table per `--by` dimension; with none, one table whose only row (slot 0) is the total.
    var tables: [PeriodUnitTable]
    /// Status 1 records, left out.
    var leftOutNew = 0
    /// Status 3 records with no time to place them by.
    var unplacedReturned = 0
    /// The earliest `NgayTiepNhan` of a received dossier; `Int64.max` without one.
    var earliestReceived = Int64.max
    var latestEvent = Int64.min
    private var catalog: CatalogLookup
    private var missesByCode: [String: Int] = [:]

    init(setup: PeriodSetup) {
        self.setup = setup
        classifier = setup.classifier
        starts = setup.starts
        ends = setup.ends
        judgedAt = setup.judgedAt
        ordered = setup.ordered
        periodCount = setup.starts.count
        tables = (0..<max(1, setup.dimensions.count)).map { _ in PeriodUnitTable(periodCount: setup.starts.count) }
        catalog = CatalogLookup(setup.classifier.catalog)
    }

    static var foldsInAnyOrder: Bool { true }

    var catalogMisses: CatalogMisses {
        var misses = CatalogMisses()
        for (code, n) in missesByCode { misses.add(code: code, dossiers: n) }
        return misses
    }

    /// The first period that may hold an instant at or after `time`.
    @inline(__always)
    private func firstPeriod(endingAfter time: Int64) -> Int {
        guard ordered else { return 0 }
        var low = 0
        var high = periodCount
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] > time { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Where a dossier stands in one period: carried over or received, and how it is there at
    /// the end (finished or in progress with the classifier's verdict, or withdrawn).
    struct Placement {
        var carriedOver: Bool
        /// Nil for a withdrawal.
        var progress: ProgressClass?
        var withdrawnByFallback: Bool
    }

    mutating func consume(_ record: inout DossierRecord) {
        let status = record.status
        if status == .new {
            leftOutNew += 1
            return
        }
        latestEvent = max(latestEvent, record.latestEventSeconds)
        if status == .notAccepted {
            placeReturned(&record)
            return
        }
        // A received status: the parser made sure of a received time.
        let received = record.received!.seconds
        earliestReceived = min(earliestReceived, received)
        let withdrawn = status == .withdrawn
        let end = record.end?.seconds
        let exit: Int64? = withdrawn ? (end ?? received) : end
        guard received < setup.latestEnd, (exit ?? Int64.max) >= setup.earliestStart else { return }
        let slots = unitSlots(record)
        let terms = catalog.entry(for: record)?.terms
        var finishedProgress: ProgressClass?
        var missNoted = false
        for p in firstPeriod(endingAfter: received)..<periodCount {
            let start = starts[p]
            let periodEnd = ends[p]
            if ordered, let exit, start > exit { break }
            if received >= periodEnd { continue }
            if let exit, exit < start { continue }
            var placement = Placement(carriedOver: received < start, progress: nil, withdrawnByFallback: false)
            let lastInstant = Timestamp(seconds: judgedAt[p])
            if let exit, exit < periodEnd {
                if withdrawn {
                    placement.withdrawnByFallback = end == nil
                } else {
                    // A finished verdict does not depend on the as-of time once the end is past.
                    let progress =
                        finishedProgress ?? classifier.classify(&record, terms: terms, asOf: lastInstant).progress
                    finishedProgress = progress
                    placement.progress = progress
                }
            } else {
                // Still in progress at the period's last instant, judged then; a dossier withdrawn
                // later was in progress like any other.
                if withdrawn { record.status = .processing }
                placement.progress = classifier.classify(&record, terms: terms, asOf: lastInstant).progress
                record.status = status
            }
            if !missNoted, terms == nil, classifier.catalog != nil, record.due == nil, !withdrawn {
                missNoted = true
                missesByCode[record.procedure.utf8String, default: 0] += 1
            }
            for i in 0..<tables.count {
                let slot = i == 0 ? slots.0 : i == 1 ? slots.1 : slots.2
                Self.count(placement, &record, terms: terms, into: &tables[i].cells[slot * periodCount + p])
            }
        }
    }

    /// Adds one dossier's placement to a row.
    @inline(__always)
    private static func count(
        _ placement: Placement, _ record: inout DossierRecord, terms: ProcedureCatalog.Terms?,
        into figures: inout PeriodFigures
    ) {
        if placement.carriedOver {
            figures.carriedOver += 1
        } else {
            figures.counts.addReceived(&record, terms: terms)
        }
        if let progress = placement.progress {
            figures.counts.addProgress(&record, progress)
        } else {
            figures.counts.withdrawn += 1
            if placement.withdrawnByFallback { figures.withdrawnPlacedByReceived += 1 }
        }
    }

    /// Status 3: counted as returned in the period of its refusal, else of its receipt or submission.
    private mutating func placeReturned(_ record: inout DossierRecord) {
        guard let time = (record.refused ?? record.received ?? record.submitted)?.seconds else {
            unplacedReturned += 1
            return
        }
        let fallback = record.refused == nil
        var slots: (Int, Int, Int)?
        for p in firstPeriod(endingAfter: time)..<periodCount {
            if ordered && starts[p] > time { break }
            guard starts[p] <= time && time < ends[p] else { continue }
            if slots == nil { slots = unitSlots(record) }
            for i in 0..<tables.count {
                let slot = i == 0 ? slots!.0 : i == 1 ? slots!.1 : slots!.2
                tables[i].cells[slot * periodCount + p].returned += 1
                if fallback { tables[i].cells[slot * periodCount + p].returnedPlacedByFallback += 1 }
            }
        }
    }

    /// The record's row in each `--by` table (at most three); row 0 without a dimension.
    @inline(__always)
    private mutating func unitSlots(_ record: borrowing DossierRecord) -> (Int, Int, Int) {
        var slots = (0, 0, 0)
        for (i, dimension) in setup.dimensions.enumerated() {
            let bytes: UnsafeRawBufferPointer
            switch dimension {
            case .procedure: bytes = record.procedure
            case .field: bytes = record.field
            default: bytes = record.agency
            }
            let slot = tables[i].slot(of: bytes, periodCount: periodCount)
            if i == 0 { slots.0 = slot } else if i == 1 { slots.1 = slot } else { slots.2 = slot }
        }
        return slots
    }

    mutating func merge(_ later: consuming PeriodConsumer) {
        for i in 0..<tables.count { tables[i].merge(later.tables[i], periodCount: periodCount) }
        leftOutNew += later.leftOutNew
        unplacedReturned += later.unplacedReturned
        earliestReceived = min(earliestReceived, later.earliestReceived)
        latestEvent = max(latestEvent, later.latestEvent)
        for (code, n) in later.missesByCode { missesByCode[code, default: 0] += n }
    }
}
