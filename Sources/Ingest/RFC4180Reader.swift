/// The one reader of RFC 4180 text for everything but the log's records: the log header,
/// procedure catalogs, calendar files. It reads bytes, so "\r\n" is two bytes like any other line
/// end (Swift's `Character` holds "\r\n" as one, which is how a CRLF file once read as one line).
///
/// The log's records take `CSVRecordParser`, which decodes fields in place for speed; a seeded
/// differential test holds both to the same field bytes and line numbers.
struct RFC4180Reader {
    /// How a kind of file departs from bare RFC 4180.
    struct Dialect: Sendable {
        var delimiter: UInt8 = 0x2C
        /// Lines that are empty, all spaces, or start with `#` are not records (data files allow them).
        var skipsCommentsAndBlankLines = false
        /// Spaces and tabs around a field are not part of it; a quoted field keeps the ones inside.
        var trimsSpaces = false

        /// A log's header: exactly what the record parser sees.
        static func log(delimiter: UInt8) -> Dialect { Dialect(delimiter: delimiter) }
        /// Catalogs and calendar files, which people write by hand.
        static let dataFile = Dialect(skipsCommentsAndBlankLines: true, trimsSpaces: true)
    }

    struct Field: Sendable, Hashable {
        var bytes: [UInt8]
        /// Where the field starts: 1-based line, and column in Unicode scalars.
        var line: Int
        var column: Int

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    struct Record: Sendable, Hashable {
        var line: Int
        var fields: [Field]
    }

    /// A break of the quoting rules, where it is and how to mend it.
    struct Problem: Error, Sendable, Hashable {
        var line: Int
        var column: Int
        var rule: IngestRule

        var fix: String {
            switch rule {
            case .unbalancedQuote: return "close the field with a quote (a quote inside it is written \"\")"
            case .textAfterClosingQuote: return "quote the whole field and write each quote inside it as \"\""
            default: return "write the field as RFC 4180 says"
            }
        }
    }

    enum Step: Sendable, Hashable {
        case record(Record)
        /// The bytes end inside a record and more input follows.
        case needsMoreInput
        case end
    }

    let dialect: Dialect
    /// Where the next record starts, and its line.
    private(set) var offset: Int
    private(set) var line = 1
    private var lineStart: Int

    init(dialect: Dialect, offset: Int = 0) {
        self.dialect = dialect
        self.offset = offset
        lineStart = offset
    }

    /// Every record of a whole text (a leading UTF-8 BOM is skipped).
    static func records(in bytes: UnsafeRawBufferPointer, dialect: Dialect) throws(Problem) -> [Record] {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var reader = RFC4180Reader(dialect: dialect, offset: bom ? 3 : 0)
        var records: [Record] = []
        while case .record(let record) = try reader.next(in: bytes) { records.append(record) }
        return records
    }

    /// The record at `offset`. Nothing moves unless a whole record is returned, so after
    /// `.needsMoreInput` the caller may call again with the same bytes and more after them.
    mutating func next(in bytes: UnsafeRawBufferPointer, atEnd: Bool = true) throws(Problem) -> Step {
        let n = bytes.count
        let delimiter = dialect.delimiter
        var p = offset
        var line = self.line
        var lineStart = self.lineStart
        func column(_ i: Int) -> Int {
            // UTF-8 continuation bytes do not start a scalar.
            1 + bytes[lineStart..<i].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

        if dialect.skipsCommentsAndBlankLines {
            while p < n {
                var q = p
                while q < n, isSpace(bytes[q]) { q += 1 }
                let isComment = q < n && bytes[q] == 0x23
                let isBlank = q == n || bytes[q] == 0x0A || (bytes[q] == 0x0D && (q + 1 == n || bytes[q + 1] == 0x0A))
                guard isComment || isBlank else { break }
                guard let lineFeed = bytes[q...].firstIndex(of: 0x0A) else {
                    if !atEnd { return .needsMoreInput }
                    p = n
                    break
                }
                p = lineFeed + 1
                line += 1
                lineStart = p
            }
        }
        if p >= n { return atEnd ? .end : .needsMoreInput }

        let recordLine = line
        var fields: [Field] = []
        while true {
            if dialect.trimsSpaces { while p < n, isSpace(bytes[p]) { p += 1 } }
            let fieldLine = line
            let fieldColumn = column(p)
            var value: [UInt8] = []
            if p < n, bytes[p] == 0x22 {
                p += 1
                while true {
                    guard p < n else {
                        if !atEnd { return .needsMoreInput }
                        throw Problem(line: fieldLine, column: fieldColumn, rule: .unbalancedQuote)
                    }
                    let b = bytes[p]
                    if b == 0x22 {
                        if p + 1 < n, bytes[p + 1] == 0x22 {
                            value.append(0x22)
                            p += 2
                            continue
                        }
                        if p + 1 == n, !atEnd { return .needsMoreInput }
                        p += 1
                        break
                    }
                    if b == 0x0A {
                        line += 1
                        lineStart = p + 1
                    }
                    value.append(b)
                    p += 1
                }
                if dialect.trimsSpaces { while p < n, isSpace(bytes[p]) { p += 1 } }
                // A CR ends the line before a LF or at the end of the input.
                if p < n, bytes[p] == 0x0D, p + 1 == n || bytes[p + 1] == 0x0A {
                    if p + 1 == n, !atEnd { return .needsMoreInput }
                    p += 1
                }
                if p < n, bytes[p] != delimiter, bytes[p] != 0x0A {
                    throw Problem(line: line, column: column(p), rule: .textAfterClosingQuote)
                }
            } else {
                let start = p
                while p < n, bytes[p] != delimiter, bytes[p] != 0x0A {
                    if bytes[p] == 0x22 { throw Problem(line: line, column: column(p), rule: .quoteInUnquotedField) }
                    p += 1
                }
                var end = p
                if end > start, bytes[end - 1] == 0x0D, p == n || bytes[p] == 0x0A { end -= 1 }
                if dialect.trimsSpaces {
                    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
                }
                value = Array(bytes[start..<end])
            }
            fields.append(Field(bytes: value, line: fieldLine, column: fieldColumn))
            if p >= n {
                if !atEnd { return .needsMoreInput }
                break
            }
            p += 1
            if bytes[p - 1] == delimiter { continue }
            line += 1
            lineStart = p
            break
        }
        offset = p
        self.line = line
        self.lineStart = lineStart
        return .record(Record(line: recordLine, fields: fields))
    }
}
