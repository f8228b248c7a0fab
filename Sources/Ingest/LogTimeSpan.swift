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
    static func fieldBeyond(_ limit: Timestamp, in record: borrowing DossierRecord) -> DossierField? {
        if let t = record.received, t >= limit { return .received }
        if let t = record.due, t >= limit { return .due }
        if let t = record.processingEnd, t >= limit { return .processingEnd }
        if let t = record.returned, t >= limit { return .returned }
        return .supplements
    }
}

extension LogTimeSpan {
    /// The latest of every timestamp of the record, its due included (`Int64.min` without any).
    /// (Stored properties only: a computed property of the record would copy it.)
    @inline(__always)
    static func latestTimestampSeconds(_ record: inout DossierRecord) -> Int64 {
        // Selects and maxima rather than branches: which of the four is latest varies from
        // record to record, and an absent one is the smallest value.
        let received = record.received?.seconds ?? Int64.min
        let due = record.due?.seconds ?? Int64.min
        let processingEnd = record.processingEnd?.seconds ?? Int64.min
        let returned = record.returned?.seconds ?? Int64.min
        var latest = max(max(received, due), max(processingEnd, returned))
        if !record.pauses.isEmpty { latest = max(latest, latestPauseSeconds(record.pauses)) }
        return latest
    }

    private static func latestPauseSeconds(_ pauses: [PauseInterval]) -> Int64 {
        var latest = Int64.min
        for pause in pauses { latest = max(latest, pause.start.seconds, pause.end?.seconds ?? Int64.min) }
        return latest
    }
}

/// The received days and the latest timestamp of the records one worker lane accepted (the
/// lanes are summed after a reading), and the first instant beyond the log's span when it is
/// known. Used by one thread at a time; one pointer (no reference counting, one register in the
/// parse loop), freed by `deallocate`.
struct ReceivedTally {
    /// Days 1970-01-01 to 2099-12-31 are counted one by one (190 KB); a date outside counts on
    /// the nearer end, which keeps the order of every date (the rank is exact unless it falls there).
    private static let span = CivilDate.dayNumber(year: 2100, month: 1, day: 1)
    /// The limit (an Int64), the latest timestamp (an Int64), then a UInt32 count per day.
    private let storage: UnsafeMutableRawPointer

    /// - Parameter limit: the first instant beyond the log's span, nil while unknown.
    init(limit: Timestamp?) {
        storage = .allocate(byteCount: 16 + 4 * Self.span, alignment: 8)
        storage.initializeMemory(as: UInt32.self, repeating: 0, count: 4 + Self.span)
        storage.storeBytes(of: limit?.seconds ?? Int64.max, as: Int64.self)
        storage.storeBytes(of: Int64.min, toByteOffset: 8, as: Int64.self)
    }

    func deallocate() { storage.deallocate() }

    /// The latest timestamp of any record noted, `Int64.min` before the first.
    var latestSeconds: Int64 { storage.load(fromByteOffset: 8, as: Int64.self) }

    private var counts: UnsafeMutablePointer<UInt32> { (storage + 16).assumingMemoryBound(to: UInt32.self) }

    /// Counts an accepted record; true when one of its timestamps is beyond the log's span.
    @inline(__always)
    func note(_ record: inout DossierRecord) -> Bool {
        if let received = record.received {
            // Unsigned: the division is a multiplication, and dates before 1970 count on day 0.
            let day = UInt64(bitPattern: max(received.seconds, 0)) / UInt64(Timestamp.secondsPerDay)
            counts[Int(min(day, UInt64(Self.span - 1)))] &+= 1
        }
        let seconds = LogTimeSpan.latestTimestampSeconds(&record)
        if seconds > latestSeconds { storage.storeBytes(of: seconds, toByteOffset: 8, as: Int64.self) }
        return seconds >= storage.load(as: Int64.self)
    }

    /// Makes `other` hold this tally's counts and latest timestamp, its own limit kept (a
    /// batch's starting point, to go back to when the batch is parsed again: see `BatchParse`).
    func copy(to other: ReceivedTally) {
        (other.storage + 8).copyMemory(from: storage + 8, byteCount: 8 + 4 * Self.span)
    }

    /// Forgets every record noted (the limit stays).
    func clear() {
        (storage + 8).initializeMemory(as: UInt32.self, repeating: 0, count: 2 + Self.span)
        storage.storeBytes(of: Int64.min, toByteOffset: 8, as: Int64.self)
    }

    /// Adds `other`'s counts and latest timestamp to this tally's.
    func add(_ other: ReceivedTally) {
        for day in 0..<Self.span where other.counts[day] > 0 { counts[day] &+= other.counts[day] }
        if other.latestSeconds > latestSeconds {
            storage.storeBytes(of: other.latestSeconds, toByteOffset: 8, as: Int64.self)
        }
    }

    /// Adds this lane's days to `days`.
    func add(to days: inout [Int: Int]) {
        for day in 0..<Self.span where counts[day] > 0 { days[day, default: 0] += Int(counts[day]) }
    }
}
