import CivilTime
import Ingest
import Metrics
import Records
import WorkingTime

/// A finished late dossier, as the report's late list shows it.
public struct LateDossier: Hashable, Sendable {
    public var id: String
    public var agency: String
    /// `MaTTHC`.
    public var procedure: String
    /// `TenTTHC` from the log, else the catalog's name; empty when neither has one.
    public var procedureName: String
    public var received: Timestamp?
    /// The effective due (moved later by supplement pauses).
    public var due: Timestamp
    public var end: Timestamp
    /// Time from the due to the end on the run's clock (working seconds on the legal clock); 0 for
    /// a dossier that is late only because it had more than one supplement request.
    public var overSeconds: Int64
    /// Late by the 766 rule on supplement requests: more than one, whatever the due.
    public var lateBySupplements: Bool
    /// `XinLoi`.
    public var apology: Bool

    public init(
        id: String, agency: String, procedure: String, procedureName: String, received: Timestamp?, due: Timestamp,
        end: Timestamp, overSeconds: Int64, lateBySupplements: Bool, apology: Bool
    ) {
        self.id = id
        self.agency = agency
        self.procedure = procedure
        self.procedureName = procedureName
        self.received = received
        self.due = due
        self.end = end
        self.overSeconds = overSeconds
        self.lateBySupplements = lateBySupplements
        self.apology = apology
    }

    /// The list's order: the longest overrun first, then the earliest end, then the id, so the
    /// `limit` first of a whole log are the same whichever worker saw them.
    static func precedes(_ a: LateDossier, _ b: LateDossier) -> Bool {
        if a.overSeconds != b.overSeconds { return a.overSeconds > b.overSeconds }
        if a.end != b.end { return a.end < b.end }
        if a.id != b.id { return a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        return (a.agency, a.procedure, a.due, a.lateBySupplements ? 1 : 0)
            < (b.agency, b.procedure, b.due, b.lateBySupplements ? 1 : 0)
    }
}

/// How long finished dossiers took, in working days, split by whether they finished by their due.
public struct ProcessingDistribution: Hashable, Sendable {
    /// Lower bounds of the bins in working days; the last bin is open (`60+`).
    public static let binStarts: [Double] = [0, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60]

    /// Finished early or on time, per bin.
    public var byDue: [Int] = Array(repeating: 0, count: binStarts.count)
    /// Finished late, per bin.
    public var afterDue: [Int] = Array(repeating: 0, count: binStarts.count)
    /// Finished without a due, per bin.
    public var withoutDue: [Int] = Array(repeating: 0, count: binStarts.count)

    public init() {}

    /// The bin of a processing time of `days` working days.
    static func bin(_ days: Double) -> Int {
        var i = binStarts.count - 1
        while i > 0 && days < binStarts[i] { i -= 1 }
        return i
    }

    mutating func add(days: Double, progress: ProgressClass) {
        let i = Self.bin(days)
        switch progress {
        case .early, .onTime: byDue[i] += 1
        case .late: afterDue[i] += 1
        default: withoutDue[i] += 1
        }
    }

    mutating func merge(_ other: ProcessingDistribution) {
        for i in byDue.indices {
            byDue[i] += other.byDue[i]
            afterDue[i] += other.afterDue[i]
            withoutDue[i] += other.withoutDue[i]
        }
    }

    /// Finished dossiers counted, in every bin.
    public var total: Int { byDue.reduce(0, +) + afterDue.reduce(0, +) + withoutDue.reduce(0, +) }
}

/// What a report document shows beyond the engine's totals and groups: counts per received day
/// (the trends), per unit (the ranking), the distribution of processing times, and the first
/// finished late dossiers.
public struct ReportDetails: Sendable {
    /// Counts per received day, in date order (dossiers without a received time are left out).
    public var days: [(day: CivilDate, counts: KPICounts)]
    /// Counts per unit (`DonViXuLy`; nil for dossiers without one), sorted by name.
    public var units: [(unit: String?, counts: KPICounts)]
    public var processing: ProcessingDistribution
    /// The finished late dossiers, longest overrun first; `total` counts them all.
    public var late: BoundedList<LateDossier>
    /// Working seconds in a day on the run's clock, to show `overSeconds` and processing times.
    public var secondsPerDay: Int64
}

/// Folds records into `ReportDetails` on one worker, beside the engine's accumulator in the same
/// scan: the same selection and classification, so its counts add up to the engine's totals
/// (tested). As there, an in-progress dossier whose verdict needs the log's latest event waits
/// in a compact record until `resolve(asOf:)`.
public struct ReportDetailsConsumer: RecordConsumer {
    public final class Setup: Sendable {
        let classifier: DossierClassifier
        /// The run's as-of time; nil when it is the log's latest event, known only at the end.
        let asOf: Timestamp?
        let window: ReceivedWindow
        let lateLimit: Int

