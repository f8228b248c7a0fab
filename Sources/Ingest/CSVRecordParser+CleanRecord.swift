import CivilTime
import Records

extension CSVRecordParser {
    /// Bytes that must follow a record's start for `parseClean` to try it, and that it keeps
    /// after `limit` (`CleanColumnPlan.room`).
    var cleanRoom: Int { plan.room }

    /// Parses a record written the way exports write nearly all of them, in one pass with each
    /// value decoded where it lies: timestamps as `yyyyMMddHHmmss`, codes as one or two digits,
    /// text with no surrounding spaces and no line breaks inside quotes, the header's number of
    /// fields, one line end, a valid record.
    ///
    /// Returns the end of the record (past its line end), or nil for anything else; the general
    /// path then parses the record again from its start, so this path changes speed only.
    /// - Parameter limit: the buffer's end less `cleanRoom`: the text scans check it, and the
    ///   other columns rely on the room after it.
    @inline(__always)
    mutating func parseClean(
        _ base: UnsafePointer<UInt8>, at start: Int, limit: Int, into record: inout DossierRecord
    ) -> Int? {
        record.reset()
        scratchUsed = 0
        var hasStatus = false
        guard
            let end = withUnsafeMutablePointer(
                to: &record, { parseColumns(base, at: start, limit: limit, into: $0, hasStatus: &hasStatus) })
        else { return nil }
        // Text that is not UTF-8: the general path names the byte.
        guard Self.keyText(&record, textKeys), FieldDecoder.validateRules(record, hasStatus: hasStatus) == nil else {
            return nil
        }
        return end
    }

