import CivilTime
import Records

#if canImport(Glibc)
    import Glibc
#endif

/// Parses JSONL: one DVCQG dossier object per line, with its nested lists. Reads the keys the
/// engine needs and checks every other value by `JSONSyntax` without building it, so a line is
/// a record only when it is RFC 8259 JSON throughout.
struct JSONLRecordParser {
    private var scratch: UnsafeMutableRawBufferPointer
    private var scratchUsed = 0
    private var retired: [UnsafeMutableRawBufferPointer] = []
    private var dates: DateCache
    private let ownsDates: Bool
    private let keys = JSONLKeyTable.shared
    private let predictor = JSONLKeyPredictor()
    /// Dossier lines, or step lines (a line with `QuaTrinhXuLy` is a dossier with its steps).
    private let kind: LogKind
    private let statuses: StepStatusMap

    /// - Parameter dates: a cache the caller keeps (and frees); by default the parser has its own.
    init(dates: DateCache? = nil, kind: LogKind = .dossiers, statuses: StepStatusMap = .dvcqg) {
        self.kind = kind
        self.statuses = statuses
        scratch = .allocate(byteCount: 4096, alignment: 8)
        self.dates = dates ?? DateCache()
        ownsDates = dates == nil
    }

    func deallocate() {
        scratch.deallocate()
        if ownsDates { dates.deallocate() }
        for b in retired { b.deallocate() }
        predictor.deallocate()
    }

