import CivilTime
import Ingest
import Metrics
import ProcessExport
import Records
import WorkingTime

/// What `tthc export` writes and how it judges the dossiers it exports.
public struct ExportOptions: Sendable {
    public var format: ExportFormat = .xes
    /// The scan, the 766 judge and the date selection, as `report` takes them.
    public var report = ReportOptions()
    /// How personal names (`NguoiXuLy`, `ChuHoSo`) are replaced; nil exports them as they are.
    public var pseudonyms: Pseudonyms? = Pseudonyms.random()
    /// The log's name in the file (XES `concept:name`).
    public var source = "tthc export"

    public init() {}
}

/// What an export read and wrote.
public struct ExportResult: Sendable {
    public var counts: ExportCounts
    public var input: InputSummary
    /// Accepted records left out by `--from/--to/--period`.
    public var outsideSelection: Int
    /// The time the dossiers' progress was judged at.
    public var asOf: Timestamp?
}

/// Everything the lanes of one export share.
final class ExportSetup: Sendable {
    let classifier: DossierClassifier
    let asOf: Timestamp
    let window: ReceivedWindow
    let pseudonyms: Pseudonyms?
    let format: ExportFormat
    let main: ExportSink
    let objects: ExportSink?
    let head: [UInt8]
    let numbers = ConsumerNumbers()

    init(options: ExportOptions, asOf: Timestamp, main: ExportSink, objects: ExportSink?) {
        classifier = options.report.classifier
        self.asOf = asOf
        window = ReceivedWindow(
            from: options.report.receivedFrom, before: options.report.receivedBefore, asOf: asOf)
        pseudonyms = options.pseudonyms
        format = options.format
        self.main = main
        self.objects = objects
        head = options.format == .xes ? XESWriter.head(source: options.source) : OCELWriter.head()
    }

    /// The first merge of a reading: the files start again with the head.
    func restart() {
        main.restart()
        main.write(head)
        objects?.restart()
    }
}

/// Writes dossier logs and step logs as XES or OCEL 2.0, streaming: pieces of the log are turned
/// into bytes in parallel and written in log order, so the file is the same for any `-j` and
/// chunk size and memory holds one batch.
public enum ProcessExportEngine {
    /// Exports the dossier tables `files` to the open descriptor `output`.
    ///
    /// The progress verdicts need the as-of time before the first trace is written: when the
    /// log's latest event gives it (no `--as-of/--to/--period`), the log is read once by
    /// `KPIEngine` first, so the time is the one `report` would use.
    public static func run(files: [String], options: ExportOptions, output: Int32) throws -> ExportResult {
        var options = options
        // A batch's output waits in memory until it is written, and XES is several times the
        // size of its CSV: smaller batches keep the peak down (the bytes do not depend on it).
        options.report.scan.piecesPerBatch = min(options.report.scan.piecesPerBatch, 4 * options.report.scan.workers)
        var asOf = options.report.selection.asOf()
        if asOf == nil {
            try ProcessExportEngine.requireRereadable(files)
            let report = try KPIEngine.run(files: files, options: options.report)
            asOf = report.asOf
            // Rejects were written by the first reading.
            options.report.scan.rejectsPath = nil
        }
        let main = ExportSink(descriptor: output, name: "the output")
        let objects = options.format == .ocel ? try ExportSink(temporaryFor: "the OCEL objects") : nil
        let setup = ExportSetup(
            options: options, asOf: asOf ?? Timestamp(seconds: Int64.max / 4), main: main, objects: objects)
        let (consumer, input) = try LogScanner.scan(files: files, options: options.report.scan) {
            DossierExportConsumer(setup: setup)
        }
        if options.format == .ocel && input.duplicates > 0 && options.report.scan.dedupe == .detect {
            throw ExportError(
                "\(input.duplicates) records repeat an earlier MaHoSo, and an OCEL object id names one dossier: "
                    + "export with --dedupe last (the default), so the last record of each dossier is its object")
        }
        var lane = consumer.lane
        if consumer.merges == 0 { setup.restart() }  // a log whose only piece was merged nowhere
        finish(&lane, setup: setup)
        if let failure = main.failure ?? objects?.failure { throw ExportError("cannot write the export: \(failure)") }
        return ExportResult(
            counts: lane.counts, input: input, outsideSelection: consumer.outsideSelection, asOf: asOf)
    }

    /// The as-of time from the log's latest event needs a first reading: a pipe cannot give two.
    static func requireRereadable(_ files: [String]) throws {
        guard let pipe = files.first(where: { !LogScanner.canReadTwice($0) }) else { return }
        throw ExportError(
            "\(pipe == "-" ? "standard input" : pipe) can be read only once, and the export judges each dossier at the "
                + "log's latest event, which takes a first reading: give --as-of TIME (or --period), or save the log to a file"
        )
    }

