import CivilTime
import Ingest
import Metrics
import Records
import WorkingTime

/// What an audit compares against: the legal clock, the catalog, and how close counts as a match.
public struct AuditSettings: Sendable {
    /// The legal clock and the catalog audited against; its `dueMode` places the legal due.
    public var classifier: DossierClassifier
    /// Differences up to this many seconds count as matching.
    public var tolerance: Int64
    /// Example dossiers kept per unit and procedure.
    public var exampleLimit: Int

    public init(classifier: DossierClassifier, tolerance: Int64, exampleLimit: Int) {
        precondition(classifier.catalog != nil, "an audit compares against a catalog")
        self.classifier = classifier
        self.tolerance = tolerance
        self.exampleLimit = exampleLimit
    }
}

/// A unit and a procedure: the rows of an audit.
public struct AuditKey: Hashable, Sendable {
    public var unit: String
    public var procedure: String
}

/// A dossier whose recorded due differs from the legal due.
public struct AuditExample: Sendable {
    public var id: String
    public var received: Timestamp
    public var recorded: Timestamp
    public var legal: Timestamp
    /// Working seconds from the legal to the recorded due (negative when recorded earlier).
    public var differenceWorking: Int64
}

/// The audit of one unit and procedure.
public struct AuditGroup: Sendable {
    public var checked = 0
    public var later = 0
    public var earlier = 0
    public var maxLaterWorking: Int64 = 0
    /// Mismatches in log order, later ones first chosen; at most `exampleLimit`.
    public var examples: [AuditExample] = []

    public var matching: Int { checked - later - earlier }

    mutating func add(_ other: AuditGroup, exampleLimit: Int) {
        checked += other.checked
        later += other.later
        earlier += other.earlier
        maxLaterWorking = max(maxLaterWorking, other.maxLaterWorking)
        for e in other.examples where examples.count < exampleLimit { examples.append(e) }
    }
}

/// Per-piece audit state; `merge` adds counts and keeps the first examples in log order.
struct AuditConsumer: RecordConsumer {
    let settings: AuditSettings
    var groups: [AuditKey: AuditGroup] = [:]
    var missingReceived = 0
    var missingDue = 0
    var unknownProcedure = 0
    private var catalog: CatalogLookup
    // The last unit name decoded, for the same reason.
    private var lastAgency: [UInt8] = []
    private var lastAgencyName = ""

    init(settings: AuditSettings) {
        self.settings = settings
        catalog = CatalogLookup(settings.classifier.catalog)
    }

    mutating func consume(_ record: inout DossierRecord) {
        guard let received = record.received else {
            missingReceived += 1
            return
        }
        guard let entry = catalog.entry(for: record) else {
            unknownProcedure += 1
            return
        }
        guard let recorded = record.due else {
            missingDue += 1
            return
        }
        let classifier = settings.classifier
        let calendar = classifier.calendar
        // Closed pauses only, merged where they overlap, by the classifier's one rule.
        let paused = classifier.pausedWorkingSeconds(&record.pauses, from: received, limit: nil).closed
        let legal = calendar.due(
            received: received, deadline: entry.deadline, afternoonCutoff: entry.afternoonCutoff,
            mode: classifier.dueMode, pausedWorkingSeconds: paused)
        if !lastAgency.elementsEqual(record.agency) {
            lastAgency = Array(record.agency)
            lastAgencyName = String(decoding: lastAgency, as: UTF8.self)
        }
        let key = AuditKey(unit: lastAgencyName, procedure: entry.code)
        var group = groups[key, default: AuditGroup()]
        group.checked += 1
        let difference = recorded.seconds - legal.seconds
        if difference > settings.tolerance || difference < -settings.tolerance {
            let working =
                difference > 0
                ? calendar.workingSeconds(from: legal, to: recorded)
                : -calendar.workingSeconds(from: recorded, to: legal)
            if difference > 0 {
                group.later += 1
                group.maxLaterWorking = max(group.maxLaterWorking, working)
            } else {
                group.earlier += 1
            }
            if group.examples.count < settings.exampleLimit {
                group.examples.append(
                    AuditExample(
                        id: String(decoding: record.id, as: UTF8.self), received: received, recorded: recorded,
                        legal: legal,
                        differenceWorking: working))
            }
        }
        groups[key] = group
    }

    mutating func merge(_ later: consuming AuditConsumer) {
        for (key, group) in later.groups {
            groups[key, default: AuditGroup()].add(group, exampleLimit: settings.exampleLimit)
        }
        missingReceived += later.missingReceived
        missingDue += later.missingDue
        unknownProcedure += later.unknownProcedure
    }
}

/// What `tthc audit` found: per unit and procedure, in name order, and the dossiers not checked.
public struct AuditResult: Sendable {
    public var settings: AuditSettings
    public var groups: [(key: AuditKey, group: AuditGroup)]
    public var totals: AuditGroup
    public var missingReceived: Int
    public var missingDue: Int
    public var unknownProcedure: Int
    public var input: InputSummary

    /// The groups with at least one mismatch.
    public var mismatched: [(key: AuditKey, group: AuditGroup)] {
        groups.filter { $0.group.later + $0.group.earlier > 0 }
    }
}

/// Compares each dossier's recorded due (`NgayHenTra`) with the legal due from the catalog and
/// the working calendar.
///
/// A recorded due later than the law allows hides lateness (the dossier looks on time when it is
/// not); an earlier one is harmless but shows a misconfigured deadline.
public enum DueAudit {
    public static func run(files: [String], settings: AuditSettings, scan: ScanOptions) throws -> AuditResult {
        let (audit, input) = try LogScanner.scan(files: files, options: scan) { AuditConsumer(settings: settings) }
        let groups = audit.groups.sorted { ($0.key.unit, $0.key.procedure) < ($1.key.unit, $1.key.procedure) }
            .map { (key: $0.key, group: $0.value) }
        let totals = groups.reduce(into: AuditGroup()) { $0.add($1.group, exampleLimit: 0) }
        return AuditResult(
            settings: settings, groups: groups, totals: totals, missingReceived: audit.missingReceived,
            missingDue: audit.missingDue, unknownProcedure: audit.unknownProcedure, input: input)
    }
}
