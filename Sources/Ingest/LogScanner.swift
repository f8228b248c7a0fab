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
/// batch is read in two parallel phases: first every piece counts its quotes and line ends,
/// which gives the quoting state and line number at each piece's start; then every piece parses
/// the records that start inside it. A record cut by the end of a batch is carried into the next.
/// Memory is bounded by the batch size, whatever the file size.
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
        switch options.dedupe {
        case .detect:
            var run = ScanRun(
                options: options, rejects: rejects, collectFingerprints: true,
                sources: InputSources(forTwoPasses: false))
            let buckets = FingerprintBuckets(lanes: options.workers)
            run.fingerprintBuckets = buckets
            let consumer = try run.scan(files: files, makeConsumer: makeConsumer)
            var summary = run.summary
            summary.duplicates = buckets.repeats(workers: options.workers)
            try rejects?.close()
            return (consumer, summary)
        case .last:
            // Pass 1 finds which fingerprints repeat and where each one last occurs; pass 2
            // parses the same bytes again (a pipe from a temporary copy) and hands over only
            // those last occurrences.
            let sources = InputSources(forTwoPasses: true)
            var first = ScanRun(options: options, rejects: nil, collectFingerprints: true, sources: sources)
            _ = try first.scan(files: files, makeConsumer: { NullConsumer() })
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
    var columnFields: [DossierField?]
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

    init(options: ScanOptions, rejects: RejectsWriter?, collectFingerprints: Bool, sources: InputSources) {
        self.options = options
        self.rejects = rejects
        self.collectFingerprints = collectFingerprints
        self.sources = sources
        dateCaches = (0..<options.workers).map { _ in DateCache() }
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
        defer { for cache in dateCaches { cache.deallocate() } }
        var merged = makeConsumer()
        // Order-insensitive consumers: one per worker lane for the whole run.
        var lanes: [C]? = C.foldsInAnyOrder ? (0..<options.workers).map { _ in makeConsumer() } : nil
        for (index, path) in files.enumerated() {
            try scanFile(path, index: index, into: &merged, lanes: &lanes, makeConsumer: makeConsumer)
        }
        for lane in lanes ?? [] { merged.merge(lane) }
        return merged
    }

    private mutating func scanFile<C: RecordConsumer>(
        _ path: String, index: Int, into merged: inout C, lanes: inout [C]?, makeConsumer: () -> C
    )
        throws
    {
        let source = try sources.source(index, path: path)
        let format = options.format ?? InputFormat.implied(byPath: path) ?? .csv
        var fileSummary = InputSummary.FileSummary(path: path)
        let batchBytes = options.chunkSize * options.piecesPerBatch
        // The signature, the encoding and the checks that concern the whole file.
        var window = try InputWindow.openText(source, encoding: options.encoding, capacity: batchBytes, path: path)
        defer { window.close() }
        var bytes = window.bytes
        var begin = 0
        var line = 1
        var layout = FileLayout(format: format, columnFields: [])
        if format != .jsonl {
            var header: HeaderParse
            while true {
                header = try HeaderParse.parse(
                    UnsafeRawBufferPointer(rebasing: bytes[begin...]), delimiter: format == .tsv ? 0x09 : 0x2C,
                    atEnd: window.atEnd, file: path)
                if header.end != nil || window.atEnd { break }
                // A header longer than the batch: widen the window.
                try window.widen()
                bytes = window.bytes
            }
            guard let headerEnd = header.end else {
                throw IngestError(file: path, line: 1, column: 1, field: nil, text: nil, rule: .unbalancedQuote)
            }
            // Names that are not UTF-8 match none: say so first, and how to read the file.
            if let bad = UTF8Validation.firstInvalid(
                UnsafeRawBufferPointer(rebasing: bytes[begin..<begin + headerEnd])),
                (try? header.columnFields(file: path)) == nil
            {
                throw IngestError(
                    file: path, line: 1, column: 0, field: nil, text: nil, rule: .invalidUTF8,
                    byteOffset: window.offset + begin + bad)
            }
            layout.columnFields = try header.columnFields(file: path)
            line += header.newlines
            begin += headerEnd
        }
        var sawRecord = false
        while true {
            let atEnd = window.atEnd
            var (outcomes, consumers) = processBatch(
                window.bytes, begin: begin, firstLine: line, atEnd: atEnd, layout: layout, path: path,
                fileOffset: window.offset, lanes: &lanes, makeConsumer: makeConsumer)
            var carry: Int?
            for k in outcomes.indices {
                var outcome = outcomes[k]
                if let fatal = outcome.fatal { throw fatal }
                if lanes == nil { merged.merge(consumers.removeFirst()) }
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
            if atEnd {
                precondition(carry == nil, "no record can be cut at the end of the input")
                break
            }
            if let carry {
                // A record cut by the end of the window: the next window starts with it, larger
                // when the record alone fills the window.
                if carry == 0 { try window.widen() } else { try window.slide(to: carry) }
            } else {
                line = outcomes[outcomes.count - 1].carryLine
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

    /// Parses the records that start in `region[begin...]`, split into pieces processed in parallel.
    private func processBatch<C: RecordConsumer>(
        _ region: UnsafeRawBufferPointer, begin: Int, firstLine: Int, atEnd: Bool, layout: FileLayout, path: String,
        fileOffset: Int, lanes: inout [C]?, makeConsumer: () -> C
    ) -> ([PieceOutcome], [C]) {
        let length = region.count - begin
        let pieceCount = max(1, min(options.piecesPerBatch, (length + options.chunkSize - 1) / options.chunkSize))
        var starts = [Int](repeating: 0, count: pieceCount + 1)
        for k in 0...pieceCount { starts[k] = begin + min(length, k * options.chunkSize) }
        starts[pieceCount] = region.count
        let bounds = starts
        let regionShared = SendableRegion(region)
        // Phase A: quotes per piece give the quoting state at each piece's start.
        var inQuotes = [Bool](repeating: false, count: pieceCount)
        if layout.format != .jsonl && pieceCount > 1 {
            var parities = [Bool](repeating: false, count: pieceCount)
            parities.withUnsafeMutableBufferPointer { buffer in
                let shared = SendableBuffer(buffer)
                forEachIndex(pieceCount - 1, workers: options.workers) { k in
                    let piece = UnsafeRawBufferPointer(rebasing: regionShared.region[bounds[k]..<bounds[k + 1]])
                    shared.buffer[k] = ByteCounter.quotes(piece) & 1 == 1
                }
            }
            for k in 1..<pieceCount { inQuotes[k] = inQuotes[k - 1] != parities[k - 1] }
        }
        // Phase B: parse, each piece into its own consumer.
        var outcomes = [PieceOutcome](repeating: PieceOutcome(), count: pieceCount)
        // One consumer per piece, or the run's consumer of the lane that parses the piece.
        let perLane = lanes != nil
        var consumers: [C]
        if let runConsumers = lanes {
            // Moved out (not copied) so their tables stay uniquely referenced while they grow.
            lanes = nil
            consumers = runConsumers
        } else {
            consumers = (0..<pieceCount).map { _ in makeConsumer() }
        }
        let context = PieceContext(
            layout: layout, path: path, fileOffset: fileOffset, atEnd: atEnd, skipInvalid: options.skipInvalid,
            keepRejects: rejects != nil, collectFingerprints: collectFingerprints || replacement != nil,
            replacement: replacement, pieceIndexBase: acceptedPerPiece.count, fingerprintBuckets: fingerprintBuckets,
            dateCaches: dateCaches)
        let startStates = inQuotes
        outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
            consumers.withUnsafeMutableBufferPointer { consumerBuffer in
                let outcomeShared = SendableBuffer(outcomeBuffer)
                let consumerShared = SendableBuffer(consumerBuffer)
                forEachIndex(pieceCount, workers: options.workers) { k, lane in
                    let slot = perLane ? lane : k
                    PieceParser.parse(
                        regionShared.region, from: bounds[k], to: bounds[k + 1], inQuotes: startStates[k],
                        pieceIndex: k, lane: lane,
                        context: context, outcome: &outcomeShared.buffer[k]
                    ) { record in consumerShared.buffer[slot].consume(&record) }
                }
            }
        }
        // Line numbers: each piece counted its own line ends, so they add up in order.
        var line = firstLine
        for k in 0..<pieceCount {
            if let fatal = outcomes[k].fatal { outcomes[k].fatal?.line = fatal.line + line }
            for r in outcomes[k].rejects.indices { outcomes[k].rejects[r].line += line }
            if outcomes[k].carryFrom != nil { outcomes[k].carryLine += line }
            line += outcomes[k].newlinesPassed
        }
        if outcomes[pieceCount - 1].carryFrom == nil { outcomes[pieceCount - 1].carryLine = line }
        if perLane {
            lanes = consumers
            return (outcomes, [])
        }
        return (outcomes, consumers)
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
    var fileOffset: Int
    var atEnd: Bool
    var skipInvalid: Bool
    var keepRejects: Bool
    var collectFingerprints: Bool
    var replacement: Replacement?
    var pieceIndexBase: Int
    var fingerprintBuckets: FingerprintBuckets?
    /// One per worker lane, warm across pieces.
    var dateCaches: [DateCache]
}
