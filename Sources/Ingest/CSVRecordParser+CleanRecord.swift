import CivilTime
import Records

extension CSVRecordParser {
    /// Bytes that must follow a record's start for `parseClean` to try it: its reads run up to
    /// 16 bytes past the position it checked.
    static let cleanRoom = 16

    /// Parses a record written the way exports write nearly all of them, in one pass with each
    /// value decoded where it lies: timestamps as `yyyyMMddHHmmss`, codes as one or two digits,
    /// text with no surrounding spaces and no line breaks inside quotes, the header's number of
    /// fields, one line end, a valid record.
    ///
    /// Returns the end of the record (past its line end), or nil for anything else; the general
    /// path then parses the record again from its start, so this path changes speed only.
    /// - Parameter limit: the last position whose next 16 bytes may be read.
    @inline(__always)
    mutating func parseClean(
        _ base: UnsafePointer<UInt8>, at start: Int, limit: Int, into record: inout DossierRecord
    ) -> Int? {
        record.reset()
        scratchUsed = 0
        // Locals, not loads through `self`, on the path to each column's dispatch.
        let delimiter = self.delimiter
        let fields = self.fields
        let lastColumn = columnCount - 1
        var hasStatus = false
        var p = start
        var column = 0
        while true {
            let b = base[p]
            // One case per field, its name spelled out so the shared decoders fold to the one
            // store it needs. A false result (an unusual value) sends the record to the general path.
            switch fields[column] {
            case .received?: guard timestampColumn(.received, b, base, &p, &record) else { return nil }
            case .due?: guard timestampColumn(.due, b, base, &p, &record) else { return nil }
            case .processingEnd?: guard timestampColumn(.processingEnd, b, base, &p, &record) else { return nil }
            case .returned?: guard timestampColumn(.returned, b, base, &p, &record) else { return nil }
            case .status?:
                guard codeColumn(.status, twoDigits: true, b, base, &p, &record) else { return nil }
                hasStatus = !isEmpty(b)
            case .channel?: guard codeColumn(.channel, twoDigits: true, b, base, &p, &record) else { return nil }
            case .level?: guard codeColumn(.level, twoDigits: true, b, base, &p, &record) else { return nil }
            case .paidOnline?: guard codeColumn(.paidOnline, twoDigits: true, b, base, &p, &record) else { return nil }
            case .fullOnline?: guard codeColumn(.fullOnline, twoDigits: false, b, base, &p, &record) else { return nil }
            case .feeBearing?: guard codeColumn(.feeBearing, twoDigits: false, b, base, &p, &record) else { return nil }
            case .digitized?: guard codeColumn(.digitized, twoDigits: false, b, base, &p, &record) else { return nil }
            case .electronicResult?:
                guard codeColumn(.electronicResult, twoDigits: false, b, base, &p, &record) else { return nil }
            case .apology?: guard codeColumn(.apology, twoDigits: false, b, base, &p, &record) else { return nil }
            case .id?, .procedure?, .field?, .agency?, .procedureName?, .owner?, .supplements?, .refused?, .submitted?,
                .stepTime?, .stepStart?, .stepPlannedEnd?, .stepStatus?, .department?, .handler?, .handlerTitle?,
                .stepContent?, .steps?:
                // Text, quoted or not; empty is absent. The timestamps most records leave empty
                // (`NgayTuChoi`, `NgayNopHoSo`) come here too: a case of their own in this switch
                // made the compiler stop inlining the common columns' helpers (+6% per record).
                let valueStart = b == 0x22 ? p + 1 : p
                guard let end = valueEnd(base, &p, limit: limit) else { return nil }
                if end.position > valueStart {
                    var value = UnsafeRawBufferPointer(start: base + valueStart, count: end.position - valueStart)
                    if end.hasEscapes { value = unescape(value) }
                    // Spaces around a value: the general path trims them.
                    if isSpace(value[0]) || isSpace(value[value.count - 1]) { return nil }
                    let field = fields[column]!
                    // (Step rows never take this path: `triesCleanPath` is off for them.)
                    if field.isStepColumn || field == .steps { return nil }
                    if field == .supplements {
                        guard FieldDecoder.parseSupplementList(value, into: &record, dates: &dates) else { return nil }
                    } else if field == .refused || field == .submitted {
                        guard assignRareTimestamp(field, value, to: &record) else { return nil }
                    } else {
                        _ = FieldDecoder.assignText(field, value, to: &record)
                    }
                }
            case nil:
                guard valueEnd(base, &p, limit: limit) != nil else { return nil }
            }
            if column == lastColumn {
                let end: Int
                if base[p] == 0x0A {
                    end = p + 1
                } else if base[p] == 0x0D && base[p + 1] == 0x0A {
                    end = p + 2
                } else {
                    return nil
                }
                // Text that is not UTF-8: the general path names the byte.
                guard Self.keyText(&record, textKeys), FieldDecoder.validateRules(record, hasStatus: hasStatus) == nil
                else {
                    return nil
                }
                return end
            }
            guard base[p] == delimiter else { return nil }
            column &+= 1
            p &+= 1
            guard p <= limit else { return nil }
        }
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
        let folded =
            UTF8Validation.foldedBytes(record.id) | UTF8Validation.foldedBytes(record.procedure)
            | UTF8Validation.foldedBytes(record.field)
        if folded & UTF8Validation.highBits == 0 {
            record.procedureKey = -1
            record.fieldKey = -1
        } else {
            guard UTF8Validation.firstInvalid(record.id) == nil else { return false }
            record.procedureKey = UTF8Validation.isASCII(record.procedure) ? -1 : textKeys.key(of: record.procedure)
            record.fieldKey = UTF8Validation.isASCII(record.field) ? -1 : textKeys.key(of: record.field)
            guard record.procedureKey != TextKeyTable.invalid, record.fieldKey != TextKeyTable.invalid else {
                return false
            }
        }
        record.agencyKey = record.agency.count > 0 ? textKeys.key(of: record.agency) : -1
        guard record.agencyKey != TextKeyTable.invalid else { return false }
        record.textKeyTag = textKeys.tag
        return true
    }

