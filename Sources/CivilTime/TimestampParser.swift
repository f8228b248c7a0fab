/// Parses the timestamp spellings found in one-stop logs straight from bytes:
/// - `yyyyMMddHHmmss` (DVCQG sync format) and `yyyyMMdd`;
/// - ISO 8601 `yyyy-MM-dd[THH:mm[:ss[.fff]]][Z|±HH:MM|±HHMM]` (a space may replace `T`);
///   an explicit offset is converted to Vietnam time, no offset means Vietnam time;
/// - `dd/MM/yyyy[ HH:mm[:ss]]` as Vietnamese Excel exports write them (day and month may have
///   one digit).
///
/// Returns nil when the text is not one of these or names an impossible date or time.
/// - Complexity: O(n) in the length of the text, no allocation.
public enum TimestampParser {
    public static func parse(_ text: String) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    @inlinable
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        let n = bytes.count
        guard n >= 8 else { return nil }
        let b2 = bytes[2]
        let b4 = bytes[4]
        if b4 == UInt8(ascii: "-") { return parseISO(bytes) }
        if b2 == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "/") { return parseSlashed(bytes) }
        return parseCompact(bytes)
    }

    @inlinable
    static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        var i = start
        while i < start + count {
            let d = Int(bytes[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value &* 10 &+ d
            i += 1
        }
        return value
    }

    @inlinable
    static func make(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Timestamp? {
        guard mo >= 1, mo <= 12, d >= 1, d <= CivilDate.daysInMonth(year: y, month: mo),
            h >= 0, h <= 23, mi >= 0, mi <= 59, s >= 0, s <= 59
        else { return nil }
        return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    @inlinable
    static func parseCompact(_ b: UnsafeRawBufferPointer) -> Timestamp? {
        guard b.count == 14 || b.count == 8 else { return nil }
        guard let y = digits(b, 0, 4), let mo = digits(b, 4, 2), let d = digits(b, 6, 2) else { return nil }
        if b.count == 8 { return make(y, mo, d, 0, 0, 0) }
        guard let h = digits(b, 8, 2), let mi = digits(b, 10, 2), let s = digits(b, 12, 2) else { return nil }
        return make(y, mo, d, h, mi, s)
    }

    @inlinable
    static func parseISO(_ b: UnsafeRawBufferPointer) -> Timestamp? {
        let n = b.count
        guard n >= 10, let y = digits(b, 0, 4), b[4] == UInt8(ascii: "-"), let mo = digits(b, 5, 2),
            b[7] == UInt8(ascii: "-"), let d = digits(b, 8, 2)
        else { return nil }
        if n == 10 { return make(y, mo, d, 0, 0, 0) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let h = digits(b, 11, 2),
            n >= 16, b[13] == UInt8(ascii: ":"), let mi = digits(b, 14, 2)
        else { return nil }
        var i = 16
        var s = 0
        if i < n && b[i] == UInt8(ascii: ":") {
            guard let sec = digits(b, i + 1, 2) else { return nil }
            s = sec
            i += 3
            if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                i += 1
                let fracStart = i
                while i < n && b[i] >= 48 && b[i] <= 57 { i += 1 }
                guard i > fracStart else { return nil }
            }
        }
        guard let local = make(y, mo, d, h, mi, s) else { return nil }
        if i == n { return local }
        if b[i] == UInt8(ascii: "Z") {
            guard i + 1 == n else { return nil }
            return local.adding(seconds: Timestamp.vietnamOffset)
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        guard let oh = digits(b, i + 1, 2) else { return nil }
        var om = 0
        if i + 3 == n {
            om = 0
        } else if i + 6 == n, b[i + 3] == UInt8(ascii: ":"), let m = digits(b, i + 4, 2) {
            om = m
        } else if i + 5 == n, let m = digits(b, i + 3, 2) {
            om = m
        } else {
            return nil
        }
        guard oh <= 14, om <= 59 else { return nil }
        let offset = sign * Int64(oh * 3600 + om * 60)
        // local - offset = UTC; UTC + 7h = Vietnam time.
        return local.adding(seconds: Timestamp.vietnamOffset - offset)
    }

    @inlinable
    static func parseSlashed(_ b: UnsafeRawBufferPointer) -> Timestamp? {
        let n = b.count
        var i = 0
        func number(_ maxDigits: Int) -> Int? {
            let start = i
            var v = 0
            while i < n && i - start < maxDigits, b[i] >= 48, b[i] <= 57 {
                v = v * 10 + Int(b[i] - 48)
                i += 1
            }
            return i > start ? v : nil
        }
        guard let d = number(2), i < n, b[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        guard let mo = number(2), i < n, b[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        let yearStart = i
        guard let y = number(4), i - yearStart == 4 else { return nil }
        if i == n { return make(y, mo, d, 0, 0, 0) }
        guard b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let h = number(2), i < n, b[i] == UInt8(ascii: ":"), i + 3 <= n else { return nil }
        i += 1
        guard let mi = digits(b, i, 2) else { return nil }
        i += 2
        var s = 0
        if i < n {
            guard b[i] == UInt8(ascii: ":"), i + 3 == n, let sec = digits(b, i + 1, 2) else { return nil }
            s = sec
        }
        return make(y, mo, d, h, mi, s)
    }
}