    /// The tail: for OCEL, the objects after the events, then the procedures and departments.
    static func finish(_ lane: inout ExportLane, setup: ExportSetup) {
        switch setup.format {
        case .xes:
            setup.main.write(XESWriter.tail)
        case .ocel:
            setup.main.write(OCELWriter.middle)
            setup.main.startArray()
            if let objects = setup.objects {
                objects.copy(to: setup.main)
                // The copied objects were array elements.
                if lane.counts.dossierObjects > 0 { setup.main.markElementWritten() }
            }
            lane.writeNamedObjects(to: setup.main)
            setup.main.write(OCELWriter.tail)
        }
    }
}

/// Turns each accepted dossier record into a trace: its events (submitted, received, refused,
/// supplement requested and received back, processing finished or stopped, withdrawn, result
/// returned), its attributes and its 766 progress at the run's as-of time.
struct DossierExportConsumer: RecordConsumer {
    let setup: ExportSetup
    let number: Int
    var lane: ExportLane
    var merges = 0
    var outsideSelection = 0
    private var trace = ExportTrace()
    private var procedureIDs = ByteInterner()
    private var catalogTerms: [ProcedureCatalog.Terms?] = []
    private var owner: [UInt8] = []

    init(setup: ExportSetup) {
        self.setup = setup
        number = setup.numbers.take()
        lane = ExportLane(format: setup.format)
    }

    mutating func consume(_ record: inout DossierRecord) {
        guard setup.window.place(record.received) == .kept else {
            outsideSelection += 1
            return
        }
        trace.reset()
        trace.id = trace.store(record.id)
        trace.procedure = trace.store(record.procedure)
        trace.agency = trace.store(record.agency)
        trace.channel = record.channel
        trace.status = record.status
        if record.owner.count > 0 {
            if let pseudonyms = setup.pseudonyms {
                owner.removeAll(keepingCapacity: true)
                pseudonyms.append(pseudonymOf: record.owner, to: &owner)
                trace.owner = owner.withUnsafeBytes { trace.store($0) }
            } else {
                trace.owner = trace.store(record.owner)
            }
        }
        var terms: ProcedureCatalog.Terms?
        if let catalog = setup.classifier.catalog, record.procedure.count > 0 {
            let id = procedureIDs.id(of: record.procedure)
            while catalogTerms.count <= id {
                catalogTerms.append(catalog[procedureIDs.string(catalogTerms.count)]?.terms)
            }
            terms = catalogTerms[id]
        }
        let classification = setup.classifier.classify(&record, terms: terms, asOf: setup.asOf)
        trace.progress = ExportProgress(classification.progress)
        trace.due = classification.effectiveDue ?? setup.classifier.legalDue(record, terms: terms)
        if let t = record.submitted { trace.events.append(ExportEvent(activity: .submitted, time: t)) }
        if let t = record.received { trace.events.append(ExportEvent(activity: .received, time: t)) }
        if let t = record.refused { trace.events.append(ExportEvent(activity: .refused, time: t)) }
        // `classify` put the pauses in time order: the requests are numbered so.
        for (k, pause) in record.pauses.enumerated() {
            trace.requests.append(pause)
            trace.events.append(ExportEvent(activity: .supplementRequested, time: pause.start, request: Int32(k)))
            if let back = pause.end {
                trace.events.append(ExportEvent(activity: .supplementReceived, time: back, request: Int32(k)))
            }
        }
        if let end = record.processingEnd {
            let activity: ExportActivity =
                record.status == .stopped
                ? .processingStopped : record.status == .withdrawn ? .withdrawn : .processingFinished
            trace.events.append(ExportEvent(activity: activity, time: end))
        }
        if let returned = record.returned {
            let withdrawn = record.status == .withdrawn && record.processingEnd == nil
            trace.events.append(ExportEvent(activity: withdrawn ? .withdrawn : .resultReturned, time: returned))
        }
        // A dossier without a dated event (registered, never received) has nothing to mine.
        if trace.events.isEmpty {
            lane.counts.withoutEvents += 1
            return
        }
        lane.emit(&trace)
    }

    mutating func merge(_ later: consuming DossierExportConsumer) {
        if setup.numbers.isNewRoot(number) {
            setup.restart()
            lane = ExportLane(format: setup.format)
            outsideSelection = 0
        }
        merges += 1
        outsideSelection += later.outsideSelection
        lane.absorb(later.lane, main: setup.main, objects: setup.objects)
    }
}

extension ExportProgress {
    init(_ progress: ProgressClass) {
        switch progress {
        case .notReceived: self = .notReceived
        case .withdrawn: self = .withdrawn
        case .early: self = .early
        case .onTime: self = .onTime
        case .late: self = .late
        case .finishedWithoutDue: self = .finishedWithoutDue
        case .inProgressWithin: self = .inProgress
        case .inProgressOverdue: self = .inProgressOverdue
        case .inProgressWithoutDue: self = .inProgressWithoutDue
        }
    }
}
