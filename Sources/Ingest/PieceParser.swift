import Records

#if canImport(Glibc)
    import Glibc
#endif

/// Where a piece's first record starts.
enum PieceStart {
    /// Known: the previous piece's last record ends there (at or past the piece's end: none).
    case exact(Int)
    /// Guessed from the quotes counted before the piece (CSV and TSV): the first line end
    /// outside quotes.
    case afterLineEnd(inQuotes: Bool)
    /// Guessed without counting: the first line end, as if no quoted field held one. Always
    /// right in JSONL and in a CSV log without line breaks inside fields, whatever its quotes.
    case afterAnyLineEnd
}

/// Parses the records that start inside one piece of a batch.
enum PieceParser {
    /// Lines in the outcome count from 0 at the piece's first record; the batch adds the base.
    /// `slot` picks the piece's days tally when the context keeps one per piece.
    static func parse(
        _ region: UnsafeRawBufferPointer, from: Int, to: Int, start: PieceStart, pieceIndex: Int, slot: Int,
        lane: Int, context: PieceContext,
        outcome: inout PieceOutcome, consume: (inout DossierRecord) -> Void
    ) {
        var line = 0
        defer { outcome.newlinesPassed = line }
        let first: Int?
        switch start {
        case .exact(let position): first = position < to ? position : nil
        case .afterLineEnd(let inQuotes):
            first = firstRecordStart(region, from: from, to: to, inQuotes: inQuotes)
        case .afterAnyLineEnd:
            first = firstLineStart(region, from: from, to: to)
        }
        outcome.firstStart = first
        guard let p = first else { return }
        let format = context.layout.format
        if format == .jsonl {
            var parser = JSONLRecordParser(
                dates: context.dateCaches[lane], kind: context.kind, statuses: context.stepStatuses)
            defer { parser.deallocate() }
            parseRecords(
                &parser, region, from: p, to: to, pieceIndex: pieceIndex, slot: slot, lane: lane, context: context,
                outcome: &outcome, line: &line, consume: consume)
        } else {
            var parser = CSVRecordParser(
                delimiter: context.layout.delimiter, columnFields: context.layout.columnFields,
                maxRecordBytes: context.maxRecordBytes, dates: context.dateCaches[lane], kind: context.kind,
                statuses: context.stepStatuses, textKeys: context.textKeys[lane], plan: context.layout.plan)
            defer { parser.deallocate() }
            parseRecords(
                &parser, region, from: p, to: to, pieceIndex: pieceIndex, slot: slot, lane: lane, context: context,
                outcome: &outcome, line: &line, consume: consume)
        }
    }

    /// The records from `start` (a record start) to the first record start at or after `to`.
    @inline(__always)
    private static func parseRecords<Parser: RecordParser>(
        _ parser: inout Parser, _ region: UnsafeRawBufferPointer, from start: Int, to: Int, pieceIndex: Int,
        slot: Int, lane: Int, context: PieceContext, outcome: inout PieceOutcome, line lineOut: inout Int,
        consume: (inout DossierRecord) -> Void
    ) {
        // Counted in a local, stored once: an inout is memory, read and written each record.
        var line = lineOut
        defer { lineOut = line }
        var p = start
        var record = DossierRecord()
        record.pauses.reserveCapacity(8)
        var acceptedHere = 0
        // None when the second pass of `--dedupe last` finds more pieces than the first (the file
        // changed in between): the scan then reports the change.
        let pieceBase = context.replacement.flatMap {
            context.pieceIndexBase + pieceIndex < $0.pieceBases.count
                ? $0.pieceBases[context.pieceIndexBase + pieceIndex] : nil
        }
        // Out of the loop: reading them from `context` per record retained and released them.
        let replacement = context.replacement
        let buckets = context.fingerprintBuckets?.buckets(lane: lane)
        let collectFingerprints = context.collectFingerprints
        // A reading without the log's time span counts received days to find it; one with it
        // rejects the records beyond it.
        let tally = context.tallies[context.talliesPerPiece ? slot : lane]
        // Counted in a register, added once (`reject` adds its own).
        var accepted = 0
        defer {
            outcome.next = p
            outcome.records += accepted
        }
        while p < to {
            let end: Int
            let newlines: Int
            if let typicalEnd = parser.parseTypical(region, at: p, into: &record) {
                end = typicalEnd
                newlines = 1
            } else {
                switch parser.parseAny(region, at: p, atEnd: context.atEnd, into: &record) {
                case .blank(let blankEnd):
                    line += 1
                    p = blankEnd
                    continue
                case .incomplete:
                    outcome.carryFrom = p
                    outcome.carryLine = line
                    return
                case .record(let recordEnd, let recordNewlines):
                    end = recordEnd
                    newlines = recordNewlines
                case .invalid(_, _, let rule, let field, let offset):
                    // Whatever broke, the record is its first line: the next line is read afresh.
                    let lineFeed = memchr(region.baseAddress! + p, 0x0A, region.count - p)
                    let lineEnd = lineFeed.map { region.baseAddress!.distance(to: UnsafeRawPointer($0)) + 1 }
                    guard let end = lineEnd ?? (context.atEnd || !context.skipInvalid ? region.count : nil) else {
                        outcome.carryFrom = p
                        outcome.carryLine = line
                        return
                    }
                    if !reject(
                        region, from: p, to: end, line: line, offset: offset, rule: rule, field: field,
                        context: context, outcome: &outcome)
                    {
                        return
                    }
                    line += lineEnd == nil ? 0 : 1
                    p = end
                    continue
                }
            }
            if tally.note(&record), let span = context.timeSpan,
                let field = LogTimeSpan.fieldBeyond(span.limit, in: record)
            {
                let offset = FieldPosition.offset(of: field, in: region, from: p, to: end, layout: context.layout)
                if !reject(
                    region, from: p, to: end, line: line, offset: offset, rule: span.rule, field: field,
                    context: context, outcome: &outcome)
                {
                    return
                }
                line += newlines
                p = end
                continue
            }
            accepted &+= 1
            if collectFingerprints {
                let fingerprint = Fingerprint.of(record.id)
                if let replacement, let base = pieceBase {
                    let index = base + acceptedHere
                    acceptedHere += 1
                    if let last = replacement.lastIndex[fingerprint], last != index {
                        outcome.replaced += 1
                        line += newlines
                        p = end
                        continue
                    }
                } else if let buckets {
                    buckets[Int(fingerprint >> 56)].append(fingerprint)
                } else {
                    outcome.fingerprints.append(fingerprint)
                }
            }
            record.pieceLine = line
            consume(&record)
            line &+= newlines
            p = end
        }
    }

