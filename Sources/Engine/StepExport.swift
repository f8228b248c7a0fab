import CivilTime
import Ingest
import Metrics
import ProcessExport
import Records
import WorkingTime

/// The step names as the files show them: escaped by the writers, handlers already replaced by
/// their pseudonyms (made once per distinct name, not per step).
final class StepNameBytes: Sendable {
    let departments: [[UInt8]]
    let handlers: [[UInt8]]
    let titles: [[UInt8]]
    let contents: [[UInt8]]

    init(_ names: StepNames, pseudonyms: Pseudonyms?) {
        departments = names.departments.map { Array($0.utf8) }
        handlers = names.handlers.map { name in
            guard let pseudonyms else { return Array(name.utf8) }
            return Array(pseudonyms.pseudonym(of: name).utf8)
        }
        titles = names.titles.map { Array($0.utf8) }
        contents = names.contents.map { Array($0.utf8) }
    }
}

/// Turns each folded history into a trace: one complete event per step, and a start event
/// before it when the step has `NgayBatDau`; the 766 progress from the facts the steps determine
/// (received, supplement pauses, end, last status) with the due from the catalog.
struct HistoryExportConsumer: HistoryConsumer {
    let setup: ExportSetup
    let names: StepNameBytes
    var lane: ExportLane
    var outsideSelection = 0
    /// Whether this consumer is the one the others merge into, its own bytes written first.
    private(set) var isRoot = false
    private var trace = ExportTrace()
    private var record = DossierRecord()

    init(setup: ExportSetup, names: StepNameBytes, spill: ExportSpill) {
        self.setup = setup
        self.names = names
        lane = ExportLane(format: setup.format, spill: spill)
    }

    mutating func consume(_ history: DossierHistory) {
        let facts = history.facts
        guard setup.window.place(facts.received) == .kept else {
            outsideSelection += 1
            return
        }
        trace.reset()
        trace.id = trace.store(history.id)
        if let procedure = history.procedure { trace.procedure = trace.store(procedure) }
        if let agency = history.agency { trace.agency = trace.store(agency) }
        trace.channel = history.channel ?? 0
        trace.status = facts.status
        let terms = history.procedure.flatMap { setup.classifier.catalog?[$0]?.terms }
        record.reset()
        record.status = facts.status ?? .received
        record.received = facts.received
        record.processingEnd = facts.end
        record.pauses.append(contentsOf: facts.pauses)
        if record.received != nil || !record.status.isJudged {
            let classification = setup.classifier.classify(&record, terms: terms, asOf: setup.asOf)
            trace.progress = ExportProgress(classification.progress)
            trace.due = classification.effectiveDue ?? setup.classifier.legalDue(record, terms: terms)
        }
        trace.requests.append(contentsOf: facts.pauses)
        // The steps of one waiting-for-supplement run belong to one citizen request.
        var request: Int32 = -1
        var waiting = false
        for step in history.steps {
            if step.status == .waitingForSupplement {
                if !waiting { request += 1 }
                waiting = true
            } else {
                waiting = false
            }
            var event = ExportEvent(
                activity: ExportActivity(stepStatus: step.status), time: step.time,
                request: waiting ? request : -1,
                department: stored(names.departments, step.department),
                handler: stored(names.handlers, step.handler), title: stored(names.titles, step.title),
                content: stored(names.contents, step.content), plannedEnd: step.plannedEnd)
            if let start = step.start {
                var started = event
                started.time = start
                started.lifecycle = .start
                started.plannedEnd = nil
                trace.events.append(started)
            }
            event.lifecycle = .complete
            trace.events.append(event)
        }
        lane.emit(&trace)
    }

    /// Writes this consumer's own partition, before any merged into it.
    mutating func becomeRoot() {
        guard !isRoot else { return }
        isRoot = true
        let own = lane
        lane = ExportLane(format: setup.format)
        lane.absorb(own, main: setup.main, objects: setup.objects)
    }

    private mutating func stored(_ table: [[UInt8]], _ index: Int32) -> TextSpan {
        guard index > 0, Int(index) < table.count else { return .empty }
        return table[Int(index)].withUnsafeBytes { trace.store($0) }
    }

    mutating func merge(_ later: consuming HistoryExportConsumer) {
        becomeRoot()
        outsideSelection += later.outsideSelection
        lane.absorb(later.lane, main: setup.main, objects: setup.objects)
    }
}

/// The latest step time of a step log: its default as-of time, as a dossier log's latest event is.
struct LatestStepConsumer: RecordConsumer {
    var latest = Int64.min

    static var foldsInAnyOrder: Bool { true }

    mutating func consume(_ record: inout DossierRecord) {
        if let t = record.step.time { latest = max(latest, t.seconds) }
        for step in record.embeddedSteps { if let t = step.time { latest = max(latest, t.seconds) } }
    }

    mutating func merge(_ later: consuming LatestStepConsumer) { latest = max(latest, later.latest) }
}

extension ProcessExportEngine {
    /// Exports the step logs `files` (step rows, or JSONL dossiers with `QuaTrinhXuLy`) folded
    /// into one trace per dossier. Histories come partition by partition (by a hash of `MaHoSo`),
    /// so traces are in partition order, the same for any `-j`; a partition's bytes past 256 KiB
    /// wait in a temporary file, so memory stays bounded. The files are read by `steps.scan` (its
    /// status table included); `options.report` gives the judge and the dates.
    public static func runSteps(files: [String], options: ExportOptions, steps: StepLogOptions, output: Int32)
        throws -> ExportResult
    {
        var steps = steps
        var asOf = options.report.selection.asOf()
        if asOf == nil {
            try ProcessExportEngine.requireRereadable(files)
            var scan = steps.scan
            scan.kind = .steps
            scan.rejectsPath = nil
            scan.dedupe = .detect
            let (latest, _) = try LogScanner.scan(files: files, options: scan) { LatestStepConsumer() }
            if latest.latest != Int64.min { asOf = Timestamp(seconds: latest.latest) }
        }
        // Every row of a dossier is one of its steps: none replaces another.
        steps.scan.dedupe = .detect
        let main = ExportSink(descriptor: output, name: "the output")
        let objects = options.format == .ocel ? try ExportSink(temporaryFor: "the OCEL objects") : nil
        let spill = try ExportSpill()
        let setup = ExportSetup(
            options: options, asOf: asOf ?? Timestamp(seconds: Int64.max / 4), main: main, objects: objects)
        setup.restart()
        var nameBytes: StepNameBytes?
        var (consumer, _, summary) = try StepLog.fold(files: files, options: steps) { names in
            let shared = nameBytes ?? StepNameBytes(names, pseudonyms: options.pseudonyms)
            nameBytes = shared
            return HistoryExportConsumer(setup: setup, names: shared, spill: spill)
        }
        consumer.becomeRoot()
        var root = consumer.lane
        finish(&root, setup: setup)
        if let failure = main.failure ?? objects?.failure ?? spill.sink.failure {
            throw ExportError("cannot write the export: \(failure)")
        }
        return ExportResult(
            counts: root.counts, input: summary.input, outsideSelection: consumer.outsideSelection, asOf: asOf)
    }
}
