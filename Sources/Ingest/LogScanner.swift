import CivilTime
import Dispatch
import Records
import _ParallelSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Reads dossier logs in bounded batches, splits each batch into pieces at record boundaries,
/// parses the pieces on all workers, and merges the pieces' consumers in log order.
///
/// Record boundaries in CSV depend on quoting (a quoted field may hold a newline), so each
/// piece guesses where its first record starts (at its first line end; from its quotes once a
/// batch of the file proved that wrong), parses the records that start there, and counts its line
/// ends; the pieces are then checked in log order, and a wrong one parsed again from the right
/// start (`processBatch`). A record cut by the end of a batch is carried into the next. Memory
/// is bounded by the batch size, whatever the file size.
public enum LogScanner {
    /// Scans `files` as one log.
    /// - Returns: the merged consumer and what was read.
    /// - Throws: `InputFileError` for unreadable files, `IngestError` for the first invalid record
    ///   (unless `skipInvalid`) or a file that is empty, binary or header-only.
    public static func scan<C: RecordConsumer>(
        files: [String], options: ScanOptions, makeConsumer: () -> C
    ) throws -> (C, InputSummary) {
        precondition(options.workers >= 1 && options.chunkSize >= 1 && options.piecesPerBatch >= 1)
        let rejects = try options.rejectsPath.map { try RejectsWriter(path: $0) }
        if options.kind == .steps {
            // A dossier's steps share its `MaHoSo` by design: there are no duplicates to find.
            var run = ScanRun(options: options, rejects: rejects, collectFingerprints: false)
            let consumer = try run.scan(files: files, makeConsumer: makeConsumer)
            try rejects?.close()
            return (consumer, run.summary)
        }
        switch options.dedupe {
        case .detect:
            var writer = rejects
            // A pipe is copied as it is read, so that the time-span rule's second reading, when a
            // record needs it, reads the same bytes; files are read again from disk.
            let sources = InputSources(forTwoPasses: files.contains { !InputSource.isRereadable(path: $0) })
            var run = ScanRun(options: options, rejects: writer, collectFingerprints: true, sources: sources)
            var buckets = FingerprintBuckets(lanes: options.workers)
            run.fingerprintBuckets = buckets
            var consumer = try run.scan(files: files, makeConsumer: makeConsumer)
            if let span = run.spanToEnforce() {
                // Records beyond the log's time span were counted: read again without them.
                writer = try writer?.restarted()
                var again = ScanRun(options: options, rejects: writer, collectFingerprints: true, sources: sources)
                again.timeSpan = span
                buckets = FingerprintBuckets(lanes: options.workers)
                again.fingerprintBuckets = buckets
                consumer = try again.scan(files: files, makeConsumer: makeConsumer)
                run = again
            }
            var summary = run.summary
            summary.duplicates = buckets.repeats(workers: options.workers)
            try writer?.close()
            return (consumer, summary)
        case .last:
            // Pass 1 finds which fingerprints repeat and where each one last occurs; pass 2
            // parses the same bytes again (a pipe from a temporary copy) and hands over only
            // those last occurrences.
            let sources = InputSources(forTwoPasses: true)
            var first = ScanRun(options: options, rejects: nil, collectFingerprints: true, sources: sources)
            first.pass = (1, 2)
            _ = try first.scan(files: files, makeConsumer: { NullConsumer() })
            let span = first.spanToEnforce()
            if let span {
                first = ScanRun(options: options, rejects: nil, collectFingerprints: true, sources: sources)
                first.pass = (1, 2)
                first.timeSpan = span
                _ = try first.scan(files: files, makeConsumer: { NullConsumer() })
            }
            var sorted = first.fingerprints
            Fingerprint.sortInPlace(&sorted, workers: options.workers)
            var repeated = Set<UInt64>()
            var i = 1
            while i < sorted.count {
                if sorted[i] == sorted[i - 1] { repeated.insert(sorted[i]) }
                i += 1
            }
            let duplicates = Fingerprint.repeats(inSorted: sorted)
            sorted = []
            var lastIndex: [UInt64: Int] = [:]
            for (index, fingerprint) in first.fingerprints.enumerated() where repeated.contains(fingerprint) {
                lastIndex[fingerprint] = index
            }
            var second = ScanRun(options: options, rejects: rejects, collectFingerprints: false, sources: sources)
            second.pass = (2, 2)
            second.timeSpan = span
            second.replacement = Replacement(
                lastIndex: lastIndex, pieceBases: first.pieceAcceptedBases(), firstPassFiles: first.summary.files)
            let consumer = try second.scan(files: files, makeConsumer: makeConsumer)
            var summary = second.summary
            summary.duplicates = duplicates
            try rejects?.close()
            return (consumer, summary)
        }
    }
}

