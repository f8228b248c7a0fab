import CivilTime

/// The rule an input record broke.
public enum IngestRule: Sendable, Hashable, CustomStringConvertible {
    case unbalancedQuote
    case quoteInUnquotedField
    case textAfterClosingQuote
    case wrongFieldCount(expected: Int, found: Int)
    case recordTooLong(limit: Int)
    case unparseableTimestamp
    case unknownStatus
    case badCode(expected: String)
    case missingRequiredField
    case missingRequiredColumn(MissingColumn)
    case finishedWithoutEnd
    case endBeforeReceived
    case malformedSupplements
    case malformedJSON(String)
    case notAnObject
    /// A timestamp on `limit` or later: more than `LogTimeSpan.marginDays` after `reference`,
    /// the log's 99.9th-percentile received date.
    case outsideLogSpan(reference: CivilDate, limit: CivilDate)
    case binaryData
    case emptyFile
    case headerOnly

    public var description: String {
        switch self {
        case .unbalancedQuote:
            return "unbalanced quote: the quoted field that opens here does not close into a valid record"
                + " (a quote inside a field is written \"\")"
        case .quoteInUnquotedField:
            return "a quote inside an unquoted field (RFC 4180 needs the field quoted and the quote doubled)"
        case .textAfterClosingQuote: return "text after the closing quote of a field"
        case .wrongFieldCount(let expected, let found):
            return "wrong field count: the header has \(expected) fields, this record \(found)"
        case .recordTooLong(let limit):
            return "record longer than \(limit) bytes (raise --max-record-bytes if it is real)"
        case .unparseableTimestamp:
            return "unparseable timestamp (expected yyyyMMddHHmmss, ISO 8601 or dd/MM/yyyy HH:mm:ss)"
        case .unknownStatus: return "unknown status code (expected TrangThaiHoSo 1-10)"
        case .badCode(let expected): return "bad value (expected \(expected))"
        case .missingRequiredField: return "missing required field"
        case .missingRequiredColumn(let missing): return missing.description
        case .finishedWithoutEnd:
            return "status 8/9/10 (finished) without NgayKetThucXuLy or NgayTra"
        case .endBeforeReceived: return "end before received (NgayKetThucXuLy/NgayTra earlier than NgayTiepNhan)"
        case .malformedSupplements:
            return "malformed supplement list (expected START/END pairs separated by ';', END may be empty)"
        case .malformedJSON(let detail): return "malformed JSON: \(detail)"
        case .notAnObject: return "a JSONL line must hold one JSON object"
        case .outsideLogSpan(let reference, let limit):
            return "timestamp on or after \(limit), more than \(LogTimeSpan.marginDays) days after the log's received "
                + "dates (99.9th percentile \(reference)): a mistyped date? correct it, or read with --skip-invalid"
        case .binaryData:
            return "binary data or UTF-16 text (a NUL byte): expected a UTF-8 dossier log (CSV, TSV or JSONL)"
        case .emptyFile: return "empty file"
        case .headerOnly: return "the file has a header row but no records"
        }
    }
}

/// Where and why an input could not be read: enough for a person to fix the input.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record (0 when the error is about the whole file).
    public var line: Int
    /// 1-based byte column within the line, 0 when unknown.
    public var column: Int
    /// The column or key involved, when one is.
    public var field: String?
    /// The offending text, shortened.
    public var text: String?
    public var rule: IngestRule

    public init(file: String, line: Int, column: Int, field: String?, text: String?, rule: IngestRule) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.text = text
        self.rule = rule
    }

    public var description: String { inputPosition(file: file, line: line, column: column) + message }

    /// The error without its position: the field, the rule and the offending text.
    public var message: String {
        var s = field.map { "field \($0): " } ?? ""
        s += rule.description
        if let text { s += " in '\(text)'" }
        return s
    }

    /// Shortens offending text for messages: at most 60 characters, newlines shown as ⏎.
    public static func shorten(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = String(decoding: bytes.prefix(240), as: UTF8.self)
        text = text.replacingOccurrencesOfNewlines()
        if text.count > 60 { text = String(text.prefix(57)) + "..." }
        return text
    }
}

/// A file-level failure that is not about a record: missing file, directory, read error.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}

extension String {
    fileprivate func replacingOccurrencesOfNewlines() -> String {
        var out = ""
        for ch in self {
            if ch == "\n" || ch == "\r\n" { out += "⏎" } else if ch == "\r" { continue } else { out.append(ch) }
        }
        return out
    }
}
