import Records
import _ParallelSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Receives the folded histories of one partition of the dossiers, on one worker. Consumers
/// are merged in partition order, so a consumer whose `merge` is associative gives the same
/// result for any worker count and chunk size.
public protocol HistoryConsumer {
    /// Called for each dossier's history (steps in time order, ties in file order), without
    /// the histories that contradict themselves (`StepContradiction`) when those are skipped.
    mutating func consume(_ history: DossierHistory)
    mutating func merge(_ later: consuming Self)
}

/// How step logs are read and folded.
public struct StepLogOptions: Sendable {
    /// How the files are read: workers, chunks, encoding, `--skip-invalid`, `--rejects`,
    /// `--columns`, the status mapping (`stepStatuses`). Its `kind` is set to `.steps`.
    public var scan = ScanOptions()
    /// Bytes of step rows held in memory before they are spilled to a temporary file.
    public var memoryBudget = 256 << 20
    /// Partitions of the dossiers (by a hash of `MaHoSo`); each is grouped by one worker at a time,
    /// so a worker holds about `spilled bytes / partitions` at once.
    public var partitions = 256

    public init() {}
}

/// What a fold read and found.
public struct StepFoldSummary: Sendable {
    /// The records read, as the scanner counts them (a JSONL dossier with its steps is one record).
    public var input = InputSummary()
    /// Steps and dossiers folded (without those left out).
    public var steps = 0
    public var dossiers = 0
    /// Dossiers left out because their steps contradict themselves (`--skip-invalid`).
    public var contradictory = 0
    /// Bytes of step rows written to the temporary file.
    public var spilledBytes = 0
    /// Records that were JSONL dossiers with their `QuaTrinhXuLy`, not step rows.
    public var dossierLines = 0
    /// The latest step time of the folded histories (`DossierHistory.latestStepSeconds`),
    /// `Int64.min` without any: the default as-of time.
    public var latestStep = Int64.min

    public init() {}
}

/// A folded log held whole: every history, sorted by `MaHoSo`.
public struct FoldedSteps: Sendable {
    public var histories: [DossierHistory]
    public var names: StepNames
    public var summary: StepFoldSummary
}

/// Step logs (`QuaTrinhXuLy`: CSV, TSV or JSONL rows, one per step, or JSONL dossiers with their
/// step lists) read by the one log scanner and folded into one history per dossier.
public enum StepLog {
    /// Reads `files` and hands each dossier's history to the consumers, partition by partition
    /// in parallel, in bounded memory.
    /// - Returns: the merged consumer, the names the steps' indices refer to, and the summary.
    /// - Throws: `InputFileError` for unreadable files, `IngestError` for the first bad record
    ///   or (unless `skipInvalid`) the first contradictory history in file order.
    public static func fold<H: HistoryConsumer>(
        files: [String], options: StepLogOptions, makeConsumer: () -> H
    ) throws -> (H, StepNames, StepFoldSummary) {
        try fold(files: files, options: options, makeNamedConsumer: { _ in makeConsumer() })
    }

