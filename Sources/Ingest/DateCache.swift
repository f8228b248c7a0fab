import CivilTime
import WorkingTime

/// Remembers the day numbers of recently seen `yyyyMMdd` dates, so the compact DVCQG timestamp
/// `yyyyMMddHHmmss` costs one table probe for its date part: a log's dossiers fall on a few
/// hundred distinct days. Used by one thread at a time (a worker lane keeps one for the whole
/// run); no locking.
struct DateCache {
    private static let slots = 4096  // the multiplier's top 12 bits index it
    /// Per slot, a date's eight bytes and its midnight in seconds, side by side (one load base).
    private let entries: UnsafeMutablePointer<(key: UInt64, dayStart: Int64)>

    /// What an empty slot holds: a valid date and its midnight, so a probe needs no "empty" test
    /// (any bytes equal to the key are that date). Not 0: eight NUL bytes must not read as a date.
    private static let emptyEntry: (key: UInt64, dayStart: Int64) = {
        let text = Array("19700101".utf8)
        let key = text.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let midnight = text.withUnsafeBytes { TimestampParser.parse($0) }!
        return (key, midnight.seconds)
    }()

    init() {
        entries = .allocate(capacity: DateCache.slots)
        entries.initialize(repeating: DateCache.emptyEntry, count: DateCache.slots)
    }

    func deallocate() {
        entries.deallocate()
    }

    /// True when all eight bytes of `word` are ASCII digits.
    @inline(__always)
    private static func allDigits(_ word: UInt64) -> Bool {
        // '0'...'9' are 0x30...0x39: high nibble 3 both before and after adding 6 to each byte.
        // One test of both: any other byte (a carry from the byte below included) leaves a
        // nibble pair whose AND is not 3.
        word & (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
    }

    /// Parses a log's timestamp, taking the fast path for `yyyyMMddHHmmss`: `TimestampParser.parse`,
    /// and nil outside the calendar's years (1900-2100), which the legal clock cannot judge — a
    /// year such as 0202 or 2206 is a typo, refused rather than clamped to the calendar's edge.
    @inline(__always)
    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard bytes.count == 14, let base = bytes.baseAddress else { return Self.withinCalendar(bytes) }
        // Anything the fast path leaves (a wrong digit, month 13, hour 24) is the plain parser's.
        return compact(base) ?? Self.withinCalendar(bytes)
    }

    private static func withinCalendar(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard let t = TimestampParser.parse(bytes), WorkCalendar.covers(t) else { return nil }
        return t
    }

    /// The fourteen bytes at `base` as `yyyyMMddHHmmss` within the calendar's years, nil for
    /// anything else (the general path then decides: an impossible time, or another form). A
    /// value it returns is always `parse`'s.
    @inline(__always)
    mutating func compact(_ base: UnsafeRawPointer) -> Timestamp? {
        let dateWord = base.loadUnaligned(as: UInt64.self)
        // `HHmmss` as six digit values, from one load of bytes 6 to 13.
        let t = base.loadUnaligned(fromByteOffset: 6, as: UInt64.self) &>> 16 &- 0x3030_3030_3030
        // Each byte of `t` at most its limit (hour tens 2, minute and second tens 5, other
        // digits 9), in one test: a byte below '0' borrows, and the lowest one that does gets
        // its top bit; a byte above its limit gets it in `t` or in `t + (0x7F - limit)` (no
        // byte carries into the next while all are below 0x80).
        guard (t | (t &+ 0x767A_767A_767D)) & 0x8080_8080_8080 == 0 else { return nil }
        // (A multiplier that is a sign-extended 32-bit immediate: no 64-bit constant to load.)
        let slot = Int(truncatingIfNeeded: (dateWord &* 0xFFFF_FFFF_9E37_79B1) &>> 52)
        var dayStart: Int64
        let entry = entries[slot]
        if entry.key == dateWord {
            // Only valid dates enter the cache, so a hit needs no digit check.
            dayStart = entry.dayStart
        } else {
            guard DateCache.allDigits(dateWord),
                let midnight = Self.withinCalendar(UnsafeRawBufferPointer(start: base, count: 8))
            else { return nil }
            dayStart = midnight.seconds
            entries[slot] = (dateWord, dayStart)
        }
        // Hour, minute and second as three 16-bit lanes, all at once: tens * 10 + ones, in the
        // low byte of each lane (every byte is at most 9, so no byte carries into the next).
        let lanes = (t &* 10 &+ t &>> 8) & 0x00FF_00FF_00FF
        // Minutes and seconds are below 60 by their digits' limits; hours 24 to 29 are left.
        guard UInt8(truncatingIfNeeded: lanes) < 24 else { return nil }
        // One multiplication puts hour * 60 + minute in the second lane (at most 1439: no carry
        // into the third); the seconds are the third lane, nothing above it.
        let hourMinutes = Int64(truncatingIfNeeded: (lanes &* 0x3C_0001) &>> 16 & 0xFFFF)
        let second = Int64(truncatingIfNeeded: lanes &>> 32)
        // Bounded above (a day's seconds past a date of 1900-2100): no overflow to check.
        return Timestamp(seconds: dayStart &+ hourMinutes &* 60 &+ second)
    }
}
