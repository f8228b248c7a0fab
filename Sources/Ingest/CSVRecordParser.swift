import Records

#if canImport(Glibc)
    import Glibc
#endif

/// Where a field of the current record lies in the buffer.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted and holds doubled quotes that need unescaping.
    var hasEscapes: Bool
}

/// What parsing one record found.
enum RecordParse {
    /// A record from `start` up to `end` (exclusive, past its line end), `newlines` line ends inside.
    case record(end: Int, newlines: Int)
    /// An empty line: not a record.
    case blank(end: Int)
    /// The buffer ends inside the record and more input follows.
    case incomplete
    /// A bad record spanning up to `end`; `offset` is where the fault is.
    case invalid(end: Int, newlines: Int, rule: IngestRule, field: DossierField?, offset: Int)
}

/// Parses CSV or TSV records (RFC 4180 quoting, LF or CRLF) straight from bytes into
/// `DossierRecord`s, allocating nothing per record once warm.
struct CSVRecordParser {
    let delimiter: UInt8
    /// For each column of the header, the field it feeds, or nil when ignored.
    let columnFields: [DossierField?]
    private let statusColumn: Int?
    /// `columnFields` in raw storage, read per column by both paths without array overhead.
    let fields: UnsafeMutablePointer<DossierField?>
    /// How the clean path reads each column.
    let plan: CleanColumnPlan
    /// Bytes that end the fast scan of an unquoted field (delimiter, line feed, quote).
    private let stopTable: UnsafeMutablePointer<Bool>
    private let spans: UnsafeMutablePointer<FieldSpan>
    let columnCount: Int
    /// The longest record (bytes, line end included); a longer one is invalid, so one quote that
    /// never closes cannot swallow the rest of the file.
    let maxRecordBytes: Int
    /// Every stop byte is below 0x2D (`,` and tab), so `nextStop` can test eight bytes at once
    /// with one subtraction; `;` and `|` take exact byte matches instead.
    private let stopsBelowDash: Bool
    private let delimiterPattern: UInt64
    /// Off only in tests, which check that both paths agree.
    var triesCleanPath = true
    /// Unescaped copies of quoted fields with doubled quotes, kept until the next record.
    private var scratch: UnsafeMutableRawBufferPointer
    var scratchUsed = 0

    /// Dossier rows or step rows: which rules a complete record must follow.
    let kind: LogKind
    /// How a step row's `TrangThai` reads.
    let statuses: StepStatusMap

    /// - Parameters:
    ///   - dates: a cache the caller keeps (and frees); by default the parser has its own.
    ///   - textKeys: the same for the text keys of the clean path.
    ///   - plan: the same for the clean path's plan, built from these `columnFields` and
    ///     `delimiter`.
    init(
        delimiter: UInt8, columnFields: [DossierField?], maxRecordBytes: Int = ScanOptions.defaultMaxRecordBytes,
        dates: DateCache? = nil, kind: LogKind = .dossiers, statuses: StepStatusMap = .dvcqg,
        textKeys: TextKeyTable? = nil, plan: CleanColumnPlan? = nil
    ) {
        self.kind = kind
        self.statuses = statuses
        // The clean path knows the dossier columns only; step rows take the general path.
        triesCleanPath = kind == .dossiers
        precondition(maxRecordBytes >= 1)
        // Capped so that a position plus the bound never overflows.
        self.maxRecordBytes = min(maxRecordBytes, 1 << 48)
        stopsBelowDash = delimiter < 0x2D
        delimiterPattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        self.dates = dates ?? DateCache()
        ownsDates = dates == nil
        self.textKeys = textKeys ?? TextKeyTable()
        ownsTextKeys = textKeys == nil
        self.delimiter = delimiter
        self.columnFields = columnFields
        statusColumn = columnFields.firstIndex(of: .status)
        stopTable = .allocate(capacity: 256)
        stopTable.initialize(repeating: false, count: 256)
        stopTable[Int(delimiter)] = true
        stopTable[Int(UInt8(ascii: "\n"))] = true
        stopTable[Int(UInt8(ascii: "\""))] = true
        columnCount = columnFields.count
        fields = .allocate(capacity: max(1, columnFields.count))
        fields.initialize(from: columnFields, count: columnFields.count)
        self.plan = plan ?? CleanColumnPlan(columnFields: columnFields, delimiter: delimiter)
        ownsPlan = plan == nil
        spans = .allocate(capacity: max(1, columnFields.count))
        spans.initialize(repeating: FieldSpan(start: 0, end: 0, hasEscapes: false), count: max(1, columnFields.count))
        scratch = .allocate(byteCount: 4096, alignment: 8)
    }

