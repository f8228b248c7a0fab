import CivilTime

/// Remembers the day numbers of recently seen `yyyyMMdd` dates, so the compact DVCQG timestamp
/// `yyyyMMddHHmmss` costs one table probe for its date part: a log's dossiers fall on a few
/// hundred distinct days. Owned by one parser (one thread); no locking.
struct DateCache {
    private static let slots = 1024
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

    /// Parses a timestamp, taking the fast path for `yyyyMMddHHmmss`; same results as
    /// `TimestampParser.parse` for every input.
    @inline(__always)
    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard bytes.count == 14, let base = bytes.baseAddress else { return TimestampParser.parse(bytes) }
        switch compact(base) {
        case .notDigits: return TimestampParser.parse(bytes)
        case .invalid: return nil
        case .valid(let t): return t
        }
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
        guard DateCache.allDigits(dateWord), DateCache.allDigits(timeWord) else { return .notDigits }
        let slot = Int(truncatingIfNeeded: (dateWord &* 0x9E37_79B9_7F4A_7C15) >> 54)
        var dayStart: Int64
        if keys[slot] == dateWord {
            dayStart = days[slot]
        } else {
            guard let midnight = TimestampParser.parse(UnsafeRawBufferPointer(start: base, count: 8)) else {
                return .invalid
            }
            dayStart = midnight.seconds
            keys[slot] = dateWord
            days[slot] = dayStart
        }
        let t = timeWord &- 0x3030_3030_3030_3030
        let hour = Int(t & 0xFF) * 10 + Int((t >> 8) & 0xFF)
        let minute = Int((t >> 16) & 0xFF) * 10 + Int((t >> 24) & 0xFF)
        let second = Int((t >> 32) & 0xFF) * 10 + Int((t >> 40) & 0xFF)
        guard hour <= 23, minute <= 59, second <= 59 else { return .invalid }
        dayStart += Int64(hour * 3600 + minute * 60 + second)
        return .valid(Timestamp(seconds: dayStart))
    }
}
