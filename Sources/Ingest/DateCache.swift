import CivilTime
import WorkingTime

/// Remembers the day numbers of recently seen `yyyyMMdd` dates, so the compact DVCQG timestamp
/// `yyyyMMddHHmmss` costs one table probe for its date part: a log's dossiers fall on a few
/// hundred distinct days. Used by one thread at a time (a worker lane keeps one for the whole
/// run); no locking.
struct DateCache {
    private static let slots = 4096  // the multiplier's top 12 bits index it
    private let keys: UnsafeMutablePointer<UInt64>
    private let days: UnsafeMutablePointer<Int64>

    init() {
        keys = .allocate(capacity: DateCache.slots)
        keys.initialize(repeating: 0, count: DateCache.slots)  // 0 is never eight ASCII digits
        days = .allocate(capacity: DateCache.slots)
        days.initialize(repeating: 0, count: DateCache.slots)
    }

    func deallocate() {
        keys.deallocate()
        days.deallocate()
    }

    /// True when all eight bytes of `word` are ASCII digits.
    @inline(__always)
    private static func allDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let zeros: UInt64 = 0x3030_3030_3030_3030
        // '0'...'9' are 0x30...0x39: high nibble 3, and adding 6 must not carry into it.
        return word & high == zeros && (word &+ 0x0606_0606_0606_0606) & high == zeros
    }

    /// Parses a log's timestamp, taking the fast path for `yyyyMMddHHmmss`: `TimestampParser.parse`,
    /// and nil outside the calendar's years (1900-2100), which the legal clock cannot judge — a
    /// year such as 0202 or 2206 is a typo, refused rather than clamped to the calendar's edge.
    @inline(__always)
    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard bytes.count == 14, let base = bytes.baseAddress else { return Self.withinCalendar(bytes) }
        switch compact(base) {
        case .notDigits: return Self.withinCalendar(bytes)
        case .invalid: return nil
        case .valid(let t): return t
        }
    }

    private static func withinCalendar(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard let t = TimestampParser.parse(bytes), WorkCalendar.covers(t) else { return nil }
        return t
    }

    /// What fourteen bytes make as `yyyyMMddHHmmss`.
    enum CompactParse {
        case valid(Timestamp)
        /// Fourteen digits, but not a date and time (month 13, hour 24, ...).
        case invalid
        case notDigits
    }

    /// Reads the fourteen bytes at `base` as `yyyyMMddHHmmss`.
    @inline(__always)
    mutating func compact(_ base: UnsafeRawPointer) -> CompactParse {
        let dateWord = base.loadUnaligned(as: UInt64.self)
        let timeWord =
            UInt64(base.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            | UInt64(base.loadUnaligned(fromByteOffset: 12, as: UInt16.self)) << 32 | 0x3030 << 48
        guard DateCache.allDigits(timeWord) else { return .notDigits }
        let slot = Int(truncatingIfNeeded: (dateWord &* 0x9E37_79B9_7F4A_7C15) >> 52)
        var dayStart: Int64
        if keys[slot] == dateWord && dateWord != 0 {
            // Only valid dates enter the cache, so a hit needs no digit check; 0 marks an empty
            // slot (and eight NUL bytes must not match it).
            dayStart = days[slot]
        } else {
            guard DateCache.allDigits(dateWord) else { return .notDigits }
            guard let midnight = Self.withinCalendar(UnsafeRawBufferPointer(start: base, count: 8)) else {
                return .invalid
            }
            dayStart = midnight.seconds
            keys[slot] = dateWord
            days[slot] = dayStart
        }
        // HHmmss as three 16-bit lanes (hour, minute, second), all at once: tens * 10 + ones.
        let t = timeWord &- 0x3030_3030_3030_3030
        let lanes = (t & 0x00FF_00FF_00FF) &* 10 &+ ((t >> 8) & 0x00FF_00FF_00FF)
        // Adding 0x8000 - limit sets a lane's top bit when it reaches its limit (24, 60, 60).
        guard (lanes &+ 0x7FC4_7FC4_7FE8) & 0x8000_8000_8000 == 0 else { return .invalid }
        let hour = Int64(lanes & 0xFFFF)
        let minute = Int64((lanes >> 16) & 0xFFFF)
        let second = Int64((lanes >> 32) & 0xFFFF)
        return .valid(Timestamp(seconds: dayStart + hour * 3600 + minute * 60 + second))
    }
}
