import CivilTime
import Records

/// How the clean path reads each column of a header, worked out once per parser: the column's
/// class and where its value lies in `DossierRecord`. The per-column loop then tests a few
/// classes, whose sequence repeats every record (branch predictors learn it), instead of taking
/// one indirect jump with a target per field, and stores each value at its offset without a
/// second switch.
///
/// Nothing here restates a field rule: a field's place in the record is found by letting
/// `FieldDecoder` store values into a blank record and seeing which bytes change, and a code
/// column's accepted values, with the bytes each stores, by calling `FieldDecoder.assignCode`
/// on every value of one or two digits.
struct CleanColumnPlan {
    /// What the clean path does with a column. (The order is the column loop's: the text-like
    /// classes first, below `code`, so that `isTextLike` is one compare.)
    enum Kind: UInt8 {
        /// Text, quoted or not; empty is absent.
        case text
        /// A field with its own decoder (`FieldDecoder.parseSupplementList`, a refusal or
        /// submission time in any spelling, a step column): read as text, then decoded by field.
        case other
        /// A column no field reads: only its end matters.
        case skipped
        /// One digit (or two) looked up in the column's code table, or empty.
        case code
        /// `yyyyMMddHHmmss`, or empty.
        case timestamp
        /// Past the header's last column: a record that reaches it has too many fields.
        case end

        /// Text, other or skipped: a value whose end the column loop scans for (one compare, by
        /// the order of the cases).
        var isTextLike: Bool { rawValue < Kind.code.rawValue }
    }

    struct Column {
        var kind: Kind
        /// A code column that takes two digits (the others take one).
        var twoDigits: Bool
        /// The bytes a code stores: 1, or 2 for an optional byte (value and tag).
        var width: UInt8
        /// The header's last column: a line end follows it.
        var isLast: Bool
        /// Where the field's value lies in `DossierRecord` (code, text and timestamp columns).
        var offset: Int
        /// A code column's table: for each value 0-99, the bytes it stores (the status column's
        /// with `presentBit`), or -1 when the field's rule refuses it.
        var codes: UnsafePointer<Int32>?
        var field: DossierField?
        /// The code columns from this one on that take one digit only, up to `maxRun` and
        /// short of the header's last column: read together when each holds one digit (0 or
        /// 1: read this column alone).
        var run: Int = 0
        /// The bytes of a run's digits and delimiters, in the two words that the clean path's
        /// `digitRun` reads.
        var runMask: (UInt64, UInt64) = (0, 0)
        /// The time columns from this one on (to the header's end, this one included): read in
        /// one inner loop, with no class test per column.
        var times: Int = 0
        /// A run's first column, when its run is `maxRun` long and the columns after this one
        /// store exactly the eight bytes from the next column's offset, in column order, each
        /// accepting a range of digits: for each of those seven columns, 16 entries by digit of
        /// the bytes it stores, in place in that word (0 for a refused digit). The run ORs seven
        /// entries and stores the word once.
        var packedCodes: UnsafePointer<UInt64>?
        /// With `packedCodes`, for each lane of the run's digits (`digitRun`'s two words, 16 bits
        /// a column): the lowest accepted digit, and 0x8000 less one past the highest, so that a
        /// refused digit sets its lane's top bit (`storePackedRun`; the first column's lane
        /// accepts every digit: its own table refuses).
        var digitFloor: (UInt64, UInt64) = (0, 0)
        var digitCeiling: (UInt64, UInt64) = (0, 0)
        /// Where this column's bytes lie in its run's packed word, in bits (`packedCodes`).
        var shift: UInt8 = 0

        var packsTail: Bool { packedCodes != nil }
    }

    /// The most columns a run reads: two words, a digit and a delimiter each.
    static let maxRun = 8

    /// One entry per column of the header, then one of kind `end`.
    let columns: UnsafeMutablePointer<Column>
    private let codeTables: UnsafeMutablePointer<Int32>
    /// The `packedCodes` of every run that has them, `packedEntries` each.
    private let packedTables: UnsafeMutablePointer<UInt64>
    private static let packedEntries = 16 * (maxRun - 1)
    static let codeValues = 100
    /// Set in the status column's table entries, above the stored bytes: the record's rules need
    /// to know that the column was not empty, and an OR of each code stored tells it.
    static let presentBit: Int32 = 1 << 16

    /// `SWAR.digitPairs`' pattern for this delimiter.
    let digitPattern: UInt64

    /// Bytes that must follow a record's start for the clean path to try it, and that it keeps
    /// after its bound: a text value's scan checks the bound, then reads 16 bytes past it, and
    /// the code and time columns after it check nothing, so each adds the most bytes it steps
    /// over (a time 14 and a delimiter, a code two digits and a delimiter).
    let room: Int

