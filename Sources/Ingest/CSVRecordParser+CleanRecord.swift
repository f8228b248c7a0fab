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
        // Every column of the header is assigned below (an empty value as absent), and no other
        // field is ever set, so only the pauses need clearing; no full reset per record.
        if !record.pauses.isEmpty { record.pauses.removeAll(keepingCapacity: true) }
        scratchUsed = 0
        // Locals, not loads through `self`, on the path to each column's dispatch.
        let delimiter = self.delimiter
        let columns = cleanColumns
        let lastColumn = columnCount - 1
        var hasStatus = false
        var p = start
        var column = 0
        while true {
            let b = base[p]
            let kind = columns[column]
            // Each case reads its column's usual shape; failing that, an empty value is absent
            // (text cases see an empty value as a value of no bytes).
            switch kind {
            case .received:
                if let t = timestamp(base, &p) {
                    record.received = t
                } else if isEmpty(b) {
                    record.received = nil
                } else {
                    return nil
                }
            case .due:
                if let t = timestamp(base, &p) {
                    record.due = t
                } else if isEmpty(b) {
                    record.due = nil
                } else {
                    return nil
                }
            case .processingEnd:
                if let t = timestamp(base, &p) {
                    record.processingEnd = t
                } else if isEmpty(b) {
                    record.processingEnd = nil
                } else {
                    return nil
                }
            case .returned:
                if let t = timestamp(base, &p) {
                    record.returned = t
                } else if isEmpty(b) {
                    record.returned = nil
                } else {
                    return nil
                }
            case .status:
                if let v = code(base, &p, twoDigits: true) {
                    guard v >= 1 && v <= 10 else { return nil }
                    record.status = DossierStatus(rawValue: UInt8(v))!
                    hasStatus = true
                } else if isEmpty(b) {
                    record.status = .received
                } else {
                    return nil
                }
            case .channel:
                if let v = code(base, &p, twoDigits: true) {
                    guard v >= 1 && v <= 3 else { return nil }
                    record.channel = UInt8(v)
                } else if isEmpty(b) {
                    record.channel = 0
                } else {
                    return nil
                }
            case .level:
                if let v = code(base, &p, twoDigits: true) {
                    guard v >= 2 && v <= 4 else { return nil }
                    record.level = UInt8(v)
                } else if isEmpty(b) {
                    record.level = 0
                } else {
                    return nil
                }
            case .paidOnline:
                if let v = code(base, &p, twoDigits: true) {
                    guard v <= 2 else { return nil }
                    record.paidOnline = UInt8(v)
                } else if isEmpty(b) {
                    record.paidOnline = nil
                } else {
                    return nil
                }
            case .fullOnline:
                if let v = flag(base, &p) {
                    record.fullOnline = v
                } else if isEmpty(b) {
                    record.fullOnline = nil
                } else {
                    return nil
                }
            case .feeBearing:
                if let v = flag(base, &p) {
                    record.feeBearing = v
                } else if isEmpty(b) {
                    record.feeBearing = nil
                } else {
                    return nil
                }
            case .digitized:
                if let v = flag(base, &p) {
                    record.digitized = v
                } else if isEmpty(b) {
                    record.digitized = nil
                } else {
                    return nil
                }
            case .electronicResult:
                if let v = flag(base, &p) {
                    record.electronicResult = v
                } else if isEmpty(b) {
                    record.electronicResult = nil
                } else {
                    return nil
                }
            case .apology:
                if let v = flag(base, &p) {
                    record.apology = v
                } else if isEmpty(b) {
                    record.apology = nil
                } else {
                    return nil
                }
            case .ignored:
                guard valueEnd(base, &p, limit: limit) != nil else { return nil }
            case .id, .procedure, .field, .agency, .supplements:
                let valueStart = b == 0x22 ? p + 1 : p
                guard let end = valueEnd(base, &p, limit: limit) else { return nil }
                if end.position == valueStart {
                    // Absent: what a fresh record holds.
                    let none = UnsafeRawBufferPointer(start: nil, count: 0)
                    switch kind {
                    case .id: record.id = none
                    case .procedure: record.procedure = none
                    case .field: record.field = none
                    case .agency: record.agency = none
                    default: break
                    }
                } else {
                    var value = UnsafeRawBufferPointer(start: base + valueStart, count: end.position - valueStart)
                    if end.hasEscapes { value = unescape(value) }
                    // Spaces around a value: the general path trims them.
                    if isSpace(value[0]) || isSpace(value[value.count - 1]) { return nil }
                    switch kind {
                    case .id: record.id = value
                    case .procedure: record.procedure = value
                    case .field: record.field = value
                    case .agency: record.agency = value
                    default:
                        guard FieldDecoder.parseSupplementList(value, into: &record, dates: &dates) else {
                            return nil
                        }
                    }
                }
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
                guard FieldDecoder.validate(record, hasStatus: hasStatus) == nil else { return nil }
                return end
            }
            guard base[p] == delimiter else { return nil }
            column &+= 1
            p &+= 1
            guard p <= limit else { return nil }
        }
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A value starting with `b` is empty: the column ends at once.
    @inline(__always)
    private func isEmpty(_ b: UInt8) -> Bool { b == delimiter || b == 0x0A || b == 0x0D }

    /// A `yyyyMMddHHmmss` value at `p`, which then moves past it (the caller checks that a
    /// delimiter or line end follows).
    @inline(__always)
    private mutating func timestamp(_ base: UnsafePointer<UInt8>, _ p: inout Int) -> Timestamp? {
        guard case .valid(let t) = dates.compact(base + p) else { return nil }
        p += 14
        return t
    }

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

    /// A 0 or 1 at `p`, which then moves past it.
    @inline(__always)
    private func flag(_ base: UnsafePointer<UInt8>, _ p: inout Int) -> Bool? {
        let b = base[p]
        guard b == 0x30 || b == 0x31 else { return nil }
        p += 1
        return b == 0x31
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
            if stops[0] | stops[1] != 0 { return p + Self.firstLane(stops) }
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
                let q = p + Self.firstLane(hits)
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

    /// The index of the first set lane, given as `words`, at least one set.
    @inline(__always)
    private static func firstLane(_ words: SIMD2<UInt64>) -> Int {
        words[0] != 0 ? words[0].trailingZeroBitCount >> 3 : 8 + words[1].trailingZeroBitCount >> 3
    }
}
