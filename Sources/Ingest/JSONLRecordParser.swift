import CivilTime
import Records

/// Parses JSONL: one DVCQG dossier object per line, with its nested lists. Reads the keys the
/// engine needs and skips every other value without building it.
struct JSONLRecordParser {
    private var scratch: UnsafeMutableRawBufferPointer
    private var scratchUsed = 0
    private var retired: [UnsafeMutableRawBufferPointer] = []
    private var dates: DateCache
    private let ownsDates: Bool

    /// - Parameter dates: a cache the caller keeps (and frees); by default the parser has its own.
    init(dates: DateCache? = nil) {
        scratch = .allocate(byteCount: 4096, alignment: 8)
        self.dates = dates ?? DateCache()
        ownsDates = dates == nil
    }

    func deallocate() {
        scratch.deallocate()
        if ownsDates { dates.deallocate() }
        for b in retired { b.deallocate() }
    }

    private struct Failure: Error {
        var rule: IngestRule
        var offset: Int
        var field: DossierField?
    }

    mutating func parse(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse {
        let n = buffer.count
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var lineEnd = start
        while lineEnd < n, base[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd == n && !atEnd { return .incomplete }
        let recordEnd = lineEnd < n ? lineEnd + 1 : n
        let newlines = lineEnd < n ? 1 : 0
        var contentEnd = lineEnd
        if contentEnd > start, base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        var p = start
        while p < contentEnd, isSpace(base[p]) { p += 1 }
        if p == contentEnd { return .blank(end: recordEnd) }
        record.reset()
        scratchUsed = 0
        var cursor = Cursor(base: base, position: p, end: contentEnd)
        do {
            var hasStatus = false
            try readObject(&cursor, into: &record, hasStatus: &hasStatus)
            cursor.skipSpaces()
            if cursor.position != contentEnd {
                throw Failure(rule: .malformedJSON("text after the object"), offset: cursor.position, field: nil)
            }
            if let (rule, field) = FieldDecoder.validate(record, hasStatus: hasStatus) {
                return .invalid(end: recordEnd, newlines: newlines, rule: rule, field: field, offset: start)
            }
        } catch let failure as Failure {
            return .invalid(
                end: recordEnd, newlines: newlines, rule: failure.rule, field: failure.field, offset: failure.offset)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return .record(end: recordEnd, newlines: newlines)
    }

    private struct Cursor {
        let base: UnsafePointer<UInt8>
        var position: Int
        let end: Int

        mutating func skipSpaces() {
            while position < end, isSpace(base[position]) { position += 1 }
        }

        var current: UInt8? { position < end ? base[position] : nil }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            skipSpaces()
            guard position < end, base[position] == byte else {
                throw Failure(rule: .malformedJSON("expected \(what)"), offset: position, field: nil)
            }
            position += 1
        }
    }

    /// A JSON string's raw contents (between the quotes) and whether it holds escapes.
    private func readStringSpan(_ c: inout Cursor) throws -> (start: Int, end: Int, escaped: Bool) {
        c.skipSpaces()
        guard c.current == 0x22 else {
            throw Failure(rule: .malformedJSON("expected a string"), offset: c.position, field: nil)
        }
        c.position += 1
        let start = c.position
        var escaped = false
        while c.position < c.end {
            let b = c.base[c.position]
            if b == 0x22 {
                let end = c.position
                c.position += 1
                return (start, end, escaped)
            }
            if b == 0x5C {
                escaped = true
                c.position += 2
                continue
            }
            c.position += 1
        }
        throw Failure(rule: .malformedJSON("unterminated string"), offset: start - 1, field: nil)
    }

    /// A scalar value: string contents (unescaped), or the raw text of a number, true, false.
    /// Returns nil for null.
    private mutating func readScalar(_ c: inout Cursor, field: DossierField?) throws -> UnsafeRawBufferPointer? {
        c.skipSpaces()
        guard let b = c.current else {
            throw Failure(rule: .malformedJSON("expected a value"), offset: c.position, field: field)
        }
        if b == 0x22 {
            let span = try readStringSpan(&c)
            let raw = UnsafeRawBufferPointer(start: c.base + span.start, count: span.end - span.start)
            if !span.escaped { return raw }
            guard let text = unescape(raw) else {
                throw Failure(rule: .malformedJSON("bad escape in string"), offset: span.start, field: field)
            }
            return text
        }
        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
            throw Failure(
                rule: .malformedJSON("expected a string or number, found a nested value"), offset: c.position,
                field: field)
        }
        let start = c.position
        while c.position < c.end {
            let x = c.base[c.position]
            if x == UInt8(ascii: ",") || x == UInt8(ascii: "}") || x == UInt8(ascii: "]") || isSpace(x) { break }
            c.position += 1
        }
        let raw = UnsafeRawBufferPointer(start: c.base + start, count: c.position - start)
        if raw.count == 4, raw[0] == UInt8(ascii: "n"), raw[1] == UInt8(ascii: "u") { return nil }
        guard raw.count > 0 else {
            throw Failure(rule: .malformedJSON("expected a value"), offset: start, field: field)
        }
        return raw
    }

    /// Skips any JSON value.
    private func skipValue(_ c: inout Cursor) throws {
        c.skipSpaces()
        guard let b = c.current else {
            throw Failure(rule: .malformedJSON("expected a value"), offset: c.position, field: nil)
        }
        if b == 0x22 {
            _ = try readStringSpan(&c)
            return
        }
        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
            var depth = 0
            while c.position < c.end {
                let x = c.base[c.position]
                if x == 0x22 {
                    _ = try readStringSpan(&c)
                    continue
                }
                if x == UInt8(ascii: "{") || x == UInt8(ascii: "[") { depth += 1 }
                if x == UInt8(ascii: "}") || x == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        c.position += 1
                        return
                    }
                }
                c.position += 1
            }
            throw Failure(rule: .malformedJSON("unterminated object or array"), offset: c.position, field: nil)
        }
        while c.position < c.end {
            let x = c.base[c.position]
            if x == UInt8(ascii: ",") || x == UInt8(ascii: "}") || x == UInt8(ascii: "]") || isSpace(x) { break }
            c.position += 1
        }
    }

    private enum NestedList { case supplements, fees, documents }

    private mutating func readObject(_ c: inout Cursor, into record: inout DossierRecord, hasStatus: inout Bool) throws
    {
        c.skipSpaces()
        guard c.current == UInt8(ascii: "{") else {
            throw Failure(rule: .notAnObject, offset: c.position, field: nil)
        }
        c.position += 1
        var feeListSeen = false
        var anyFeePositive = false
        var anyDocumentDigitized = false
        var feeFlagGiven = false
        var digitizedFlagGiven = false
        c.skipSpaces()
        if c.current == UInt8(ascii: "}") {
            c.position += 1
            return
        }
        while true {
            let key = try readStringSpan(&c)
            try c.expect(UInt8(ascii: ":"), "':' after a key")
            let keyBytes = UnsafeRawBufferPointer(start: c.base + key.start, count: key.end - key.start)
            if let field = JSONLRecordParser.topLevelField(keyBytes) {
                let valueStart = c.position
                if field == .supplements {
                    try readList(
                        &c, kind: .supplements, record: &record, anyPositive: &anyFeePositive,
                        anyDigitized: &anyDocumentDigitized)
                } else if let value = try readScalar(&c, field: field) {
                    if !FieldDecoder.assign(field, value, to: &record, dates: &dates) {
                        throw Failure(rule: FieldDecoder.rule(for: field), offset: valueStart, field: field)
                    }
                    if field == .status { hasStatus = true }
                    if field == .feeBearing { feeFlagGiven = true }
                    if field == .digitized { digitizedFlagGiven = true }
                }
            } else if let list = JSONLRecordParser.nestedList(keyBytes) {
                if list == .fees { feeListSeen = true }
                try readList(
                    &c, kind: list, record: &record, anyPositive: &anyFeePositive, anyDigitized: &anyDocumentDigitized)
            } else {
                try skipValue(&c)
            }
            c.skipSpaces()
            guard let b = c.current else {
                throw Failure(rule: .malformedJSON("unterminated object"), offset: c.position, field: nil)
            }
            c.position += 1
            if b == UInt8(ascii: "}") { break }
            guard b == UInt8(ascii: ",") else {
                throw Failure(rule: .malformedJSON("expected ',' or '}'"), offset: c.position - 1, field: nil)
            }
        }
        // Fees all 0 make a dossier not fee-bearing (766 online-payment rule).
        if feeListSeen {
            if !anyFeePositive {
                record.feeBearing = false
            } else if !feeFlagGiven {
                record.feeBearing = true
            }
        }
        if anyDocumentDigitized && !digitizedFlagGiven { record.digitized = true }
    }

    /// Reads a nested list of objects, taking the sub-keys that carry a KPI.
    private mutating func readList(
        _ c: inout Cursor, kind: NestedList, record: inout DossierRecord, anyPositive: inout Bool,
        anyDigitized: inout Bool
    ) throws {
        c.skipSpaces()
        if c.current == UInt8(ascii: "n") {  // null
            try skipValue(&c)
            return
        }
        try c.expect(UInt8(ascii: "["), "'[' to open a list")
        c.skipSpaces()
        if c.current == UInt8(ascii: "]") {
            c.position += 1
            return
        }
        while true {
            try c.expect(UInt8(ascii: "{"), "'{' to open a list item")
            var pauseStart: UnsafeRawBufferPointer?
            var pauseEnd: UnsafeRawBufferPointer?
            let itemStart = c.position
            c.skipSpaces()
            if c.current != UInt8(ascii: "}") {
                while true {
                    let key = try readStringSpan(&c)
                    try c.expect(UInt8(ascii: ":"), "':' after a key")
                    let name = UnsafeRawBufferPointer(start: c.base + key.start, count: key.end - key.start)
                    switch kind {
                    case .supplements where equals(name, "NgayBoSung"):
                        pauseStart = try readScalar(&c, field: .supplements)
                    case .supplements where equals(name, "NgayTiepNhanBoSung"):
                        pauseEnd = try readScalar(&c, field: .supplements)
                    case .fees where equals(name, "Gia"):
                        if let amount = try readScalar(&c, field: nil) {
                            if amount.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
                                anyPositive = true
                            }
                        }
                    case .documents where equals(name, "DuocSoHoa"):
                        if let flag = try readScalar(&c, field: .digitized), FieldDecoder.flag(flag) == true {
                            anyDigitized = true
                        }
                    default:
                        try skipValue(&c)
                    }
                    c.skipSpaces()
                    guard let b = c.current else {
                        throw Failure(rule: .malformedJSON("unterminated list item"), offset: c.position, field: nil)
                    }
                    c.position += 1
                    if b == UInt8(ascii: "}") { break }
                    guard b == UInt8(ascii: ",") else {
                        throw Failure(rule: .malformedJSON("expected ',' or '}'"), offset: c.position - 1, field: nil)
                    }
                }
            } else {
                c.position += 1
            }
            if kind == .supplements {
                guard let startText = pauseStart, let start = TimestampParser.parse(startText) else {
                    throw Failure(rule: .malformedSupplements, offset: itemStart, field: .supplements)
                }
                var end: Timestamp?
                if let endText = pauseEnd, FieldDecoder.trimmed(endText).count > 0 {
                    guard let e = TimestampParser.parse(endText) else {
                        throw Failure(rule: .malformedSupplements, offset: itemStart, field: .supplements)
                    }
                    end = e
                }
                record.pauses.append(PauseInterval(start: start, end: end))
            }
            c.skipSpaces()
            guard let b = c.current else {
                throw Failure(rule: .malformedJSON("unterminated list"), offset: c.position, field: nil)
            }
            c.position += 1
            if b == UInt8(ascii: "]") { break }
            guard b == UInt8(ascii: ",") else {
                throw Failure(rule: .malformedJSON("expected ',' or ']'"), offset: c.position - 1, field: nil)
            }
        }
    }

    private static func topLevelField(_ key: UnsafeRawBufferPointer) -> DossierField? {
        // Keys are matched exactly (JSON is case-sensitive); the list is short.
        for (field, name) in fieldNames where equalBytes(key, name) { return field }
        return nil
    }

    private static let fieldNames: [(DossierField, [UInt8])] = DossierField.allCases.map { ($0, Array($0.name.utf8)) }

    private static func nestedList(_ key: UnsafeRawBufferPointer) -> NestedList? {
        if equals(key, "DanhSachLePhi") { return .fees }
        if equals(key, "TaiLieuNop") { return .documents }
        return nil
    }

    /// Decodes JSON escapes into scratch; nil on a malformed escape.
    private mutating func unescape(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        if scratchUsed + raw.count > scratch.count {
            retired.append(scratch)
            scratch = .allocate(byteCount: max(scratch.count * 2, raw.count * 2), alignment: 8)
            scratchUsed = 0
        }
        let out = (scratch.baseAddress! + scratchUsed).assumingMemoryBound(to: UInt8.self)
        var w = 0
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let b = raw[k]
                let d: UInt32
                switch b {
                case 48...57: d = UInt32(b - 48)
                case 65...70: d = UInt32(b - 55)
                case 97...102: d = UInt32(b - 87)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            if b != 0x5C {
                out[w] = b
                w += 1
                i += 1
                continue
            }
            guard i + 1 < raw.count else { return nil }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out[w] = e
            case UInt8(ascii: "b"): out[w] = 0x08
            case UInt8(ascii: "f"): out[w] = 0x0C
            case UInt8(ascii: "n"): out[w] = 0x0A
            case UInt8(ascii: "r"): out[w] = 0x0D
            case UInt8(ascii: "t"): out[w] = 0x09
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i) else { return nil }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= raw.count, raw[i] == 0x5C, raw[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2),
                        low >= 0xDC00, low < 0xE000
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                for unit in UTF8.encode(unicode)! {
                    out[w] = unit
                    w += 1
                }
                continue
            default: return nil
            }
            w += 1
        }
        scratchUsed += w
        return UnsafeRawBufferPointer(start: out, count: w)
    }
}

@inline(__always)
private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

@inline(__always)
private func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let p = text.utf8Start
    for i in 0..<bytes.count where bytes[i] != p[i] { return false }
    return true
}

@inline(__always)
private func equalBytes(_ bytes: UnsafeRawBufferPointer, _ name: [UInt8]) -> Bool {
    guard bytes.count == name.count else { return false }
    for i in 0..<bytes.count where bytes[i] != name[i] { return false }
    return true
}