    /// `fold`, with the names the steps' indices refer to handed to each consumer as it is made,
    /// for consumers that write the names while they consume (`export`).
    public static func fold<H: HistoryConsumer>(
        files: [String], options: StepLogOptions, makeNamedConsumer: (StepNames) -> H
    ) throws -> (H, StepNames, StepFoldSummary) {
        precondition(options.partitions >= 1 && options.memoryBudget >= 0)
        var scan = options.scan
        scan.kind = .steps
        let store = StepStore(partitionCount: options.partitions, memoryBudget: options.memoryBudget)
        let (collector, input) = try LogScanner.scan(files: files, options: scan) { StepCollector(store: store) }
        if let failure = store.failure { throw failure }
        let names = stepNames(collector.names)
        let tables = collector.names
        var summary = StepFoldSummary()
        summary.input = input
        summary.spilledBytes = store.spilledBytes
        summary.dossierLines = collector.dossierLines

        var consumers = (0..<options.partitions).map { _ in makeNamedConsumer(names) }
        var outcomes = [PartitionOutcome](repeating: PartitionOutcome(), count: options.partitions)
        let resident = collector.partitions
        consumers.withUnsafeMutableBufferPointer { consumerBuffer in
            outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
                let consumerShared = SendableBuffer(consumerBuffer)
                let outcomeShared = SendableBuffer(outcomeBuffer)
                forEachIndex(options.partitions, workers: scan.workers) { p in
                    do {
                        let rows = try store.rows(of: p, resident: resident[p])
                        foldPartition(
                            rows, tables: tables, files: files, skipInvalid: scan.skipInvalid,
                            into: &consumerShared.buffer[p], outcome: &outcomeShared.buffer[p])
                    } catch {
                        outcomeShared.buffer[p].failure = error
                    }
                }
            }
        }
        var contradictions: [(fileIndex: Int32, line: Int64, error: IngestError)] = []
        for outcome in outcomes {
            if let failure = outcome.failure { throw failure }
            summary.steps += outcome.steps
            summary.dossiers += outcome.dossiers
            summary.latestStep = max(summary.latestStep, outcome.latestStep)
            contradictions += outcome.contradictions
        }
        contradictions.sort { ($0.fileIndex, $0.line) < ($1.fileIndex, $1.line) }
        if let first = contradictions.first, !scan.skipInvalid { throw first.error }
        summary.contradictory = contradictions.count
        if let path = scan.rejectsPath, !contradictions.isEmpty {
            let writer = try RejectsWriter(path: path, appending: true)
            try writer.write(
                contradictions.map {
                    RejectedRecord(
                        file: $0.error.file, line: $0.error.line, column: 0, reason: $0.error.message,
                        recordLine: $0.error.line, text: Array(("MaHoSo " + ($0.error.text ?? "")).utf8))
                })
            try writer.close()
        }
        var merged = consumers.removeFirst()
        for consumer in consumers { merged.merge(consumer) }
        return (merged, names, summary)
    }

    /// Reads `files` and returns every history, sorted by `MaHoSo`: for logs that fit in memory.
    public static func histories(files: [String], options: StepLogOptions) throws -> FoldedSteps {
        let (all, names, summary) = try fold(files: files, options: options) { HistoryList() }
        let sorted = all.histories.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return FoldedSteps(histories: sorted, names: names, summary: summary)
    }

    private static func stepNames(_ tables: StepNameTables) -> StepNames {
        var names = StepNames()
        func strings(_ k: Int) -> [String] { (0..<tables.tables[k].count).map { tables.tables[k].string($0) } }
        names.departments = strings(StepNameTables.department)
        names.handlers = strings(StepNameTables.handler)
        names.titles = strings(StepNameTables.title)
        names.contents = strings(StepNameTables.content)
        return names
    }

    /// What one partition's fold found besides its histories.
    struct PartitionOutcome {
        var steps = 0
        var dossiers = 0
        var latestStep = Int64.min
        var contradictions: [(fileIndex: Int32, line: Int64, error: IngestError)] = []
        var failure: (any Error)?
    }

    /// Sorts a partition's rows by dossier, time and file order, and hands each history over.
    static func foldPartition<H: HistoryConsumer>(
        _ rows: [UInt8], tables: StepNameTables, files: [String], skipInvalid: Bool, into consumer: inout H,
        outcome: inout PartitionOutcome
    ) {
        rows.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var starts: [Int] = []
            var q = 0
            while q < raw.count {
                starts.append(q)
                q += StepRow.size(base + q)
            }
            starts.sort { a, b in
                let x = base + a
                let y = base + b
                let idX = StepRow.id(x)
                let idY = StepRow.id(y)
                if !sameBytes(idX, idY) {
                    return idX.lexicographicallyPrecedes(idY)
                }
                let (tx, ty) = (StepRow.int64(x, StepRow.time), StepRow.int64(y, StepRow.time))
                if tx != ty { return tx < ty }
                let (fx, fy) = (StepRow.int32(x, StepRow.file), StepRow.int32(y, StepRow.file))
                if fx != fy { return fx < fy }
                return StepRow.int64(x, StepRow.line) < StepRow.int64(y, StepRow.line)
            }
            var i = 0
            while i < starts.count {
                let first = base + starts[i]
                let id = StepRow.id(first)
                var j = i + 1
                while j < starts.count {
                    let other = StepRow.id(base + starts[j])
                    guard sameBytes(other, id) else { break }
                    j += 1
                }
                var history = DossierHistory(id: String(decoding: id, as: UTF8.self), steps: [])
                history.steps.reserveCapacity(j - i)
                for k in i..<j {
                    let row = base + starts[k]
                    history.steps.append(StepRow.step(row))
                    let procedure = Int(StepRow.int32(row, StepRow.procedure))
                    if history.procedure == nil, procedure != 0 {
                        history.procedure = tables.tables[StepNameTables.procedure].string(procedure)
                    }
                    let agency = Int(StepRow.int32(row, StepRow.agency))
                    if history.agency == nil, agency != 0 {
                        history.agency = tables.tables[StepNameTables.agency].string(agency)
                    }
                    let channel = row.load(fromByteOffset: StepRow.channel, as: UInt8.self)
                    if history.channel == nil, channel != 0 { history.channel = channel }
                }
                i = j
                if let (contradiction, index) = StepContradiction.first(in: history) {
                    let step = history.steps[index]
                    outcome.contradictions.append(
                        (
                            step.file, step.line,
                            IngestError(
                                file: files[Int(step.file)], line: Int(step.line), column: 0, field: "MaHoSo",
                                text: history.id, rule: .contradictoryHistory(contradiction))
                        ))
                    continue
                }
                outcome.steps += history.steps.count
                outcome.dossiers += 1
                outcome.latestStep = max(outcome.latestStep, history.latestStepSeconds)
                consumer.consume(history)
            }
        }
    }
}

/// Keeps every history (`StepLog.histories`).
struct HistoryList: HistoryConsumer {
    var histories: [DossierHistory] = []
    mutating func consume(_ history: DossierHistory) { histories.append(history) }
    mutating func merge(_ later: consuming HistoryList) { histories += later.histories }
}

@inline(__always)
private func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}
