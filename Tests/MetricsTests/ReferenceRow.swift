import CivilTime
import WorkingTime

/// The slow, obvious readings of a log row that the differential tests' references share:
/// timestamps, supplement pauses, and the working time of their union.
enum ReferenceRow {
    static func time(_ row: [String: String], _ key: String) -> Timestamp? {
        guard let text = row[key], !text.isEmpty else { return nil }
        return TimestampParser.parse(text)!
    }

    /// `DanhSachHoSoBoSung` as (start, end) pairs, end nil while waiting.
    static func pauses(_ row: [String: String]) -> [(Timestamp, Timestamp?)] {
        guard let text = row["DanhSachHoSoBoSung"], !text.isEmpty else { return [] }
        return text.split(separator: ";").map { pair in
            let parts = pair.split(separator: "/", omittingEmptySubsequences: false)
            return (
                TimestampParser.parse(String(parts[0]))!,
                parts[1].isEmpty ? nil : TimestampParser.parse(String(parts[1]))!
            )
        }
    }

    /// Working seconds of the union of the pauses, each clipped to [from, limit] (an open pause
    /// runs to `limit`).
    static func paused(
        _ list: [(Timestamp, Timestamp?)], from: Timestamp, to limit: Timestamp, calendar: WorkCalendar
    ) -> Int64 {
        var intervals = list.map { (max($0.0, from), min($0.1 ?? limit, limit)) }.filter { $0.1 > $0.0 }
        intervals.sort { $0.0 < $1.0 }
        var merged: [(Timestamp, Timestamp)] = []
        for i in intervals {
            if let last = merged.last, i.0 <= last.1 {
                merged[merged.count - 1].1 = max(last.1, i.1)
            } else {
                merged.append(i)
            }
        }
        return merged.reduce(0) { $0 + calendar.workingSeconds(from: $1.0, to: $1.1) }
    }
}