        /// - Parameter lateLimit: late dossiers listed (0 lists all).
        public init(options: ReportOptions, lateLimit: Int) {
            classifier = options.classifier
            asOf = options.asOf
            window = ReceivedWindow(from: options.receivedFrom, before: options.receivedBefore, asOf: options.asOf)
            self.lateLimit = lateLimit
        }
    }

    let setup: Setup
    private var days = DayCounts()
    private var agencies = ByteInterner()
    private var unitCounts: [KPICounts] = []
    private var noUnit = KPICounts()
    private var processing = ProcessingDistribution()
    private var late: BoundedList<LateDossier>
    private var catalog: CatalogLookup
    /// Verdicts waiting for the as-of time: the day, the unit id (-1 for none), the facts.
    private var pending: [(day: Int32, unit: Int32, pending: PendingProgress)] = []

    public init(setup: Setup) {
        self.setup = setup
        catalog = CatalogLookup(setup.classifier.catalog)
        late = BoundedList(limit: setup.lateLimit, by: LateDossier.precedes)
    }

    /// Sums, and a list whose order is total: the result is the same however records are dealt.
    public static var foldsInAnyOrder: Bool { true }

    public mutating func consume(_ record: inout DossierRecord) {
        guard setup.window.place(record.received) == .kept else { return }
        let entry = catalog.entry(for: record)
        let terms = entry?.terms
        var waiting: PendingProgress?
        let classification: Classification?
        if !record.status.isJudged {
            classification = nil
        } else if let asOf = setup.asOf {
            classification = setup.classifier.classify(&record, terms: terms, asOf: asOf)
        } else if record.end == nil, let facts = setup.classifier.pending(&record, terms: terms) {
            waiting = facts
            classification = nil
        } else {
            // Finished, or without a due: nothing depends on the as-of time (`KPIAccumulator`).
            classification = setup.classifier.classify(&record, terms: terms, asOf: Timestamp(seconds: Int64.max / 4))
        }
        // Added in place: `KPICounts(record, ...)` would copy the record.
        var delta = KPICounts()
        delta.add(&record, terms: terms, classification: classification)
        let day = record.received.map { Int32($0.dayNumber) } ?? Int32.min
        if day != Int32.min { days.merge(delta, day: Int(day)) }
        var unit: Int32 = -1
        if record.agency.count > 0 {
            let id = agencies.id(of: record.agency)
            if id == unitCounts.count { unitCounts.append(KPICounts()) }
            unitCounts[id].merge(delta)
            unit = Int32(id)
        } else {
            noUnit.merge(delta)
        }
        if let waiting { pending.append((day, unit, waiting)) }
        guard let classification else { return }
        let perDay = setup.classifier.secondsPerDay
        if classification.progress.isFinished, let seconds = classification.processingWorkingSeconds, perDay > 0 {
            processing.add(days: Double(seconds) / Double(perDay), progress: classification.progress)
        }
        if classification.progress == .late, let due = classification.effectiveDue, let end = record.end {
            let over: Int64
            if end <= due {
                over = 0
            } else if setup.classifier.clock == .working {
                over = setup.classifier.calendar.workingSeconds(from: due, to: end)
            } else {
                over = end.seconds - due.seconds
            }
            // Most late dossiers of a big log fall after the kept ones: counted without their text.
            if let worst = late.worstKept, over < worst.overSeconds || (over == worst.overSeconds && end > worst.end) {
                late.countSkipped()
                return
            }
            let name = record.procedureName.count > 0 ? record.procedureName.utf8String : entry?.name ?? ""
            late.append(
                LateDossier(
                    id: record.id.utf8String, agency: record.agency.utf8String,
                    procedure: record.procedure.utf8String, procedureName: name, received: record.received,
                    due: due, end: end, overSeconds: over, lateBySupplements: end <= due,
                    apology: record.apology == true))
        }
    }

