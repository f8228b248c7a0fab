import CivilTime
import WorkingTime
import _TextSupport

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
    /// Bytes that are not UTF-8 in a text field the engine reads.
    case invalidUTF8
    /// UTF-16 text with no byte-order mark to say so.
    case utf16WithoutByteOrderMark(bigEndian: Bool)
    /// A spreadsheet workbook (`.xlsx`, `.xls`, `.ods`), named.
    case spreadsheet(String)
    /// A compressed file or an archive (gzip, zip), named.
    case compressed(String)
    /// Bytes that the encoding given with `--encoding` has no character for.
    case undecodable(encoding: String)
    case emptyFile
    case headerOnly
    /// A step's `TrangThai` that the status mapping does not list; `known` names the codes it does.
    case unknownStepStatus(known: String)
    /// A step history that contradicts itself (`StepContradiction`).
    case contradictoryHistory(StepContradiction)

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
            return "unparseable timestamp (expected yyyyMMddHHmmss, ISO 8601 or dd/MM/yyyy HH:mm:ss, "
                + "in the years \(WorkCalendar.coveredYears.lowerBound)-\(WorkCalendar.coveredYears.upperBound))"
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
            return
                "binary data (a NUL byte): expected a dossier log as text (CSV, TSV or JSONL) in UTF-8, in UTF-16 with a byte-order mark, or in the encoding given with --encoding"
        case .invalidUTF8:
            return
                "not UTF-8 text: if the file was saved in a Vietnamese legacy encoding, read it with --encoding cp1258 (Windows-1258) or --encoding tcvn3 (TCVN3, the ABC fonts), or save it again as CSV UTF-8"
        case .utf16WithoutByteOrderMark(let bigEndian):
            return
                "UTF-16 text without a byte-order mark: read it with --encoding \(bigEndian ? "utf-16be" : "utf-16le"), or save it again as CSV UTF-8"
        case .spreadsheet(let kind):
            return
                "\(kind), not a text log: open it and save the sheet as CSV UTF-8 (Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; LibreOffice: File > Save As > 'Text CSV (.csv)', character set 'Unicode (UTF-8)'), then read the .csv file"
        case .compressed(let kind):
            return
                "\(kind), not a text log: decompress it first (gzip: 'gunzip -k FILE', or read it through a pipe: 'zcat FILE | tthc report -'; zip: 'unzip FILE')"
        case .undecodable(let encoding):
            return
                "bytes that are not \(encoding) text: check --encoding (cp1258, tcvn3, utf-16le, ..., or leave it out for UTF-8)"
        case .emptyFile: return "empty file"
        case .headerOnly: return "the file has a header row but no records"
        case .unknownStepStatus(let known):
            return
                "unknown step status (expected TrangThai \(known); a system with its own codes maps them with --status-map FILE)"
        case .contradictoryHistory(let contradiction): return contradiction.description
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
    /// The offset of the offending byte from the start of the file, when the rule is about bytes.
    public var byteOffset: Int?

    public init(
        file: String, line: Int, column: Int, field: String?, text: String?, rule: IngestRule, byteOffset: Int? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.text = text
        self.rule = rule
        self.byteOffset = byteOffset
    }

    /// One line: control characters in the file name or the text are escaped.
    public var description: String {
        (inputPosition(file: file, line: line, column: column) + message).escapingControlCharacters
    }

    /// The error without its position: the field, the rule and the offending text.
    public var message: String {
        var s = field.map { "field \($0): " } ?? ""
        if let byteOffset { s += "byte \(byteOffset) of the file: " }
        s += rule.description
        if let text { s += " in '\(text)'" }
        return s.escapingControlCharacters
    }

    /// Shortens offending text for messages: at most 60 characters, newlines shown as ⏎, bytes
    /// that are not UTF-8 as `\xE3`, other control characters escaped.
    public static func shorten(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = visible(UnsafeRawBufferPointer(rebasing: bytes.prefix(240))).replacingOccurrencesOfNewlines()
        if text.count > 60 { text = String(text.prefix(57)) + "..." }
        return text.escapingControlCharacters
    }

    /// `bytes` as text, each byte that starts no UTF-8 character spelled `\xNN`.
    private static func visible(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = ""
        var i = 0
        while i < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[i...])
            let valid = UTF8Validation.firstInvalid(rest) ?? rest.count
            text += String(decoding: rest.prefix(valid), as: UTF8.self)
            i += valid
            if i < bytes.count {
                text += "\\x" + String.hexByte(bytes[i])
                i += 1
            }
        }
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
    public var description: String { "\(file): \(reason)".escapingControlCharacters }
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