/// A consumer that keeps nothing (the first pass of `--dedupe last`).
struct NullConsumer: RecordConsumer {
    mutating func consume(_ record: inout DossierRecord) {}
    mutating func merge(_ later: consuming NullConsumer) {}
}

/// Which records `--dedupe last` leaves out: all but the last occurrence of a repeated id.
struct Replacement: @unchecked Sendable {
    var lastIndex: [UInt64: Int]
    /// For each piece (in scan order), the log-wide index of its first accepted record.
    var pieceBases: [Int]
    /// What the first pass read of each file: the second must read the same.
    var firstPassFiles: [InputSummary.FileSummary]
}

/// The layout of one file: how its records are encoded.
struct FileLayout: @unchecked Sendable {
    var format: InputFormat
    /// The field separator (CSV and TSV).
    var delimiter: UInt8
    var columnFields: [DossierField?]
    /// The clean path's plan of these columns (CSV and TSV), built once for the file: each
    /// piece's parser reads it (building it cost some 20,000 instructions a piece).
    var plan: CleanColumnPlan?
}

/// One piece's outcome, apart from its consumer. Line numbers inside are relative to the
/// piece's first record until the batch fixes them up.
struct PieceOutcome {
    var fingerprints: [UInt64] = []
    var records = 0
    var rejected = 0
    var replaced = 0
    var rejects: [RejectedRecord] = []
    var fatal: IngestError?
    /// Start of a record cut by the end of the batch, and its line.
    var carryFrom: Int?
    var carryLine = 0
    /// Line ends from the piece's first record start to where its last record ends.
    var newlinesPassed = 0
    /// Where the piece's first record starts, nil when none starts in it.
    var firstStart: Int?
    /// Where the record after the piece's last one starts (at or past the piece's end), unless
    /// the piece carries a record or stopped at an error.
    var next = 0
}

struct ScanRun {
    let options: ScanOptions
    let rejects: RejectsWriter?
    let collectFingerprints: Bool
    let sources: InputSources
    var replacement: Replacement?
    var summary = InputSummary()
    var fingerprints: [UInt64] = []
    /// Where the workers file fingerprints when their order does not matter (duplicates are
    /// only counted); otherwise they come back in log order in `fingerprints`.
    var fingerprintBuckets: FingerprintBuckets?
    /// Accepted records per piece, in scan order.
    var acceptedPerPiece: [Int] = []
    /// Each worker lane's date cache, kept warm across pieces and batches.
    let dateCaches: [DateCache]
    /// Each worker lane's text keys, for the whole scan.
    let textKeys: [TextKeyTable]
    /// For `options.progress`: which pass this is, and the bytes of the files done before this one.
    var pass = (number: 1, of: 1)
    var bytesBeforeFile = 0
    /// The log's time span when known (a second reading): records beyond it are invalid.
    var timeSpan: TimeSpanCheck?
    /// Each lane's received days and latest timestamp, to find the span (`LogTimeSpan`); while
    /// a reading lasts.
    var tallies: [ReceivedTally] = []
    /// The tallies as each batch of a first reading starts, for a batch parsed again.
    var savedTallies: [ReceivedTally] = []
    /// The tallies summed when the reading is done: received days and the latest timestamp.
    var receivedDays: [Int: Int] = [:]
    var latestSeconds = Int64.min
    /// The file offset of the batch being parsed, for errors that name a byte.
    var batchFileOffset = 0
    /// The index among the inputs of the file being parsed.
    var fileIndex = 0
    /// A batch of the file being parsed started a piece inside a quoted line break: its later
    /// batches count their quotes before they parse (`processBatch`).
    var countsQuotesFirst = false

    init(
        options: ScanOptions, rejects: RejectsWriter?, collectFingerprints: Bool,
        sources: InputSources = InputSources(forTwoPasses: false)
    ) {
        self.options = options
        self.rejects = rejects
        self.collectFingerprints = collectFingerprints
        self.sources = sources
        dateCaches = (0..<options.workers).map { _ in DateCache() }
        textKeys = (0..<options.workers).map { _ in TextKeyTable() }
    }