    init(columnFields: [DossierField?], delimiter: UInt8) {
        digitPattern = SWAR.digitPairPattern(delimiter: delimiter)
        room =
            32
            + columnFields.reduce(0) { sum, field in
                switch field.map(Self.kind) {
                case .timestamp: return sum + 15
                case .code: return sum + 3
                default: return sum
                }
            }
        let codeColumns = columnFields.filter { $0.map { Self.kind(of: $0) == .code } ?? false }.count
        codeTables = .allocate(capacity: max(1, codeColumns) * Self.codeValues)
        columns = .allocate(capacity: columnFields.count + 1)
        var nextTable = codeTables
        for (i, field) in columnFields.enumerated() {
            var column = Column(
                kind: .skipped, twoDigits: false, width: 0, isLast: i == columnFields.count - 1, offset: 0, codes: nil,
                field: field)
            if let field {
                let storage = Self.storage[Int(field.rawValue)]
                column.kind = Self.kind(of: field)
                column.offset = storage.offset
                if column.kind == .code {
                    column.width = UInt8(storage.width)
                    column.twoDigits = !Self.isFlag(field)
                    nextTable.initialize(from: storage.codes, count: Self.codeValues)
                    if field == .status {
                        for v in 0..<Self.codeValues where nextTable[v] >= 0 { nextTable[v] |= Self.presentBit }
                    }
                    column.codes = UnsafePointer(nextTable)
                    nextTable += Self.codeValues
                }
            }
            columns[i] = column
        }
        columns[columnFields.count] = Column(
            kind: .end, twoDigits: false, width: 0, isLast: false, offset: 0, codes: nil, field: nil)
        // Runs, from the last column back: a code column whose table takes no value above 9,
        // and time columns.
        var following = 0
        var times = 0
        for i in (0..<columnFields.count).reversed() {
            times = columns[i].kind == .timestamp ? times + 1 : 0
            columns[i].times = times
            let takesOneDigit =
                columns[i].codes.map { codes in (10..<Self.codeValues).allSatisfy { codes[$0] < 0 } } ?? false
            following = takesOneDigit && !columns[i].isLast ? min(following + 1, Self.maxRun) : 0
            columns[i].run = following
            let bytes = 2 * following
            columns[i].runMask = (
                bytes >= 8 ? ~0 : (1 << (8 * UInt64(bytes))) &- 1,
                bytes >= 16 ? ~0 : bytes <= 8 ? 0 : (1 << (8 * UInt64(bytes - 8))) &- 1
            )
        }
        var heads: [Int] = []
        for i in 0..<columnFields.count where columns[i].run == Self.maxRun { heads.append(i) }
        packedTables = .allocate(capacity: max(1, heads.count) * Self.packedEntries)
        packedTables.initialize(repeating: 0, count: max(1, heads.count) * Self.packedEntries)
        for (h, head) in heads.enumerated() { packTail(from: head, into: packedTables + h * Self.packedEntries) }
    }

    /// Sets `packedCodes` on the run at `head` when the offsets prove it: the run's columns after
    /// `head` lie side by side in column order over exactly eight bytes that `head`'s (one byte)
    /// does not touch, each accepts one range of digits, and every accepted code fits its width (the
    /// status's `presentBit` would not).
    private func packTail(from head: Int, into table: UnsafeMutablePointer<UInt64>) {
        let tail = (head + 1)..<(head + Self.maxRun)
        let base = columns[head + 1].offset
        var next = base
        var floor: [UInt64] = [0]
        var ceiling: [UInt64] = [0x8000 - 10]
        for j in tail {
            let column = columns[j]
            let limit = Int32(1) << (8 * Int32(column.width))
            let accepted = (0..<10).filter { column.codes![$0] >= 0 }
            guard column.offset == next, let low = accepted.first, let high = accepted.last,
                accepted.count == high - low + 1, (0..<Self.codeValues).allSatisfy({ column.codes![$0] < limit })
            else { return }
            floor.append(UInt64(low))
            ceiling.append(0x8000 - UInt64(high + 1))
            next += Int(column.width)
        }
        let headEnd = columns[head].offset + Int(columns[head].width)
        guard next == base + 8, columns[head].width == 1, headEnd <= base || columns[head].offset >= next else {
            return
        }
        for (t, j) in tail.enumerated() {
            columns[j].shift = UInt8(8 * (columns[j].offset - base))
            for d in 0..<10 where columns[j].codes![d] >= 0 {
                table[16 * t + d] = UInt64(columns[j].codes![d]) << UInt64(columns[j].shift)
            }
        }
        func lanes(_ values: [UInt64], _ word: Int) -> UInt64 {
            (0..<4).reduce(0) { $0 | values[4 * word + $1] << (16 * UInt64($1)) }
        }
        columns[head].digitFloor = (lanes(floor, 0), lanes(floor, 1))
        columns[head].digitCeiling = (lanes(ceiling, 0), lanes(ceiling, 1))
        columns[head].packedCodes = UnsafePointer(table)
    }

