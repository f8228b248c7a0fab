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
        let delimiter = self.delimiter
        var hasStatus = false
        var p = start
        var column = 0
        while true {
            let b = base[p]
            let empty = b == delimiter || b == 0x0A || b == 0x0D
            switch shapes[column] {
            case .compactTimestamp:
                if !empty {
                    guard isTerminator(base, at: p + 14), case .valid(let t) = dates.compact(base + p) else {
                        return nil
                    }
                    FieldDecoder.assignTimestamp(fields[column]!, t, to: &record)
                    p += 14
                }
            case .code, .flag:
                if !empty {
                    var value = Int(b) &- 48
                    guard value >= 0 && value <= 9 else { return nil }
                    p += 1
                    if !isTerminator(base, at: p) {
                        let second = Int(base[p]) &- 48
                        guard shapes[column] == .code, second >= 0 && second <= 9, isTerminator(base, at: p + 1) else {
                            return nil
                        }
                        value = value * 10 + second
                        p += 1
                    }
                    let field = fields[column]!
                    guard FieldDecoder.assignCode(field, value, to: &record) else { return nil }
                    if field == .status { hasStatus = true }
                }
            case .general:
                var valueStart = p
                var valueEnd: Int
                var hasEscapes = false
                if b == 0x22 {
                    valueStart = p + 1
                    p = valueStart
                    while true {
                        guard let quote = nextQuoteOnLine(base, from: p, limit: limit) else { return nil }
                        p = quote + 1
                        // A doubled quote is an escaped quote.
                        guard base[p] == 0x22 else { break }
                        hasEscapes = true
                        p += 1
                    }
                    valueEnd = p - 1
                } else {
                    guard let stop = nextStopOnLine(base, from: p, limit: limit), base[stop] != 0x22 else { return nil }
                    p = stop
                    valueEnd = stop
                    if base[stop] == 0x0A, stop > valueStart, base[stop - 1] == 0x0D { valueEnd -= 1 }
                }
                if let field = fields[column], valueEnd > valueStart {
                    var value = UnsafeRawBufferPointer(start: base + valueStart, count: valueEnd - valueStart)
                    if hasEscapes { value = unescape(value) }
                    // Spaces around a value: the general path trims them.
                    if isSpace(value[0]) || isSpace(value[value.count - 1]) { return nil }
                    if !FieldDecoder.assignText(field, value, to: &record) {
                        guard FieldDecoder.assign(field, value, to: &record, dates: &dates) else { return nil }
                    }
                }
            }
            column += 1
            if column == columnCount {
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
            p += 1
            guard p <= limit else { return nil }
        }
    }

    /// A delimiter, a line feed, or a carriage return before a line feed at `q`.
    @inline(__always)
    private func isTerminator(_ base: UnsafePointer<UInt8>, at q: Int) -> Bool {
        let b = base[q]
        return b == delimiter || b == 0x0A || (b == 0x0D && base[q + 1] == 0x0A)
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The first delimiter, line feed or quote at or after `p`, eight bytes at a time; nil past
    /// `limit`. Every stop byte is below 0x2D, so a cheap "byte below" test skips clean words and
    /// an exact match runs only on words with candidates (spaces are the usual false alarm).
    @inline(__always)
    private func nextStopOnLine(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var p = start
        let raw = UnsafeRawPointer(base)
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while p <= limit {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            if (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080 != 0 {
                let stops =
                    SWAR.matches(word, delimiters) | SWAR.matches(word, SWAR.newlines) | SWAR.matches(word, SWAR.quotes)
                if stops != 0 { return p + stops.trailingZeroBitCount >> 3 }
            }
            p += 8
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
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let hits = SWAR.matches(word, SWAR.quotes) | SWAR.matches(word, SWAR.newlines)
            if hits != 0 {
                let q = p + hits.trailingZeroBitCount >> 3
                return base[q] == 0x22 ? q : nil
            }
            p += 8
        }
        return nil
    }
}
