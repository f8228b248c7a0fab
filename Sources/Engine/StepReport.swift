import CivilTime
import Ingest
import Metrics
import Records

/// How the steps and the dossier table of `report --steps` met.
public struct StepReportSummary: Sendable {
    /// What the fold of the step logs read and found.
    public var steps = StepFoldSummary()
    /// With a dossier table: its rows without any step, left out of the figures.
    public var rowsWithoutSteps = 0
    /// With a dossier table: dossiers with steps but no row, left out of the figures.
    public var stepsWithoutRow = 0

    public init() {}
}

/// `tthc report --steps`: the KPIs from step logs. JSONL dossiers with their `QuaTrinhXuLy` lists
/// are their own table. The steps give each dossier's received time,
/// supplement pauses, end and status (`DossierHistory.facts`); the rest of the record (due,
/// channel, level, payment...) comes from a dossier table joined by `MaHoSo`, or is absent
/// without one. Every dossier is judged by the one classifier, as `KPIEngine` judges a table.
public enum StepReport {
    public static func run(
        steps: [String], dossiers: [String], options: ReportOptions, stepOptions: StepLogOptions
    ) throws -> (ReportResult, StepReportSummary) {
        let setup = AccumulatorSetup(options: options)
        var summary = StepReportSummary()
        if dossiers.isEmpty {
            var (folded, _, stepSummary) = try StepLog.fold(files: steps, options: stepOptions) {
                StepAccumulator(inner: KPIAccumulator(setup: setup))
            }
            summary.steps = stepSummary
            if stepSummary.dossierLines > 0 && stepSummary.dossierLines == stepSummary.input.accepted {
                // JSONL dossiers with their steps: they are their own table, every field there.
                return try run(steps: steps, dossiers: steps, options: options, stepOptions: stepOptions)
            }
            var input = stepSummary.input
            // The report counts dossiers: each history is one record.
            input.records = stepSummary.dossiers + stepSummary.contradictory + input.rejected
            folded.inner.noteLatestStep(stepSummary.latestStep)
            return (KPIEngine.finish(&folded.inner, input: input, options: options), summary)
        }
        let (table, _, stepSummary) = try StepLog.fold(files: steps, options: stepOptions) { FactsTable() }
        summary.steps = stepSummary
        let shared = SharedFacts(table.facts)
        let (joined, input) = try LogScanner.scan(files: dossiers, options: options.scan) {
            JoinedAccumulator(inner: KPIAccumulator(setup: setup), facts: shared)
        }
        var accumulator = joined.inner
        summary.rowsWithoutSteps = joined.withoutSteps
        summary.stepsWithoutRow = max(0, table.facts.count - joined.matched)
        accumulator.noteLatestStep(stepSummary.latestStep)
        return (KPIEngine.finish(&accumulator, input: input, options: options), summary)
    }
}

extension KPIAccumulator {
    /// A step log's default as-of time is its latest step, as `tthc steps` takes it, not only
    /// the latest event its folded records show: a later hand-over of a dossier in progress
    /// says the log was taken after it.
    mutating func noteLatestStep(_ seconds: Int64) { latestEvent = max(latestEvent, seconds) }
}

/// What a history says of its dossier, kept per dossier for the join with a table.
struct StepFacts: Sendable {
    var facts: HistoryFacts
    var procedure: String?
    var agency: String?
    var channel: UInt8?
}

extension DossierRecord {
    /// Takes the received time, pauses, end and status from a dossier's steps.
    mutating func take(_ facts: HistoryFacts) {
        received = facts.received
        pauses = facts.pauses
        processingEnd = facts.end
        returned = nil
        if let status = facts.status { self.status = status }
    }
}

/// Judges each history as a record made of its facts and the codes its step rows carry.
struct StepAccumulator: HistoryConsumer {
    var inner: KPIAccumulator

    mutating func consume(_ history: DossierHistory) {
        var record = DossierRecord()
        record.take(history.facts)
        record.channel = history.channel ?? 0
        var id = history.id
        var procedure = history.procedure ?? ""
        var agency = history.agency ?? ""
        id.withUTF8 { idBytes in
            procedure.withUTF8 { procedureBytes in
                agency.withUTF8 { agencyBytes in
                    record.id = UnsafeRawBufferPointer(idBytes)
                    record.procedure = UnsafeRawBufferPointer(procedureBytes)
                    record.agency = UnsafeRawBufferPointer(agencyBytes)
                    inner.consume(&record)
                }
            }
        }
    }

    mutating func merge(_ later: consuming StepAccumulator) { inner.merge(later.inner) }
}

/// Every history's facts by `MaHoSo`.
struct FactsTable: HistoryConsumer {
    var facts: [String: StepFacts] = [:]

    mutating func consume(_ history: DossierHistory) {
        facts[history.id] = StepFacts(
            facts: history.facts, procedure: history.procedure, agency: history.agency, channel: history.channel)
    }

    mutating func merge(_ later: consuming FactsTable) { facts.merge(later.facts) { first, _ in first } }
}

/// The facts table, read by every worker of the dossier scan.
final class SharedFacts: Sendable {
    let facts: [String: StepFacts]
    init(_ facts: [String: StepFacts]) { self.facts = facts }
}

/// Judges each row of the dossier table with the facts of its steps in place of its own.
struct JoinedAccumulator: RecordConsumer {
    var inner: KPIAccumulator
    let facts: SharedFacts
    var matched = 0
    var withoutSteps = 0

    static var foldsInAnyOrder: Bool { KPIAccumulator.foldsInAnyOrder }

    mutating func consume(_ record: inout DossierRecord) {
        guard let found = facts.facts[record.id.utf8String] else {
            withoutSteps += 1
            return
        }
        matched += 1
        record.take(found.facts)
        inner.consume(&record)
    }

    mutating func merge(_ later: consuming JoinedAccumulator) {
        inner.merge(later.inner)
        matched += later.matched
        withoutSteps += later.withoutSteps
    }
}