    /// After a reading without a span: the span when some accepted record lies beyond it, nil
    /// when every record is within (nearly always) or there is no rule.
    func spanToEnforce() -> TimeSpanCheck? {
        guard timeSpan == nil, let reference = LogTimeSpan.referenceDay(receivedDays),
            let limit = LogTimeSpan.limit(referenceDay: reference), latestSeconds >= limit.seconds
        else { return nil }
        let check = TimeSpanCheck(
            limit: limit, rule: .outsideLogSpan(reference: CivilDate(dayNumber: reference), limit: limit.date))
        // (Sources with a pipe keep a copy of it: every file can be read again.)
        return check
    }

    func pieceAcceptedBases() -> [Int] {
        var bases: [Int] = []
        bases.reserveCapacity(acceptedPerPiece.count)
        var total = 0
        for n in acceptedPerPiece {
            bases.append(total)
            total += n
        }
        return bases
    }

    mutating func scan<C: RecordConsumer>(files: [String], makeConsumer: () -> C) throws -> C {
        defer {
            for cache in dateCaches { cache.deallocate() }
            for table in textKeys { table.deallocate() }
        }
        tallies = (0..<options.workers).map { _ in ReceivedTally(limit: timeSpan?.limit) }
        savedTallies = timeSpan == nil ? (0..<options.workers).map { _ in ReceivedTally(limit: nil) } : []
        defer {
            for saved in savedTallies { saved.deallocate() }
            savedTallies = []
            for tally in tallies {
                if timeSpan == nil {
                    tally.add(to: &receivedDays)
                    latestSeconds = max(latestSeconds, tally.latestSeconds)
                }
                tally.deallocate()
            }
            tallies = []
        }
        var merged = makeConsumer()
        for (index, path) in files.enumerated() {
            try scanFile(path, index: index, into: &merged, makeConsumer: makeConsumer)
        }
        return merged
    }