    mutating func parse(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse {
        let n = buffer.count
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let lineEnd: Int
        if start < n, let hit = memchr(base + start, 0x0A, n - start) {
            lineEnd = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        } else {
            if !atEnd { return .incomplete }
            lineEnd = n
        }
        let recordEnd = lineEnd < n ? lineEnd + 1 : n
        let newlines = lineEnd < n ? 1 : 0
        var contentEnd = lineEnd
        if contentEnd > start, base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        var cursor = JSONCursor(base: base, position: start, end: contentEnd)
        cursor.skipSpaces()
        if cursor.position == contentEnd { return .blank(end: recordEnd) }
        record.reset()
        if kind == .steps { record.resetSteps() }
        scratchUsed = 0
        do throws(JSONLFailure) {
            var hasStatus = false
            var hasStepList = false
            try readObject(&cursor, into: &record, hasStatus: &hasStatus, hasStepList: &hasStepList)
            cursor.skipSpaces()
            if cursor.position != contentEnd {
                throw .json("text after the dossier object (one object a line)", at: cursor.position)
            }
            // `JSONSyntax` has checked the UTF-8 of every string already. A dossier read for its
            // steps needs only its id: its steps, not its own dates, say what happened.
            let broken =
                kind == .dossiers
                ? FieldDecoder.validateRules(record, hasStatus: hasStatus)
                : hasStepList
                    ? (record.id.count == 0 ? (.missingRequiredField, .id) : nil)
                    : FieldDecoder.validateStepRules(record)
            if let (rule, field) = broken {
                return .invalid(end: recordEnd, newlines: newlines, rule: rule, field: field, offset: start)
            }
        } catch {
            return .invalid(
                end: recordEnd, newlines: newlines, rule: error.rule, field: error.field, offset: error.offset)
        }
        return .record(end: recordEnd, newlines: newlines)
    }

    /// A scalar value: string contents (unescaped), or the raw text of a number, true, false.
    /// Returns nil for null.
    @inline(__always)
    private mutating func readScalar(_ c: inout JSONCursor, field: DossierField?) throws(JSONLFailure)
        -> UnsafeRawBufferPointer?
    {
        // The usual value, a plain string or integer right after the ':', is read here.
        let start = c.position
        let first = c.peek
        if first == 0x22 {
            if let plain = JSONSyntax.plainString(&c) {
                return UnsafeRawBufferPointer(start: c.base + plain.lowerBound, count: plain.count)
            }
        } else if first &- UInt8(ascii: "0") < 10, JSONSyntax.plainInteger(&c) {
            return UnsafeRawBufferPointer(start: c.base + start, count: c.position - start)
        }
        return try readAnyScalar(&c, field: field)
    }

    /// `readScalar` for any value.
    @inline(never)
    private mutating func readAnyScalar(_ c: inout JSONCursor, field: DossierField?) throws(JSONLFailure)
        -> UnsafeRawBufferPointer?
    {
        c.skipSpaces()
        let start = c.position
        switch c.peek {
        case 0x22:
            let span = try JSONSyntax.scanString(&c)
            let raw = UnsafeRawBufferPointer(start: c.base + span.start, count: span.end - span.start)
            return span.escaped ? unescape(raw) : raw
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try JSONSyntax.scanNumber(&c)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            if try JSONSyntax.scanLiteral(&c) { return nil }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw JSONLFailure(
                rule: .malformedJSON("expected a string or number, found a nested value"), offset: start, field: field)
        default:
            var failure = JSONSyntax.unexpectedValue(c)
            failure.field = field
            throw failure
        }
        return UnsafeRawBufferPointer(start: c.base + start, count: c.position - start)
    }

    /// After a member of an object at the top level or in a list item: true at its '}'.
    @inline(__always)
    private func endOfMember(_ c: inout JSONCursor) throws(JSONLFailure) -> Bool {
        if c.peek <= 0x20 { c.skipSpaces() }
        let b = c.peek
        c.position += 1
        if b == UInt8(ascii: ",") { return false }
        if b == UInt8(ascii: "}") { return true }
        c.position -= 1
        throw JSONSyntax.afterMember(c)
    }

    private mutating func readObject(
        _ c: inout JSONCursor, into record: inout DossierRecord, hasStatus: inout Bool, hasStepList: inout Bool
    ) throws(JSONLFailure) {
        guard c.peek == UInt8(ascii: "{") else {
            throw JSONLFailure(rule: .notAnObject, offset: c.position, field: nil)
        }
        c.position += 1
        var feeListSeen = false
        var anyFeePositive = false
        var anyDocumentDigitized = false
        var feeFlagGiven = false
        var digitizedFlagGiven = false
        c.skipSpaces()
        if c.peek == UInt8(ascii: "}") {
            c.position += 1
            return
        }
        // The last key the table knows (the predictor's state), and whether a member was read.
        var previous = predictor.start
        var afterMember = false
        while true {
            // The key: the one the predictor expects (with the ',' before it), else read in full.
            let key: JSONLKeyTable.Key
            if let index = predictor.next(after: previous, afterMember: afterMember, &c) {
                key = predictor.key(index)
                previous = index
            } else {
                if afterMember, try endOfMember(&c) { break }
                let span = try JSONSyntax.key(&c)
                if let index = keys.index(of: c.base + span.start, count: span.end - span.start) {
                    key = predictor.key(index)
                    predictor.learn(index, after: previous)
                    previous = index
                } else {
                    key = .other
                }
            }
            afterMember = true
            switch key {
            case .field(let field) where (field.isStepColumn || field == .steps) && kind == .dossiers:
                // A dossier log's steps are not read (as before step logs): only a reading for
                // the steps (`StepLog`, `report --steps`) takes them.
                try JSONSyntax.skipValue(&c, depth: 1)
            case .field(.steps):
                hasStepList = true
                try readSteps(&c, into: &record)
            case .field(.stepStatus):
                let valueStart = c.position
                if let value = try readScalar(&c, field: .stepStatus),
                    !FieldDecoder.assignStepStatus(value, to: &record.step, statuses: statuses)
                {
                    throw JSONLFailure(
                        rule: .unknownStepStatus(known: statuses.knownCodes), offset: valueStart, field: .stepStatus)
                }
            case .field(let field):
                let valueStart = c.position
                if field == .supplements {
                    try readList(
                        &c, kind: .supplements, record: &record, anyPositive: &anyFeePositive,
                        anyDigitized: &anyDocumentDigitized)
                } else if let value = try readScalar(&c, field: field) {
                    if !FieldDecoder.assign(field, value, to: &record, dates: &dates) {
                        throw JSONLFailure(rule: FieldDecoder.rule(for: field), offset: valueStart, field: field)
                    }
                    if field == .status { hasStatus = true }
                    if field == .feeBearing { feeFlagGiven = true }
                    if field == .digitized { digitizedFlagGiven = true }
                }
            case .list(let list):
                if list == .fees { feeListSeen = true }
                try readList(
                    &c, kind: list, record: &record, anyPositive: &anyFeePositive, anyDigitized: &anyDocumentDigitized)
            case .other:
                try JSONSyntax.skipValue(&c, depth: 1)
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

    /// Opens a nested list at `c`: false when there is nothing to read (`null` or `[]`, passed),
    /// true with `c` past the `[`.
    private static func openList(_ c: inout JSONCursor, of items: String, field: DossierField?)
        throws(JSONLFailure) -> Bool
    {
        c.skipSpaces()
        if c.peek == UInt8(ascii: "n"), try JSONSyntax.scanLiteral(&c) { return false }
        guard c.peek == UInt8(ascii: "[") else {
            throw JSONLFailure(
                rule: .malformedJSON("expected a list ('[') of \(items)"), offset: c.position, field: field)
        }
        c.position += 1
        c.skipSpaces()
        if c.peek == UInt8(ascii: "]") {
            c.position += 1
            return false
        }
        return true
    }

    /// Checks that a list item starts at `c` with `{` (`c` is left on it).
    private static func openItem(_ c: inout JSONCursor, _ rule: String, field: DossierField?) throws(JSONLFailure) {
        c.skipSpaces()
        guard c.peek == UInt8(ascii: "{") else {
            if c.peek == UInt8(ascii: "]") || c.position == c.end { throw JSONSyntax.unexpectedValue(c) }
            throw JSONLFailure(rule: .malformedJSON("expected '{': \(rule)"), offset: c.position, field: field)
        }
    }

    /// After a list item: true past a `,` (another item follows), false past the closing `]`.
    private static func nextItem(_ c: inout JSONCursor) throws(JSONLFailure) -> Bool {
        c.skipSpaces()
        let b = c.peek
        if b == UInt8(ascii: "]") {
            c.position += 1
            return false
        }
        guard b == UInt8(ascii: ",") else { throw JSONSyntax.afterItem(c) }
        c.position += 1
        return true
    }

    /// Reads a nested list of objects (depth 2, its items depth 3), taking the sub-keys that
    /// carry a KPI and checking the rest.
    private mutating func readList(
        _ c: inout JSONCursor, kind: NestedList, record: inout DossierRecord, anyPositive: inout Bool,
        anyDigitized: inout Bool
    ) throws(JSONLFailure) {
        guard try Self.openList(&c, of: "objects", field: kind == .supplements ? .supplements : nil) else { return }
        while true {
            try Self.openItem(&c, "each list item is an object", field: nil)
            var pauseStart: UnsafeRawBufferPointer?
            var pauseEnd: UnsafeRawBufferPointer?
            let itemStart = c.position + 1
            c.position += 1
            c.skipSpaces()
            if c.peek == UInt8(ascii: "}") {
                c.position += 1
            } else {
                repeat {
                    switch try ItemKey.read(&c, in: kind) {
                    case .pauseStart:
                        pauseStart = try readScalar(&c, field: .supplements)
                    case .pauseEnd:
                        pauseEnd = try readScalar(&c, field: .supplements)
                    case .amount:
                        if let amount = try readScalar(&c, field: nil) {
                            if amount.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
                                anyPositive = true
                            }
                        }
                    case .digitized:
                        if let flag = try readScalar(&c, field: .digitized), FieldDecoder.flag(flag) == true {
                            anyDigitized = true
                        }
                    case .other:
                        try JSONSyntax.skipValue(&c, depth: 3)
                    }
                } while try !endOfMember(&c)
            }
            if kind == .supplements {
                guard let startText = pauseStart, let start = dates.parse(startText) else {
                    throw JSONLFailure(rule: .malformedSupplements, offset: itemStart, field: .supplements)
                }
                var end: Timestamp?
                if let endText = pauseEnd, FieldDecoder.trimmed(endText).count > 0 {
                    guard let e = dates.parse(endText) else {
                        throw JSONLFailure(rule: .malformedSupplements, offset: itemStart, field: .supplements)
                    }
                    end = e
                }
                record.pauses.append(PauseInterval(start: start, end: end))
            }
            guard try Self.nextItem(&c) else { return }
        }
    }

    /// Reads `QuaTrinhXuLy`: a list of step objects (depth 2, their values depth 3) into
    /// `record.embeddedSteps`, each with its time and status.
    private mutating func readSteps(_ c: inout JSONCursor, into record: inout DossierRecord) throws(JSONLFailure) {
        guard try Self.openList(&c, of: "step objects", field: .steps) else { return }
        while true {
            try Self.openItem(&c, "each step is an object", field: .steps)
            let itemStart = c.position
            c.position += 1
            c.skipSpaces()
            // The step's fields go through the record's own step slot, the one place they are decoded.
            let saved = record.step
            record.step = StepFields()
            if c.peek == UInt8(ascii: "}") {
                c.position += 1
            } else {
                repeat {
                    let key = try JSONSyntax.key(&c)
                    let valueStart = c.position
                    switch keys.lookup(c.base + key.start, count: key.end - key.start) {
                    case .field(.stepStatus):
                        if let value = try readScalar(&c, field: .stepStatus),
                            !FieldDecoder.assignStepStatus(value, to: &record.step, statuses: statuses)
                        {
                            throw JSONLFailure(
                                rule: .unknownStepStatus(known: statuses.knownCodes), offset: valueStart,
                                field: .stepStatus)
                        }
                    case .field(let field) where field.isStepColumn:
                        if let value = try readScalar(&c, field: field),
                            !FieldDecoder.assign(field, value, to: &record, dates: &dates)
                        {
                            throw JSONLFailure(rule: FieldDecoder.rule(for: field), offset: valueStart, field: field)
                        }
                    default:
                        try JSONSyntax.skipValue(&c, depth: 3)
                    }
                } while try !endOfMember(&c)
            }
            if record.step.time == nil {
                throw JSONLFailure(rule: .missingRequiredField, offset: itemStart, field: .stepTime)
            }
            if record.step.status == nil {
                throw JSONLFailure(rule: .missingRequiredField, offset: itemStart, field: .stepStatus)
            }
            record.embeddedSteps.append(record.step)
            record.step = saved
            guard try Self.nextItem(&c) else { return }
        }
    }

    /// Decodes the escapes of a string `JSONSyntax.scanString` accepted into scratch.
    private mutating func unescape(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if scratchUsed + raw.count > scratch.count {
            retired.append(scratch)
            scratch = .allocate(byteCount: max(scratch.count * 2, raw.count * 2), alignment: 8)
            scratchUsed = 0
        }
        let out = (scratch.baseAddress! + scratchUsed).assumingMemoryBound(to: UInt8.self)
        let input = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var w = 0
        var i = 0
        while i < raw.count {
            let b = input[i]
            guard b == 0x5C else {
                out[w] = b
                w += 1
                i += 1
                continue
            }
            let e = input[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out[w] = 0x08
            case UInt8(ascii: "f"): out[w] = 0x0C
            case UInt8(ascii: "n"): out[w] = 0x0A
            case UInt8(ascii: "r"): out[w] = 0x0D
            case UInt8(ascii: "t"): out[w] = 0x09
            case UInt8(ascii: "u"):
                // Pairs and lone surrogates were checked by the scan.
                var scalar = JSONSyntax.hex4(input, at: i, end: raw.count)!
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    let low = JSONSyntax.hex4(input, at: i + 2, end: raw.count)!
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                for unit in UTF8.encode(Unicode.Scalar(scalar)!)! {
                    out[w] = unit
                    w += 1
                }
                continue
            default: out[w] = e  // \" \\ \/
            }
            w += 1
        }
        scratchUsed += w
        return UnsafeRawBufferPointer(start: out, count: w)
    }
}

/// The keys of a dossier line the parser reads, found by a hash of their length and end bytes
/// (one probe for nearly every key; JSON keys are case-sensitive, so they match exactly).
final class JSONLKeyTable: Sendable {
    enum Key: Equatable {
        case field(DossierField)
        case list(NestedList)
        case other
    }

    static let shared = JSONLKeyTable()

    private static let slots = 64
    /// The keys' names and what each is, by index.
    let names: [[UInt8]]
    let kinds: [Key]
    /// Their patterns first in an object and after another member, by index.
    let firstPatterns: [JSONKeyPattern]
    let followingPatterns: [JSONKeyPattern]
    /// Per slot, 1 + the index into `names`, 0 when empty.
    private let table: [UInt8]

    private init() {
        var names = DossierField.allCases.map { Array($0.name.utf8) }
        var kinds = DossierField.allCases.map { Key.field($0) }
        names += [Array("DanhSachLePhi".utf8), Array("TaiLieuNop".utf8)]
        kinds += [.list(.fees), .list(.documents)]
        var table = [UInt8](repeating: 0, count: Self.slots)
        for (index, name) in names.enumerated() {
            var slot = name.withUnsafeBufferPointer { Self.hash($0.baseAddress!, count: $0.count) }
            while table[slot] != 0 { slot = (slot + 1) & (Self.slots - 1) }
            table[slot] = UInt8(index + 1)
        }
        self.names = names
        self.kinds = kinds
        self.table = table
        firstPatterns = names.map { JSONKeyPattern(name: $0) }
        followingPatterns = names.map { JSONKeyPattern(name: $0, afterComma: true) }
    }

    @inline(__always)
    private static func hash(_ key: UnsafePointer<UInt8>, count: Int) -> Int {
        (count &* 7 &+ Int(key[0]) &+ Int(key[count - 1]) &* 3) & (slots - 1)
    }

    @inline(__always)
    func lookup(_ key: UnsafePointer<UInt8>, count: Int) -> Key {
        index(of: key, count: count).map { kinds[$0] } ?? .other
    }

    /// The index of the key into `names` and `kinds`, nil for a key the parser does not read.
    @inline(__always)
    func index(of key: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard count > 0 else { return nil }
        var slot = Self.hash(key, count: count)
        while true {
            let entry = Int(table[slot])
            if entry == 0 { return nil }
            let name = names[entry - 1]
            if name.count == count, name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key, count) == 0 }) {
                return entry - 1
            }
            slot = (slot + 1) & (Self.slots - 1)
        }
    }
}