    public mutating func merge(_ later: consuming ReportDetailsConsumer) {
        for (day, counts) in later.days.all { days.merge(counts, day: day) }
        var translated = [Int32](repeating: -1, count: later.unitCounts.count)
        for (laterID, counts) in later.unitCounts.enumerated() {
            let id = later.agencies.withBytes(laterID) { agencies.id(of: $0) }
            if id == unitCounts.count { unitCounts.append(KPICounts()) }
            unitCounts[id].merge(counts)
            translated[laterID] = Int32(id)
        }
        noUnit.merge(later.noUnit)
        processing.merge(later.processing)
        late.merge(later.late)
        for item in later.pending {
            pending.append((item.day, item.unit >= 0 ? translated[Int(item.unit)] : -1, item.pending))
        }
    }

    /// Settles the verdicts that waited for the log's latest event.
    mutating func resolve(asOf: Timestamp) {
        for item in pending {
            let overdue = setup.classifier.resolve(item.pending, asOf: asOf).progress == .inProgressOverdue
            func settle(_ counts: inout KPICounts) {
                if overdue { counts.inProgressOverdue += 1 } else { counts.inProgressWithin += 1 }
            }
            if item.day != Int32.min {
                var settled = KPICounts()
                settle(&settled)
                days.merge(settled, day: Int(item.day))
            }
            if item.unit >= 0 { settle(&unitCounts[Int(item.unit)]) } else { settle(&noUnit) }
        }
        pending = []
    }

    public var details: ReportDetails {
        var units: [(unit: String?, counts: KPICounts)] = unitCounts.enumerated().map {
            (agencies.string($0.offset), $0.element)
        }
        units.sort { Array($0.unit!.utf8).lexicographicallyPrecedes(Array($1.unit!.utf8)) }
        if noUnit != KPICounts() { units.append((nil, noUnit)) }
        var list = late
        list.trim()
        return ReportDetails(
            days: days.all.map { (CivilDate(dayNumber: $0.day), $0.counts) }, units: units,
            processing: processing, late: list, secondsPerDay: setup.classifier.secondsPerDay)
    }
}

/// Counts per received day: an array over the span of days seen (a log spans months), with days
/// far outside it (a mistyped year) kept apart, so one outlier cannot allocate years of slots.
struct DayCounts {
    private var first = 0
    private var slots: [KPICounts] = []
    private var far: [Int: KPICounts] = [:]
    /// About eleven years of days in the array.
    static let maxSpan = 4000

    @inline(__always)
    mutating func merge(_ counts: KPICounts, day: Int) {
        if slots.isEmpty {
            first = day
            slots = [KPICounts()]
        }
        if day < first {
            guard first - day + slots.count <= Self.maxSpan else { return far[day, default: KPICounts()].merge(counts) }
            slots.insert(contentsOf: repeatElement(KPICounts(), count: first - day), at: 0)
            first = day
        } else if day >= first + slots.count {
            guard day - first < Self.maxSpan else { return far[day, default: KPICounts()].merge(counts) }
            slots.append(contentsOf: repeatElement(KPICounts(), count: day - first - slots.count + 1))
        }
        slots[day - first].merge(counts)
    }

    /// The days with any dossier, in date order.
    var all: [(day: Int, counts: KPICounts)] {
        let empty = KPICounts()
        var list = slots.enumerated().filter { $0.element != empty }.map { (first + $0.offset, $0.element) }
        list += far.map { ($0.key, $0.value) }
        return list.sorted { $0.0 < $1.0 }
    }
}

extension KPIEngine {
    /// The report and a document's details (trends, ranking, distribution, late list) from one
    /// scan of the log.
    /// - Parameter lateLimit: late dossiers listed (0 lists all).
    public static func run(files: [String], options: ReportOptions, lateLimit: Int) throws -> (
        report: ReportResult, details: ReportDetails
    ) {
        let setup = AccumulatorSetup(options: options)
        let detailsSetup = ReportDetailsConsumer.Setup(options: options, lateLimit: lateLimit)
        var (pair, input) = try LogScanner.scan(files: files, options: options.scan) {
            PairedConsumer(first: KPIAccumulator(setup: setup), second: ReportDetailsConsumer(setup: detailsSetup))
        }
        let report = finish(&pair.first, input: input, options: options)
        if options.asOf == nil, let asOf = report.asOf { pair.second.resolve(asOf: asOf) }
        return (report, pair.second.details)
    }
}
