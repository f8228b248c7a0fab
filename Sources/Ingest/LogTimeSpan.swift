import CivilTime
import Records

/// The log's own time span, so that one mistyped date (an `NgayTra` in 2036) is an invalid
/// record instead of the log's "latest event", which would move the as-of time of a whole report.
///
/// The rule, from the log alone (never the wall clock, so a run is reproducible):
/// - the reference day is the received date (`NgayTiepNhan`) at rank n - max(1, floor(n / 1000))
///   of the n accepted records that have one, in ascending order: the 99.9th percentile by
///   nearest rank, but never the latest received date itself. A few mistyped received dates
///   (at most 0.1% of them, and always at least one) cannot move it;
/// - a record is invalid when any of its timestamps (received, due, processing end, returned,
///   pause start or end) falls on a day more than `marginDays` after the reference day.
///
/// Only the late side is checked: an early date does not move the as-of time, and an old
/// dossier still open is a real backlog. With fewer than two received times there is no rule.
/// Checking needs the whole log, so `LogScanner` reads it again, with the limit, only when some
/// record lies beyond it.
public enum LogTimeSpan {
    /// Days after the reference day that a timestamp may still fall on.
    public static let marginDays = 366

    /// The first instant outside the span, nil when there is no rule.
    static func limit(referenceDay: Int?) -> Timestamp? {
        referenceDay.map { Timestamp(seconds: Int64($0 + marginDays + 1) * Timestamp.secondsPerDay) }
    }

    /// The received day at rank n - max(1, floor(n / 1000)) of `counts` (days and how many
    /// records were received on each), nil with fewer than two.
    static func referenceDay(_ counts: [Int: Int]) -> Int? {
        let n = counts.values.reduce(0, +)
        guard n >= 2 else { return nil }
        let rank = n - max(1, n / 1000)
        var seen = 0
        for day in counts.keys.sorted() {
            seen += counts[day]!
            if seen >= rank { return day }
        }
        preconditionFailure("rank \(rank) of \(n)")
    }

    /// The first field of `record`, in DVCQG order, holding a timestamp at or after `limit`.
    @inline(__always)
    static func fieldBeyond(_ limit: Timestamp, in record: borrowing DossierRecord) -> DossierField? {
        guard latestTimestampSeconds(record) >= limit.seconds else { return nil }
        if let t = record.received, t >= limit { return .received }
        if let t = record.due, t >= limit { return .due }
        if let t = record.processingEnd, t >= limit { return .processingEnd }
        if let t = record.returned, t >= limit { return .returned }
        return .supplements
    }

    /// The latest of every timestamp of the record, its due included.
    @inline(__always)
    static func latestTimestampSeconds(_ record: borrowing DossierRecord) -> Int64 {
        max(record.latestEventSeconds, record.due?.seconds ?? Int64.min)
    }
}

/// The received days and the latest timestamp of the records one worker lane accepted; the
/// lanes are summed after a pass. Used by one thread at a time.
final class ReceivedTally: @unchecked Sendable {
    /// Days counted densely around the first one seen (about 90 years); any other in `farDays`.
    private static let span = 32_768
    private var origin = Int.min
    private let counts: UnsafeMutablePointer<UInt32>
    private var farDays: [Int: Int] = [:]
    /// The latest timestamp of any record, `Int64.min` before the first.
    private(set) var latestSeconds = Int64.min

    init() {
        counts = .allocate(capacity: Self.span)
        counts.initialize(repeating: 0, count: Self.span)
    }

    deinit { counts.deallocate() }

    @inline(__always)
    func note(_ record: borrowing DossierRecord) {
        if let received = record.received {
            let day = received.dayNumber
            let index = day &- origin
            if index >= 0 && index < Self.span {
                counts[index] &+= 1
            } else {
                noteFar(day)
            }
        }
        let latest = LogTimeSpan.latestTimestampSeconds(record)
        if latest > latestSeconds { latestSeconds = latest }
    }

    private func noteFar(_ day: Int) {
        if origin == Int.min {
            origin = day - Self.span / 2
            counts[day - origin] = 1
        } else {
            farDays[day, default: 0] += 1
        }
    }

    /// Adds this lane's days to `days`.
    func add(to days: inout [Int: Int]) {
        for (day, n) in farDays { days[day, default: 0] += n }
        guard origin != Int.min else { return }
        for index in 0..<Self.span where counts[index] > 0 { days[origin + index, default: 0] += Int(counts[index]) }
    }
}