    /// A timestamp column starting with byte `b` at `p`: `yyyyMMddHHmmss` (stored, and `p` moves
    /// past it) or empty (absent). False for anything else. The caller checks what follows.
    @inline(__always)
    private mutating func timestampColumn(
        _ field: DossierField, _ b: UInt8, _ base: UnsafePointer<UInt8>, _ p: inout Int,
        _ record: inout DossierRecord
    ) -> Bool {
        guard let t = dates.compact(base + p) else { return isEmpty(b) }
        FieldDecoder.assignTimestamp(field, t, to: &record)
        p += 14
        return true
    }

    /// `NgayTuChoi` or `NgayNopHoSo`, any spelling, out of line so that this function stays
    /// small enough for the compiler to inline the common columns' helpers.
    @inline(never)
    private mutating func assignRareTimestamp(
        _ field: DossierField, _ value: UnsafeRawBufferPointer, to record: inout DossierRecord
    ) -> Bool {
        guard let t = dates.parse(value) else { return false }
        FieldDecoder.assignTimestamp(field, t, to: &record)
        return true
    }

    /// A code or flag column: one digit (two with `twoDigits`) that the field's rule accepts
    /// (stored, and `p` moves past it), or empty (absent). False for anything else.
    @inline(__always)
    private func codeColumn(
        _ field: DossierField, twoDigits: Bool, _ b: UInt8, _ base: UnsafePointer<UInt8>, _ p: inout Int,
        _ record: inout DossierRecord
    ) -> Bool {
        guard let v = code(base, &p, twoDigits: twoDigits) else { return isEmpty(b) }
        return FieldDecoder.assignCode(field, v, to: &record)
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A value starting with `b` is empty: the column ends at once.
    @inline(__always)
    private func isEmpty(_ b: UInt8) -> Bool { b == delimiter || b == 0x0A || b == 0x0D }

    /// A one-digit (or, with `twoDigits`, two-digit) number at `p`, which then moves past it.
    @inline(__always)
    private func code(_ base: UnsafePointer<UInt8>, _ p: inout Int, twoDigits: Bool) -> Int? {
        let first = Int(base[p]) &- 48
        guard first >= 0 && first <= 9 else { return nil }
        let second = Int(base[p + 1]) &- 48
        if twoDigits && second >= 0 && second <= 9 {
            p += 2
            return first * 10 + second
        }
        p += 1
        return first
    }

    /// Moves `p` from the start of a text value to its terminator (past the closing quote of a
    /// quoted value) and returns where the value's bytes end, nil when the value is unusual.
    @inline(__always)
    private func valueEnd(
        _ base: UnsafePointer<UInt8>, _ p: inout Int, limit: Int
    ) -> (position: Int, hasEscapes: Bool)? {
        if base[p] == 0x22 {
            var hasEscapes = false
            p += 1
            while true {
                guard let quote = nextQuoteOnLine(base, from: p, limit: limit) else { return nil }
                p = quote + 1
                // A doubled quote is an escaped quote.
                guard base[p] == 0x22 else { return (quote, hasEscapes) }
                hasEscapes = true
                p += 1
            }
        }
        let start = p
        guard let stop = nextStopOnLine(base, from: p, limit: limit), base[stop] != 0x22 else { return nil }
        p = stop
        // CRLF: the carriage return is not part of the value.
        if base[stop] == 0x0A, stop > start, base[stop - 1] == 0x0D { return (stop - 1, false) }
        return (stop, false)
    }

    /// The first delimiter, line feed or quote at or after `p`, sixteen bytes at a time (SIMD
    /// compares; `any` becomes one mask-and-test); nil past `limit`.
    @inline(__always)
    private func nextStopOnLine(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var p = start
        let raw = UnsafeRawPointer(base)
        let delimiters = SIMD16<UInt8>(repeating: delimiter)
        while p <= limit {
            let bytes = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
            let stops = Self.words(
                (bytes .== delimiters) .| (bytes .== SIMD16(repeating: 0x0A)) .| (bytes .== SIMD16(repeating: 0x22)))
            if stops[0] | stops[1] != 0 { return p + SWAR.firstMarked(low: stops[0], high: stops[1]) }
            p += 16
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
            let hits = Self.words((bytes .== SIMD16(repeating: 0x22)) .| (bytes .== SIMD16(repeating: 0x0A)))
            if hits[0] | hits[1] != 0 {
                let q = p + SWAR.firstMarked(low: hits[0], high: hits[1])
                // The two bytes after a closing quote are read next (a doubled quote, then a
                // CRLF), so a quote in the buffer's last two bytes is left to the general path.
                return base[q] == 0x22 && q <= limit + 13 ? q : nil
            }
            p += 16
        }
        return nil
    }

    /// A 16-lane mask as two words, 0xFF in each byte whose lane is set.
    @inline(__always)
    private static func words(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
        unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    }
}