    private mutating func scanFile<C: RecordConsumer>(
        _ path: String, index: Int, into merged: inout C, makeConsumer: () -> C
    )
        throws
    {
        let source = try sources.source(index, path: path)
        let format = options.format ?? InputFormat.implied(byPath: path) ?? .csv
        var fileSummary = InputSummary.FileSummary(path: path)
        fileIndex = index
        countsQuotesFirst = false
        let batchBytes = options.chunkSize * options.piecesPerBatch
        // The signature, the encoding and the checks that concern the whole file.
        var window: any InputWindow = try openTextWindow(
            source, encoding: options.encoding, capacity: batchBytes, path: path)
        defer { window.close() }
        var bytes = window.bytes
        var begin = 0
        var line = 1
        var layout = FileLayout(format: format, delimiter: format == .tsv ? 0x09 : 0x2C, columnFields: [])
        defer { layout.plan?.deallocate() }
        if format != .jsonl {
            // The header's line end tells whether lines end with CR alone (read as LF).
            var crOnly = CROnlyWindow.endsLinesWithCR(
                UnsafeRawBufferPointer(rebasing: bytes[begin...]), atEnd: window.atEnd)
            while crOnly == nil {
                try window.widen()
                bytes = window.bytes
                crOnly = CROnlyWindow.endsLinesWithCR(
                    UnsafeRawBufferPointer(rebasing: bytes[begin...]), atEnd: window.atEnd)
            }
            if crOnly == true {
                window = try CROnlyWindow(wrapping: window)
                bytes = window.bytes
            }
            var header: HeaderParse
            while true {
                header = try HeaderParse.parse(
                    UnsafeRawBufferPointer(rebasing: bytes[begin...]), delimiter: options.delimiter,
                    preferred: layout.delimiter, mapping: options.columnMapping, atEnd: window.atEnd, file: path,
                    kind: options.kind)
                if header.end != nil || window.atEnd { break }
                // A header longer than the batch: widen the window.
                try window.widen()
                bytes = window.bytes
            }
            guard let headerEnd = header.end else {
                throw IngestError(file: path, line: 1, column: 1, field: nil, text: nil, rule: .unbalancedQuote)
            }
            layout.delimiter = header.delimiter
            // Names that are not UTF-8 match none: say so first, and how to read the file.
            if let bad = UTF8Validation.firstInvalid(
                UnsafeRawBufferPointer(rebasing: bytes[begin..<begin + headerEnd])),
                (try? header.columnFields(file: path, mapping: options.columnMapping, kind: options.kind)) == nil
            {
                throw IngestError(
                    file: path, line: 1, column: 0, field: nil, text: nil, rule: .invalidUTF8,
                    byteOffset: window.offset + begin + bad)
            }
            layout.columnFields = try header.columnFields(
                file: path, mapping: options.columnMapping, kind: options.kind)
            layout.plan = CleanColumnPlan(columnFields: layout.columnFields, delimiter: layout.delimiter)
            line += header.newlines
            begin += headerEnd
        }
        var sawRecord = false
        // Bytes of the file the window has moved past, for the progress line.
        var slid = 0
        while true {
            let atEnd = window.atEnd
            batchFileOffset = window.offset
            let (outcomes, consumers) = processBatch(
                window.bytes, begin: begin, firstLine: line, atEnd: atEnd, layout: layout, path: path,
                passedPages: window.takePagesPassed(), makeConsumer: makeConsumer)
            var carry: Int?
            for k in outcomes.indices {
                var outcome = outcomes[k]
                if let fatal = outcome.fatal { throw fatal }
                fileSummary.records += outcome.records
                fileSummary.rejected += outcome.rejected
                summary.replaced += outcome.replaced
                acceptedPerPiece.append(outcome.records - outcome.rejected)
                if collectFingerprints && fingerprintBuckets == nil {
                    fingerprints.append(contentsOf: outcome.fingerprints)
                }
                if let writer = rejects, !outcome.rejects.isEmpty { try writer.write(outcome.rejects) }
                outcome.rejects = []
                if let from = outcome.carryFrom, carry == nil {
                    carry = from
                    line = outcome.carryLine
                }
                if outcome.records > 0 { sawRecord = true }
            }
            for consumer in consumers { merged.merge(consumer) }
            if let progress = options.progress {
                let read = atEnd ? window.bytes.count : carry ?? window.bytes.count
                progress(
                    ScanProgress(
                        bytes: bytesBeforeFile + slid + read, records: summary.records + fileSummary.records,
                        pass: pass.number, passes: pass.of))
            }
            if atEnd {
                precondition(carry == nil, "no record can be cut at the end of the input")
                bytesBeforeFile += slid + window.bytes.count
                break
            }
            if let carry {
                // A record cut by the end of the window: the next window starts with it, larger
                // when the record alone fills the window.
                if carry == 0 { try window.widen() } else { try window.slide(to: carry) }
                slid += carry
            } else {
                line = outcomes[outcomes.count - 1].carryLine
                slid += window.bytes.count
                try window.slide(to: window.bytes.count)
            }
            begin = 0
        }
        if !sawRecord && format != .jsonl {
            throw IngestError(file: path, line: line, column: 0, field: nil, text: nil, rule: .headerOnly)
        }
        if !sawRecord {
            throw IngestError(file: path, line: 0, column: 0, field: nil, text: nil, rule: .emptyFile)
        }
        if let expected = replacement?.firstPassFiles, index >= expected.count || expected[index] != fileSummary {
            throw InputFileError(
                file: path,
                reason:
                    "changed between the two passes of --dedupe last (records differ): another program is writing it; read it once it is done, or read a copy"
            )
        }
        summary.records += fileSummary.records
        summary.rejected += fileSummary.rejected
        summary.files.append(fileSummary)
    }
}

struct SendableRegion: @unchecked Sendable {
    let region: UnsafeRawBufferPointer
    init(_ region: UnsafeRawBufferPointer) { self.region = region }
}

/// What every piece of a batch shares.
struct PieceContext: @unchecked Sendable {
    var layout: FileLayout
    var path: String
    /// The offset of the batch's first byte in the file.
    var fileOffset = 0
    var atEnd: Bool
    var skipInvalid: Bool
    var maxRecordBytes: Int
    var keepRejects: Bool
    var collectFingerprints: Bool
    var replacement: Replacement?
    var pieceIndexBase: Int
    var fingerprintBuckets: FingerprintBuckets?
    /// One per worker lane, warm across pieces.
    var dateCaches: [DateCache]
    /// One per worker lane, for the whole scan.
    var textKeys: [TextKeyTable]
    /// One per worker lane (or, `talliesPerPiece`, per piece): the received days, and the log's
    /// time span when it is known.
    var tallies: [ReceivedTally]
    var talliesPerPiece = false
    var timeSpan: TimeSpanCheck?
    var kind: LogKind = .dossiers
    var stepStatuses = StepStatusMap.dvcqg
}

/// The log's time span on a second reading: the first instant outside, and the rule broken.
struct TimeSpanCheck: @unchecked Sendable {
    var limit: Timestamp
    var rule: IngestRule
}
