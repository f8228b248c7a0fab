import CivilTime
import Ingest
import Records

/// A fact on which a dossier table and its step log disagree.
public enum ReconciledField: String, Sendable, CaseIterable, Comparable {
    /// The row has no steps, or the steps have no row.
    case presence = "MaHoSo"
    case received = "NgayTiepNhan"
    case pauses = "DanhSachHoSoBoSung"
    case end = "NgayKetThucXuLy"
    case status = "TrangThaiHoSo"

    public static func < (a: ReconciledField, b: ReconciledField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One disagreement: the dossier, the field, what the table says and what the steps say (empty:
/// absent).
public struct Disagreement: Sendable, Hashable {
    public var dossier: String
    public var field: ReconciledField
    public var table: String
    public var steps: String

    public init(dossier: String, field: ReconciledField, table: String, steps: String) {
        self.dossier = dossier
        self.field = field
        self.table = table
        self.steps = steps
    }
}

/// What `tthc steps --reconcile` found.
public struct Reconciliation: Sendable {
    /// Sorted by dossier (UTF-8 byte order), then field.
    public var disagreements: [Disagreement] = []
    /// Dossiers found in both.
    public var compared = 0
    public var dossierInput = InputSummary()
    public var steps = StepFoldSummary()

    public init() {}
}

/// Compares a dossier table with the step log of the same dossiers: for each `MaHoSo`, the
/// received time, the supplement pauses, the end (`NgayKetThucXuLy`, else `NgayTra`) and the status
/// the table records against those its steps determine (`DossierHistory.facts`).
public enum StepReconciliation {
    public static func run(dossiers: [String], steps: [String], scan: ScanOptions, stepOptions: StepLogOptions)
        throws -> Reconciliation
    {
        let (table, _, stepSummary) = try StepLog.fold(files: steps, options: stepOptions) { FactsTable() }
        let shared = SharedFacts(table.facts)
        var dossierScan = scan
        dossierScan.kind = .dossiers
        let (compared, input) = try LogScanner.scan(files: dossiers, options: dossierScan) {
            ReconcilingConsumer(facts: shared)
        }
        var result = Reconciliation()
        result.steps = stepSummary
        result.dossierInput = input
        result.compared = compared.matched.count
        result.disagreements = compared.disagreements
        for id in table.facts.keys where !compared.matched.contains(id) {
            result.disagreements.append(Disagreement(dossier: id, field: .presence, table: "", steps: "steps"))
        }
        result.disagreements.sort {
            $0.dossier == $1.dossier
                ? $0.field < $1.field : $0.dossier.utf8.lexicographicallyPrecedes($1.dossier.utf8)
        }
        return result
    }

    /// The text of a time, empty when absent.
    static func text(_ t: Timestamp?) -> String { t?.iso8601 ?? "" }

    /// Pauses as the table's supplement list spells them: `START/END;...`, END empty while open.
    static func text(_ pauses: [PauseInterval]) -> String {
        pauses.map { $0.start.iso8601 + "/" + ($0.end?.iso8601 ?? "") }.joined(separator: ";")
    }
}

/// Compares each row of the table with its dossier's steps.
struct ReconcilingConsumer: RecordConsumer {
    let facts: SharedFacts
    var disagreements: [Disagreement] = []
    var matched = Set<String>()

    static var foldsInAnyOrder: Bool { true }

    mutating func consume(_ record: inout DossierRecord) {
        let id = record.id.utf8String
        guard let found = facts.facts[id]?.facts else {
            disagreements.append(Disagreement(dossier: id, field: .presence, table: "row", steps: ""))
            return
        }
        matched.insert(id)
        func differ(_ field: ReconciledField, _ table: String, _ steps: String) {
            if table != steps { disagreements.append(Disagreement(dossier: id, field: field, table: table, steps: steps)) }
        }
        differ(.received, StepReconciliation.text(record.received), StepReconciliation.text(found.received))
        differ(.pauses, StepReconciliation.text(record.pauses), StepReconciliation.text(found.pauses))
        differ(.end, StepReconciliation.text(record.end), StepReconciliation.text(found.end))
        differ(.status, String(record.status.rawValue), found.status.map { String($0.rawValue) } ?? "")
    }

    mutating func merge(_ later: consuming ReconcilingConsumer) {
        disagreements += later.disagreements
        matched.formUnion(later.matched)
    }
}