    /// The columns of `parseClean`, on a record given by address: each value is stored at the
    /// offset its column's plan gives (`CleanColumnPlan`). Returns the end of the record.
    @inline(__always)
    private mutating func parseColumns(
        _ base: UnsafePointer<UInt8>, at start: Int, limit: Int, into record: UnsafeMutablePointer<DossierRecord>,
        hasStatus: inout Bool
    ) -> Int? {
        // Locals, not loads through `self`, on the path of each column.
        let delimiter = self.delimiter
        let delimiters = SIMD16<UInt8>(repeating: delimiter)
        let raw = UnsafeMutableRawPointer(record)
        var column = UnsafePointer(plan.columns)
        // The bits of every code stored: the status column's carry `CleanColumnPlan.presentBit`,
        // and a refused code's -1 makes it negative.
        var codeBits: Int32 = 0
        // The text columns whose values hold a doubled quote, by index.
        var escapedColumns: UInt64 = 0
        var p = start
        while true {
            let b = base[p]
            let kind = column.pointee.kind
            // The text-like classes first (the most columns of a record), then codes, then
            // times: conditional branches whose sequence repeats every record, not a jump
            // table. A false test (an unusual value) sends the record to the general path.
            if kind.isTextLike {
                let valueStart = b == 0x22 ? p &+ 1 : p
                guard let end = valueEnd(base, &p, limit: limit, delimiter, delimiters) else { return nil }
                // Empty is absent, and a skipped column's value only ends: the text class is
                // tested first (the most columns), with no second class test on its path.
                if kind == .text {
                    if end.position > valueStart {
                        guard !hasSurroundingSpace(base, valueStart, end.position) else { return nil }
                        let value = UnsafeRawBufferPointer(
                            start: base + valueStart, count: end.position &- valueStart)
                        raw.storeBytes(of: value, toByteOffset: column.pointee.offset, as: UnsafeRawBufferPointer.self)
                        // A doubled quote: the value is stored as read and unescaped after the
                        // loop, so that no call (and no register saved around it) sits on the
                        // path of the other values.
                        if end.hasEscapes {
                            let index = column - UnsafePointer(plan.columns)
                            guard index < 64 else { return nil }
                            escapedColumns |= 1 &<< UInt64(index)
                        }
                    }
                } else if kind == .other && end.position > valueStart {
                    guard !hasSurroundingSpace(base, valueStart, end.position) else { return nil }
                    let value = UnsafeRawBufferPointer(start: base + valueStart, count: end.position &- valueStart)
                    guard
                        assignOther(
                            column.pointee.field.unsafelyUnwrapped, value, escaped: end.hasEscapes,
                            to: &record.pointee)
                    else { return nil }
                }
            } else if let codes = column.pointee.codes {
                let run = column.pointee.run
                if run >= 2, let values = digitRun(base, p, column.pointee.runMask, plan.digitPattern) {
                    // Each column of the run holds one digit, then the delimiter: one word test
                    // for up to four columns, and no loop turn per column. The longest run
                    // (DVCQG's channel to apology) with its length a constant: no count test
                    // per column.
                    if column.pointee.packsTail {
                        storePackedRun(values, &column, raw, &codeBits)
                    } else if run == CleanColumnPlan.maxRun {
                        storeRun(values, CleanColumnPlan.maxRun, &column, raw, &codeBits)
                    } else {
                        storeRun(values, run, &column, raw, &codeBits)
                    }
                    // At the run's last delimiter, which the common end below steps over.
                    p &+= 2 &* run &- 1
                } else {
                    let first = Int(b) &- 48
                    if first >= 0 && first <= 9 {
                        var v = first
                        let second = Int(base[p &+ 1]) &- 48
                        if column.pointee.twoDigits && second >= 0 && second <= 9 {
                            v = first &* 10 &+ second
                            p &+= 1
                        }
                        p &+= 1
                        storeCode(codes[v], column, raw, &codeBits)
                    } else {
                        guard isEmpty(b) else { return nil }
                    }
                }
            } else if kind == .timestamp {
                // The time columns from here on, in one loop: no class test per column. (Each
                // column's `times` counts the run's columns left, its own included: no counter.)
                while true {
                    if let t = dates.compact(base + p) {
                        raw.storeBytes(of: Optional(t), toByteOffset: column.pointee.offset, as: Timestamp?.self)
                        p &+= 14
                    } else {
                        guard isEmpty(base[p]) else { return nil }
                    }
                    if column.pointee.times == 1 { break }
                    // Not the header's last column (the run's last is the only one that can be).
                    guard base[p] == delimiter else { return nil }
                    column += 1
                    p &+= 1
                }
            } else {
                // Past the last column: too many fields.
                return nil
            }
            // The line end is tested only where the delimiter is not found, and the column past
            // the last one (kind `end`) refuses a delimiter there: no per-column "last" test.
            guard base[p] == delimiter else {
                guard column.pointee.isLast, codeBits >= 0 else { return nil }
                hasStatus = codeBits & CleanColumnPlan.presentBit != 0
                if escapedColumns != 0 { unescapeColumns(escapedColumns, raw) }
                if base[p] == 0x0A { return p &+ 1 }
                if base[p] == 0x0D && base[p &+ 1] == 0x0A { return p &+ 2 }
                return nil
            }
            column += 1
            p &+= 1
        }
    }

    /// Stores a code table's entry at its column's offset (one byte, or two for an optional) and
    /// adds its bits to `codeBits`. An entry the field's rule refuses (-1) makes `codeBits`
    /// negative: the record is refused at its end, one test for all its codes (what was stored
    /// meanwhile does not matter: the general path resets the record).
    @inline(__always)
    private func storeCode(
        _ stored: Int32, _ column: UnsafePointer<CleanColumnPlan.Column>, _ raw: UnsafeMutableRawPointer,
        _ codeBits: inout Int32
    ) {
        codeBits |= stored
        if column.pointee.width == 1 {
            raw.storeBytes(of: UInt8(truncatingIfNeeded: stored), toByteOffset: column.pointee.offset, as: UInt8.self)
        } else {
            raw.storeBytes(of: UInt16(truncatingIfNeeded: stored), toByteOffset: column.pointee.offset, as: UInt16.self)
        }
    }