/// The nested lists of a dossier line that carry a KPI besides `DanhSachHoSoBoSung`.
enum NestedList { case supplements, fees, documents }

/// The keys read in the items of a nested list: a supplement's pause, a fee's amount, a
/// document's digitized flag.
private enum ItemKey {
    case pauseStart, pauseEnd, amount, digitized, other

    static let pauseStartKey = JSONKeyPattern(name: "NgayBoSung".utf8)
    static let pauseEndKey = JSONKeyPattern(name: "NgayTiepNhanBoSung".utf8)
    static let amountKey = JSONKeyPattern(name: "Gia".utf8)
    static let digitizedKey = JSONKeyPattern(name: "DuocSoHoa".utf8)

    /// Reads the key at `c` of an item of a `list`, up to its ':'.
    @inline(__always)
    static func read(_ c: inout JSONCursor, in list: NestedList) throws(JSONLFailure) -> ItemKey {
        // The usual key, written without spaces, is matched whole; any other is read in full.
        switch list {
        case .supplements:
            if matched(pauseStartKey, &c) { return .pauseStart }
            if matched(pauseEndKey, &c) { return .pauseEnd }
        case .fees: if matched(amountKey, &c) { return .amount }
        case .documents: if matched(digitizedKey, &c) { return .digitized }
        }
        let key = try JSONSyntax.key(&c)
        let name = UnsafeRawBufferPointer(start: c.base + key.start, count: key.end - key.start)
        switch list {
        case .supplements where equals(name, "NgayBoSung"): return .pauseStart
        case .supplements where equals(name, "NgayTiepNhanBoSung"): return .pauseEnd
        case .fees where equals(name, "Gia"): return .amount
        case .documents where equals(name, "DuocSoHoa"): return .digitized
        default: return .other
        }
    }

    /// Whether the key at `c` is `pattern`'s; `c` is then past its ':'.
    @inline(__always)
    private static func matched(_ pattern: JSONKeyPattern, _ c: inout JSONCursor) -> Bool {
        guard pattern.matches(c.base, at: c.position, end: c.end) else { return false }
        c.position &+= pattern.length
        return true
    }
}

@inline(__always)
private func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let p = text.utf8Start
    for i in 0..<bytes.count where bytes[i] != p[i] { return false }
    return true
}