    /// Counts the invalid record starting at `from` and keeps `region[from..<to]` (its first
    /// line, or the whole record when its form was valid) for `--rejects`; false when it stops
    /// the run (no `--skip-invalid`), with the error in `outcome.fatal`. The fault at `offset`
    /// may lie past `to`, on a later line of the record.
    private static func reject(
        _ region: UnsafeRawBufferPointer, from: Int, to: Int, line: Int, offset: Int, rule: IngestRule,
        field: DossierField?, context: PieceContext, outcome: inout PieceOutcome
    ) -> Bool {
        outcome.records += 1
        outcome.rejected += 1
        let error = makeError(
            region, recordStart: from, recordEnd: region.count, line: line, offset: offset, rule: rule, field: field,
            context: context)
        if !context.skipInvalid {
            outcome.fatal = error
            return false
        }
        if context.keepRejects {
            // Where the error without `--skip-invalid` would say, and the line the text is from.
            outcome.rejects.append(
                RejectedRecord(
                    file: context.path, line: error.line, column: error.column, reason: error.message,
                    recordLine: line, text: Array(region[from..<to])))
        }
        return true
    }

    /// The first record start at or after `from` when the quoting state there is `inQuotes`,
    /// nil when no record starts before `to`. The line ends skipped belong to the previous
    /// piece's last record, which counts them.
    private static func firstRecordStart(
        _ region: UnsafeRawBufferPointer, from: Int, to: Int, inQuotes: Bool
    ) -> Int? {
        if !inQuotes && from > 0 && region[from - 1] == 0x0A { return from }
        var quoted = inQuotes
        var q = from
        while q < to {
            let b = region[q]
            if b == 0x22 {
                quoted.toggle()
            } else if b == 0x0A && !quoted {
                // A record starting at `to` is the next piece's.
                return q + 1 < to ? q + 1 : nil
            }
            q += 1
        }
        return nil
    }

    /// The first line start at or after `from`, nil when none lies before `to`.
    private static func firstLineStart(_ region: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        if from > 0 && region[from - 1] == 0x0A { return from }
        guard from < to, let lineFeed = memchr(region.baseAddress! + from, 0x0A, to - from) else { return nil }
        let start = region.baseAddress!.distance(to: UnsafeRawPointer(lineFeed)) + 1
        return start < to ? start : nil
    }

    private static func makeError(
        _ region: UnsafeRawBufferPointer, recordStart: Int, recordEnd: Int, line: Int, offset: Int, rule: IngestRule,
        field: DossierField?, context: PieceContext
    ) -> IngestError {
        var faultLine = line
        var lineStart = recordStart
        var i = recordStart
        var at = min(max(offset, recordStart), recordEnd)
        var byteOffset: Int?
        if rule == .invalidUTF8 {
            // The fault's offset is where its field starts: find the byte itself.
            let rest = UnsafeRawBufferPointer(rebasing: region[at..<recordEnd])
            at += UTF8Validation.firstInvalid(rest) ?? 0
            byteOffset = context.fileOffset + at
        }
        while i < at {
            if region[i] == 0x0A {
                faultLine += 1
                lineStart = i + 1
            }
            i += 1
        }
        // Column in characters: count UTF-8 lead bytes.
        var column = 1
        for j in lineStart..<at where region[j] & 0xC0 != 0x80 { column += 1 }
        var textEnd = at
        let delimiter = context.layout.delimiter
        let stopAtDelimiter = context.layout.format != .jsonl && at < recordEnd && region[at] != 0x22
        if context.layout.format == .jsonl && at < recordEnd && region[at] == 0x22 {
            // A JSON string: up to its closing quote.
            textEnd = at + 1
            while textEnd < recordEnd, textEnd - at < 120, region[textEnd] != 0x22, region[textEnd] != 0x0A {
                textEnd += region[textEnd] == 0x5C ? 2 : 1
            }
            textEnd = min(textEnd + 1, recordEnd)
        } else {
            while textEnd < recordEnd, textEnd - at < 120, region[textEnd] != 0x0A, region[textEnd] != 0x0D,
                !(stopAtDelimiter && region[textEnd] == delimiter)
            {
                textEnd += 1
            }
        }
        let text = IngestError.shorten(UnsafeRawBufferPointer(rebasing: region[at..<textEnd]))
        return IngestError(
            file: context.path, line: faultLine, column: column, field: field?.name, text: text.isEmpty ? nil : text,
            rule: rule, byteOffset: byteOffset)
    }
}