    /// Stores the codes of a run of `count` one-digit columns from `column` (left at the run's
    /// last), their digits as `digitRun` gives them.
    @inline(__always)
    private func storeRun(
        _ values: (UInt64, UInt64), _ count: Int, _ column: inout UnsafePointer<CleanColumnPlan.Column>,
        _ raw: UnsafeMutableRawPointer, _ codeBits: inout Int32
    ) {
        var word = values.0
        var k = 0
        while true {
            let stored = column.pointee.codes.unsafelyUnwrapped[Int(truncatingIfNeeded: word & 0xF)]
            storeCode(stored, column, raw, &codeBits)
            k &+= 1
            if k == count { break }
            column += 1
            word = k == 4 ? values.1 : word &>> 16
        }
    }

    /// Stores the codes of a `maxRun` run whose plan `packsTail` (`column` left at the run's
    /// last): the first column's byte, the others as one word, the OR of their
    /// `packedCodes` entries. A refused digit sets its lane's top bit in the range test, which
    /// makes `codeBits` negative (what its entry, 0, left in the word does not matter).
    @inline(__always)
    private func storePackedRun(
        _ values: (UInt64, UInt64), _ column: inout UnsafePointer<CleanColumnPlan.Column>,
        _ raw: UnsafeMutableRawPointer, _ codeBits: inout Int32
    ) {
        let head = column
        // The first column stores one byte (the plan proves it): no width test.
        let first = head.pointee.codes.unsafelyUnwrapped[Int(truncatingIfNeeded: values.0 & 0xF)]
        codeBits |= first
        raw.storeBytes(of: UInt8(truncatingIfNeeded: first), toByteOffset: head.pointee.offset, as: UInt8.self)
        let top: UInt64 = 0x8000_8000_8000_8000
        let (floor, ceiling) = (head.pointee.digitFloor, head.pointee.digitCeiling)
        let refused =
            ((values.0 &+ ceiling.0) | ~((values.0 | top) &- floor.0) | (values.1 &+ ceiling.1)
                | ~((values.1 | top) &- floor.1)) & top
        let folded = UInt32(truncatingIfNeeded: refused | refused &>> 32)
        codeBits |= Int32(bitPattern: folded | folded &<< 16)
        // (Each lane holds a digit, 0-9: `digitRun` checked them.)
        let t = head.pointee.packedCodes.unsafelyUnwrapped
        let low =
            t[Int(truncatingIfNeeded: values.0 &>> 16 & 0xF)] | t[16 &+ Int(truncatingIfNeeded: values.0 &>> 32 & 0xF)]
            | t[32 &+ Int(truncatingIfNeeded: values.0 &>> 48 & 0xF)]
        let high =
            t[48 &+ Int(truncatingIfNeeded: values.1 & 0xF)] | t[64 &+ Int(truncatingIfNeeded: values.1 &>> 16 & 0xF)]
            | t[80 &+ Int(truncatingIfNeeded: values.1 &>> 32 & 0xF)]
            | t[96 &+ Int(truncatingIfNeeded: values.1 &>> 48 & 0xF)]
        raw.storeBytes(of: low | high, toByteOffset: head[1].offset, as: UInt64.self)
        column += CleanColumnPlan.maxRun &- 1
    }

