import CivilTime

/// A way to split the report into groups (`--by`).
public enum GroupDimension: String, CaseIterable, Sendable {
    case agency, procedure, field, channel, day, week, month, quarter

    /// Whether the dimension is a period of the received date.
    public var isTime: Bool { self == .day || self == .week || self == .month || self == .quarter }

    /// The integer key of a received day for a time dimension; sorts chronologically.
    @inline(__always)
    @inlinable
    public static func timeKey(_ dimension: GroupDimension, dayNumber: Int) -> Int {
        switch dimension {
        case .day: return dayNumber
        case .week:
            let weekday = CivilDate.isoWeekday(dayNumber: dayNumber)
            let thursday = dayNumber - weekday + 4
            let year = CivilDate(dayNumber: thursday).year
            let week = (thursday - CivilDate.dayNumber(year: year, month: 1, day: 1)) / 7 + 1
            return year * 100 + week
        case .month:
            let date = CivilDate(dayNumber: dayNumber)
            return date.year * 100 + date.month
        case .quarter:
            let date = CivilDate(dayNumber: dayNumber)
            return date.year * 10 + (date.month - 1) / 3 + 1
        default: return 0
        }
    }

    /// The text of a time key: `2026-03-02`, `2026-W10`, `2026-03`, `2026-Q1`.
    public static func timeLabel(_ dimension: GroupDimension, key: Int) -> String {
        switch dimension {
        case .day: return CivilDate(dayNumber: key).description
        case .week: return "\(key / 100)-W" + (key % 100 < 10 ? "0" : "") + "\(key % 100)"
        case .month: return "\(key / 100)-" + (key % 100 < 10 ? "0" : "") + "\(key % 100)"
        case .quarter: return "\(key / 10)-Q\(key % 10)"
        default: return ""
        }
    }

    public static func channelLabel(_ code: Int) -> String? {
        switch code {
        case 1: return "in_person"
        case 2: return "online"
        case 3: return "postal"
        default: return nil
        }
    }
}

/// A group's key: one value per dimension (nil where the record has none), in `--by` order.
public struct GroupKey: Hashable, Sendable, Comparable {
    public var values: [String?]
    /// Per value, a number that orders it (time keys, channel codes); 0 for text.
    var ranks: [Int]

    public init(values: [String?], ranks: [Int]) {
        self.values = values
        self.ranks = ranks
    }

    public static func < (a: GroupKey, b: GroupKey) -> Bool {
        for i in 0..<min(a.values.count, b.values.count) {
            // Absent values sort last.
            switch (a.values[i], b.values[i]) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if a.ranks[i] != b.ranks[i] { return a.ranks[i] < b.ranks[i] }
                if x != y { return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) }
            }
        }
        return a.values.count < b.values.count
    }
}