    /// Parses the record starting at `start` of `buffer` into `record`.
    ///
    /// A record as clean exports write it takes `parseClean`; any other (and every error) takes
    /// the general path, where each field is decoded as soon as its end is known and a fault found
    /// later in the record (quoting, field count) still takes precedence over a value's fault.
    /// - Parameter atEnd: no more input follows `buffer`.
    mutating func parse(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse {
        if let end = parseTypical(buffer, at: start, into: &record) { return .record(end: end, newlines: 1) }
        return parseAny(buffer, at: start, atEnd: atEnd, into: &record)
    }

    /// The clean path alone: the end of a record of the usual shape, nil for any other record.
    @inline(__always)
    mutating func parseTypical(
        _ buffer: UnsafeRawBufferPointer, at start: Int, into record: inout DossierRecord
    ) -> Int? {
        let n = buffer.count
        // The clean path reads no byte past the record's bound, so it accepts no longer record.
        let end = min(n, start &+ maxRecordBytes)
        // Both are offsets into one buffer: no overflow.
        guard triesCleanPath, start &+ cleanRoom <= end else { return nil }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return parseClean(base, at: start, limit: end - cleanRoom, into: &record)
    }

    /// The general path alone: any record, and every error.
    ///
    /// A fault of the record's shape (quoting, field count, length) ends the parse at once: the
    /// scanner rejects the record's first line whatever follows, so reading further would only
    /// let one stray quote decide where later records start. When such a fault follows a quoted
    /// field that ran past its line end, that field's opening quote is the fault: without it the
    /// first line would have ended the record.
    mutating func parseAny(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse {
        let count = buffer.count
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // The record may not run past `bound`; what lies past `n` is either nothing (the input
        // ends), bytes the record may not reach, or bytes still to come.
        let bound = start + maxRecordBytes
        let n = min(count, bound)
        let edge: Edge = atEnd && count <= bound ? .inputEnd : count >= bound ? .bound : .more
        var p = start
        var fieldIndex = 0
        var newlines = 0
        var valueFault: (field: DossierField, offset: Int)?
        /// The opening quote of the first quoted field that held a line end, and its column.
        var spanningQuote: (offset: Int, column: Int)?
        let columnCount = self.columnCount
        func shapeFault(_ rule: IngestRule, at offset: Int, column: Int) -> RecordParse {
            let (rule, offset, column) =
                spanningQuote.map { (IngestRule.unbalancedQuote, $0.offset, $0.column) }
                ?? (rule, offset, column)
            return .invalid(
                end: p, newlines: newlines, rule: rule, field: column < columnCount ? columnFields[column] : nil,
                offset: offset)
        }
        /// The parse reached `n` inside the record: wait for more input, or the record is too long.
        func cut() -> RecordParse {
            edge == .more
                ? .incomplete : shapeFault(.recordTooLong(limit: maxRecordBytes), at: start, column: columnCount)
        }
        // Blank line (LF or CRLF): not a record.
        if p < n, base[p] == 0x0A { return .blank(end: p + 1) }
        if p + 1 < n, base[p] == 0x0D, base[p + 1] == 0x0A { return .blank(end: p + 2) }
        // Any quoting, spacing and spelling, and the errors.
        record.reset()
        if kind == .steps { record.resetSteps() }
        scratchUsed = 0
        let recordEnd: Int
        let delimiter = self.delimiter
        while true {
            let fieldStart = p
            var span = FieldSpan(start: p, end: p, hasEscapes: false)
            let field = fieldIndex < columnCount ? fields[fieldIndex] : nil
            if p < n, base[p] == 0x22 {
                // Quoted field: runs to the matching quote; doubled quotes are escapes.
                p += 1
                span.start = p
                let linesBefore = newlines
                while true {
                    p = nextQuote(base, from: p, end: n, newlines: &newlines)
                    if p >= n {
                        if edge == .more { return .incomplete }
                        if newlines > linesBefore, spanningQuote == nil { spanningQuote = (fieldStart, fieldIndex) }
                        return shapeFault(.unbalancedQuote, at: fieldStart, column: fieldIndex)
                    }
                    if p + 1 < n, base[p + 1] == 0x22 {
                        span.hasEscapes = true
                        p += 2
                        continue
                    }
                    if p + 1 == n, edge != .inputEnd {
                        if newlines > linesBefore, spanningQuote == nil { spanningQuote = (fieldStart, fieldIndex) }
                        return cut()
                    }
                    span.end = p
                    p += 1
                    break
                }
                if newlines > linesBefore, spanningQuote == nil { spanningQuote = (fieldStart, fieldIndex) }
                // After the closing quote: a delimiter, a line end or the end of input.
                if p < n, base[p] == 0x0D {
                    if p + 1 < n {
                        if base[p + 1] != 0x0A {
                            return shapeFault(.textAfterClosingQuote, at: p, column: fieldIndex)
                        }
                    } else if edge != .inputEnd {
                        return cut()
                    }
                    p += 1
                } else if p < n, base[p] != delimiter, base[p] != 0x0A {
                    return shapeFault(.textAfterClosingQuote, at: p, column: fieldIndex)
                }
                if let field { decode(field, span, base, valueFault: &valueFault, into: &record) }
            } else {
                p = nextStop(base, from: p, end: n)
                if p < n, base[p] == 0x22 { return shapeFault(.quoteInUnquotedField, at: p, column: fieldIndex) }
                span.end = p
                if p < n, base[p] == 0x0A, span.end > span.start, base[span.end - 1] == 0x0D { span.end -= 1 }
                if p >= n && edge != .inputEnd { return cut() }
                if let field { decode(field, span, base, valueFault: &valueFault, into: &record) }
            }
            if fieldIndex < columnCount { spans[fieldIndex] = span }
            fieldIndex += 1
            if p >= n {
                if edge != .inputEnd { return cut() }
                recordEnd = n
                break
            }
            if base[p] == delimiter {
                p += 1
                continue
            }
            // A line end.
            newlines += 1
            recordEnd = p + 1
            break
        }
        if fieldIndex != columnCount {
            return shapeFault(
                .wrongFieldCount(expected: columnCount, found: fieldIndex), at: start, column: columnCount)
        }
        if let valueFault {
            let rule =
                valueFault.field == .stepStatus
                ? .unknownStepStatus(known: statuses.knownCodes) : FieldDecoder.rule(for: valueFault.field)
            return .invalid(
                end: recordEnd, newlines: newlines, rule: rule, field: valueFault.field, offset: valueFault.offset)
        }
        let hasStatus = statusColumn.map { fieldHasValue($0, base) } ?? false
        if let (rule, field) = FieldDecoder.validate(record, hasStatus: hasStatus, kind: kind) {
            let column = columnFields.firstIndex(of: field) ?? 0
            return .invalid(end: recordEnd, newlines: newlines, rule: rule, field: field, offset: spans[column].start)
        }
        return .record(end: recordEnd, newlines: newlines)
    }

    /// What lies past the bytes a record may use.
    private enum Edge {
        /// The input ends there.
        case inputEnd
        /// The record's length bound (`maxRecordBytes`).
        case bound
        /// More input, not read yet.
        case more
    }

    /// Decodes the field at `span` (general path), remembering the record's first value fault.
    @inline(__always)
    private mutating func decode(
        _ field: DossierField, _ span: FieldSpan, _ base: UnsafePointer<UInt8>,
        valueFault: inout (field: DossierField, offset: Int)?, into record: inout DossierRecord
    ) {
        var bytes = UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start)
        if span.hasEscapes { bytes = unescape(bytes) }
        let valid =
            field == .stepStatus
            ? FieldDecoder.assignStepStatus(bytes, to: &record.step, statuses: statuses)
            : FieldDecoder.assign(field, bytes, to: &record, dates: &dates)
        if !valid, valueFault == nil {
            valueFault = (field, span.start)
        }
    }

    /// The first delimiter, line feed or quote at or after `p` (or `end`), eight bytes at a
    /// time: a field end costs one predictable branch instead of one per byte.
    @inline(__always)
    private func nextStop(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var p = start
        let raw = UnsafeRawPointer(base)
        if !stopsBelowDash {
            while p + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                let stops =
                    SWAR.matches(word, delimiterPattern) | SWAR.matches(word, SWAR.newlines)
                    | SWAR.matches(word, SWAR.quotes)
                if stops != 0 { return p + stops.trailingZeroBitCount >> 3 }
                p += 8
            }
        }
        while p + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            // Every stop byte (tab, line feed, quote, comma) is below 0x2D, so one "byte below"
            // test finds candidates; the lowest flagged byte is exact, spaces are false alarms.
            let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
            if below != 0 {
                let q = p + below.trailingZeroBitCount >> 3
                if stopTable[Int(base[q])] { return q }
                p = q + 1
                continue
            }
            p += 8
        }
        while p < end, !stopTable[Int(base[p])] { p += 1 }
        return p
    }

    /// The next quote at or after `p` (or `end`), counting the line feeds passed.
    @inline(__always)
    private func nextQuote(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, newlines: inout Int) -> Int {
        var p = start
        let raw = UnsafeRawPointer(base)
        while p + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let quotes = SWAR.matches(word, SWAR.quotes)
            let bound = quotes == 0 ? 64 : quotes.trailingZeroBitCount
            // Line feeds before the quote (or in the whole word).
            let feeds = SWAR.matches(word, SWAR.newlines)
            newlines += (bound == 64 ? feeds : feeds & ((1 << UInt64(bound)) &- 1)).nonzeroBitCount
            if quotes != 0 { return p + bound >> 3 }
            p += 8
        }
        while p < end, base[p] != 0x22 {
            if base[p] == 0x0A { newlines += 1 }
            p += 1
        }
        return p
    }

    @inline(__always)
    private func fieldHasValue(_ column: Int, _ base: UnsafePointer<UInt8>) -> Bool {
        let span = spans[column]
        return FieldDecoder.trimmed(UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start))
            .count > 0
    }

    /// Copies a quoted field into scratch with each doubled quote made single.
    mutating func unescape(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if scratchUsed + bytes.count > scratch.count {
            // Earlier fields of this record may point into the old storage, so it is retired,
            // not freed, until the parser is done.
            let bigger = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(scratch.count * 2, scratchUsed + bytes.count) * 2, alignment: 8)
            retired.append(scratch)
            scratch = bigger
            scratchUsed = 0
        }
        let out = scratch.baseAddress! + scratchUsed
        guard let source = bytes.baseAddress else { return UnsafeRawBufferPointer(start: out, count: 0) }
        // Copy the runs between quotes whole; a quote, and the one doubling it, become one.
        var w = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let run = memchr(source + i, 0x22, n - i).map { source.distance(to: UnsafeRawPointer($0)) + 1 - i } ?? n - i
            (out + w).copyMemory(from: source + i, byteCount: run)
            w += run
            i += run
            if i < n, source.load(fromByteOffset: i, as: UInt8.self) == 0x22, i > 0,
                source.load(fromByteOffset: i - 1, as: UInt8.self) == 0x22
            {
                i += 1
            }
        }
        scratchUsed += w
        return UnsafeRawBufferPointer(start: out, count: w)
    }

    private var retired: [UnsafeMutableRawBufferPointer] = []
    var dates: DateCache
    /// Keys of the clean path's grouping text, each value checked as UTF-8 once.
    let textKeys: TextKeyTable
    private let ownsDates: Bool
    private let ownsPlan: Bool
    private let ownsTextKeys: Bool

    /// Frees the scratch storage; the parser must not be used afterwards.
    func deallocate() {
        stopTable.deallocate()
        spans.deallocate()
        fields.deallocate()
        if ownsPlan { plan.deallocate() }
        scratch.deallocate()
        if ownsTextKeys { textKeys.deallocate() }
        if ownsDates { dates.deallocate() }
        for b in retired { b.deallocate() }
    }
}