    /// The digit values of a run of one-digit code columns at `p` (each followed by the
    /// delimiter) in the low byte of each pair of two words, as `SWAR.digitPairs` reads them;
    /// nil when a byte under `mask` breaks that shape. (Reads 16 bytes: within the 16 that `cleanRoom` keeps.)
    @inline(__always)
    private func digitRun(
        _ base: UnsafePointer<UInt8>, _ p: Int, _ mask: (UInt64, UInt64), _ pattern: UInt64
    ) -> (UInt64, UInt64)? {
        let raw = UnsafeRawPointer(base + p)
        let low = SWAR.digitPairs(raw.loadUnaligned(as: UInt64.self), pattern)
        let high = SWAR.digitPairs(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), pattern)
        guard (low.faults & mask.0) | (high.faults & mask.1) == 0 else { return nil }
        return (low.values, high.values)
    }

    /// Replaces the stored value of each text column in `columns` (bits by column index), read
    /// with its doubled quotes, by its unescaped copy.
    @inline(never)
    private mutating func unescapeColumns(_ columns: UInt64, _ raw: UnsafeMutableRawPointer) {
        var left = columns
        while left != 0 {
            let offset = plan.columns[left.trailingZeroBitCount].offset
            left &= left &- 1
            let value = raw.load(fromByteOffset: offset, as: UnsafeRawBufferPointer.self)
            raw.storeBytes(of: unescape(value), toByteOffset: offset, as: UnsafeRawBufferPointer.self)
        }
    }

    /// A value of a field with its own decoder (`CleanColumnPlan.Kind.other`), out of line so that
    /// the column loop stays small enough for the compiler to inline the common columns' helpers.
    @inline(never)
    private mutating func assignOther(
        _ field: DossierField, _ read: UnsafeRawBufferPointer, escaped: Bool, to record: inout DossierRecord
    ) -> Bool {
        let value = escaped ? unescape(read) : read
        // (Step rows never take this path: `triesCleanPath` is off for them.)
        if field.isStepColumn || field == .steps { return false }
        if field == .supplements { return FieldDecoder.parseSupplementList(value, into: &record, dates: &dates) }
        if field == .refused || field == .submitted {
            guard let t = dates.parse(value) else { return false }
            FieldDecoder.assignTimestamp(field, t, to: &record)
            return true
        }
        return FieldDecoder.assignText(field, value, to: &record)
    }

    /// Checks that the record's text values are UTF-8, and gives the unit its key: units are
    /// the few dozen values most reports group by, and often not ASCII, so the probe that finds
    /// the key also stands for the UTF-8 check. An ASCII code (`MaTTHC`, `MaLinhVuc`) passes a
    /// few word tests and gets no key. False when a value is not UTF-8. (Out of line, so that
    /// the clean path it is called from stays small enough for its own parts to be inlined.)
    /// (Static: a method would copy the parser on each call.)
    @inline(never)
    private static func keyText(_ record: inout DossierRecord, _ textKeys: TextKeyTable) -> Bool {
        // The id and both codes are ASCII in nearly every log: one test for the three.
        if UTF8Validation.isASCII(folded: UTF8Validation.foldedBytes(record.id) | codesFolded(record)) {
            record.procedureKey = -1
            record.fieldKey = -1
        } else {
            guard keyCodes(&record, textKeys) else { return false }
        }
        record.agencyKey = record.agency.count > 0 ? textKeys.keyInline(of: record.agency) : -1
        guard record.agencyKey != TextKeyTable.invalid else { return false }
        record.textKeyTag = textKeys.tag
        return true
    }

    /// `MaTTHC` and `MaLinhVuc` ORed into sixteen lanes (`UTF8Validation.foldedBytes`). Side by side,
    /// as DVCQG's exports write them, they fold as one span with the delimiter between: both
    /// views lie in the record's line (or both in the unescaped copies), so the bytes between
    /// are readable, and a high byte there only sends the record to `keyCodes`' exact tests.
    @inline(__always)
    private static func codesFolded(_ record: borrowing DossierRecord) -> SIMD16<UInt8> {
        // Addresses: `MaLinhVuc` not empty, and after `MaTTHC` (with a byte between), within 32
        // bytes of its start.
        let procedure = Int(bitPattern: record.procedure.baseAddress)
        let procedureEnd = procedure &+ record.procedure.count
        let field = Int(bitPattern: record.field.baseAddress)
        let end = field &+ record.field.count
        if procedure != 0, end > field, field > procedureEnd, end &- procedure <= 32 {
            return UTF8Validation.foldedBytes(
                UnsafeRawBufferPointer(start: record.procedure.baseAddress, count: end &- procedure))
        }
        return UTF8Validation.foldedBytes(record.procedure) | UTF8Validation.foldedBytes(record.field)
    }

    /// The exact tests of the id and both codes when a byte of one is not ASCII: a code that is
    /// not ASCII gets a key (and its UTF-8 check); false when one is not UTF-8. (Out of line:
    /// rare, and the probes would make `keyText` larger.)
    @inline(never)
    private static func keyCodes(_ record: inout DossierRecord, _ textKeys: TextKeyTable) -> Bool {
        guard UTF8Validation.firstInvalid(record.id) == nil else { return false }
        record.procedureKey = UTF8Validation.isASCII(record.procedure) ? -1 : textKeys.key(of: record.procedure)
        record.fieldKey = UTF8Validation.isASCII(record.field) ? -1 : textKeys.key(of: record.field)
        return record.procedureKey != TextKeyTable.invalid && record.fieldKey != TextKeyTable.invalid
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A space or tab at either end of the value in `start..<end` (not empty): the general path
    /// trims them. (Both are at most 0x20: one test on the common path. Unescaping keeps the
    /// end bytes.)
    @inline(__always)
    private func hasSurroundingSpace(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let first = base[start]
        let last = base[end &- 1]
        return min(first, last) <= 0x20 && (isSpace(first) || isSpace(last))
    }

    /// A value starting with `b` is empty: the column ends at once.
    @inline(__always)
    private func isEmpty(_ b: UInt8) -> Bool { b == delimiter || b == 0x0A || b == 0x0D }

    /// Moves `p` from the start of a text value to its terminator (past the closing quote of a
    /// quoted value) and returns where the value's bytes end, nil when the value is unusual.
    /// (`delimiter`: the parser's, passed so that it is not loaded again for each value.)
    @inline(__always)
    private func valueEnd(
        _ base: UnsafePointer<UInt8>, _ p: inout Int, limit: Int, _ delimiter: UInt8, _ delimiters: SIMD16<UInt8>
    ) -> (position: Int, hasEscapes: Bool)? {
        if base[p] == 0x22 {
            var hasEscapes = false
            p &+= 1
            while true {
                guard let quote = nextQuoteOnLine(base, from: p, limit: limit) else { return nil }
                p = quote &+ 1
                // A doubled quote is an escaped quote.
                guard base[p] == 0x22 else { return (quote, hasEscapes) }
                hasEscapes = true
                p &+= 1
            }
        }
        let start = p
        guard let stop = nextStopOnLine(base, from: p, limit: limit, delimiters) else { return nil }
        p = stop
        // The delimiter first: one test for most values.
        if base[stop] == delimiter { return (stop, false) }
        guard base[stop] == 0x0A else { return nil }  // a quote inside the value
        // CRLF: the carriage return is not part of the value.
        if stop > start, base[stop - 1] == 0x0D { return (stop - 1, false) }
        return (stop, false)
    }

    /// The first delimiter, line feed or quote at or after `p`, sixteen bytes at a time (SIMD
    /// compares read as one lane mask); nil past `limit`. (`delimiters`: the
    /// delimiter in every lane, made once per record.)
    @inline(__always)
    private func nextStopOnLine(
        _ base: UnsafePointer<UInt8>, from start: Int, limit: Int, _ delimiters: SIMD16<UInt8>
    ) -> Int? {
        var p = start
        let raw = UnsafeRawPointer(base)
        while p <= limit {
            let bytes = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
            let stops = LaneBits.of(
                (bytes .== delimiters) .| (bytes .== SIMD16(repeating: 0x0A)) .| (bytes .== SIMD16(repeating: 0x22)))
            if stops != 0 { return p &+ stops.trailingZeroBitCount }
            p &+= 16
        }
        return nil
    }

    /// The closing quote of a quoted value at or after `p`; nil when a line feed comes first
    /// (the general path counts lines) or past `limit`.
    @inline(__always)
    private func nextQuoteOnLine(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var p = start
        let raw = UnsafeRawPointer(base)
        while p <= limit {
            let bytes = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
            let hits = LaneBits.of((bytes .== SIMD16(repeating: 0x22)) .| (bytes .== SIMD16(repeating: 0x0A)))
            if hits != 0 {
                let q = p &+ hits.trailingZeroBitCount
                // The two bytes after a closing quote are read next (a doubled quote, then a
                // CRLF), so a quote in the buffer's last two bytes is left to the general path.
                return base[q] == 0x22 && q <= limit &+ 13 ? q : nil
            }
            p &+= 16
        }
        return nil
    }
}