    /// Where `FieldDecoder` stores a field of the clean path's classes, and a code's table.
    private struct Storage {
        var offset = 0
        var width = 0
        var codes: [Int32] = []
    }

    /// Each field's storage, by raw value: probed once per process, not per parser.
    private static let storage: [Storage] = DossierField.allCases.map { field in
        switch kind(of: field) {
        case .code: return codeStorage(field)
        case .text:
            return Storage(
                offset: offset(of: UnsafeRawBufferPointer.self) {
                    _ = FieldDecoder.assignText(field, probeText, to: &$0)
                })
        case .timestamp:
            return Storage(
                offset: offset(of: Timestamp?.self) { FieldDecoder.assignTimestamp(field, probeTime, to: &$0) })
        case .skipped, .other, .end: return Storage()
        }
    }

    func deallocate() {
        columns.deallocate()
        codeTables.deallocate()
        packedTables.deallocate()
    }

    /// The clean path's class of a field.
    static func kind(of field: DossierField) -> Kind {
        switch field {
        case .received, .due, .processingEnd, .returned: return .timestamp
        case _ where isCode(field): return .code
        case .id, .procedure, .field, .agency, .procedureName, .owner: return .text
        default: return .other
        }
    }

    private static func isCode(_ field: DossierField) -> Bool {
        switch field {
        case .channel, .status, .level, .paidOnline: return true
        default: return isFlag(field)
        }
    }

    /// A 0/1 flag: one digit in the clean shape.
    private static func isFlag(_ field: DossierField) -> Bool {
        switch field {
        case .fullOnline, .feeBearing, .digitized, .electronicResult, .apology: return true
        default: return false
        }
    }

    // MARK: Probing FieldDecoder

    /// A text value to store (never read: the decoder only keeps the view).
    private static var probeText: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: 0x1111), count: 1)
    }
    /// A time with no zero byte, so every byte of its seconds changes.
    private static let probeTime = Timestamp(seconds: 0x0101_0101_0101_0101)

    /// The record's bytes that `store` changes in a blank record: its first and last, nil when
    /// none. (The same record's memory before and after, so padding plays no part.)
    private static func changedBytes(_ store: (inout DossierRecord) -> Void) -> (first: Int, last: Int)? {
        var record = DossierRecord()
        let before = withUnsafeBytes(of: &record) { Array($0) }
        store(&record)
        let after = withUnsafeBytes(of: &record) { Array($0) }
        guard let first = before.indices.first(where: { before[$0] != after[$0] }) else { return nil }
        let last = before.indices.last(where: { before[$0] != after[$0] })!
        return (first, last)
    }

    /// The offset of the `T` that `store` writes: its first changed byte, at `T`'s alignment.
    private static func offset<T>(of _: T.Type, _ store: (inout DossierRecord) -> Void) -> Int {
        guard let changed = changedBytes(store) else { preconditionFailure("FieldDecoder stored nothing") }
        let offset = changed.first & ~(MemoryLayout<T>.alignment - 1)
        precondition(changed.last < offset + MemoryLayout<T>.size)
        return offset
    }

    /// What `FieldDecoder.assignCode` stores for each value of `field`, and where: the span of
    /// bytes that any accepted value changes.
    private static func codeStorage(_ field: DossierField) -> Storage {
        var first = Int.max
        var last = -1
        for v in 0..<codeValues {
            guard let changed = changedBytes({ _ = FieldDecoder.assignCode(field, v, to: &$0) }) else { continue }
            first = min(first, changed.first)
            last = max(last, changed.last)
        }
        precondition(first <= last && last - first < 2, "a code stores one or two bytes")
        let codes = (0..<codeValues).map { v -> Int32 in
            var record = DossierRecord()
            guard FieldDecoder.assignCode(field, v, to: &record) else { return -1 }
            let bytes = withUnsafeBytes(of: &record) { Array($0[first...last]) }
            return Int32(bytes[0]) | (bytes.count > 1 ? Int32(bytes[1]) << 8 : 0)
        }
        return Storage(offset: first, width: last - first + 1, codes: codes)
    }
}
