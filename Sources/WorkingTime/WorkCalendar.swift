import CivilTime

/// A legal deadline of an administrative procedure.
public enum Deadline: Hashable, Sendable {
    case workingDays(Int)
    case workingHours(Int)
    /// "Trong ngày": due at the end of the receiving working day.
    case sameDay
}

/// How a due time is reported: exact working-time addition, or the end of the last working day.
public enum DueMode: String, Sendable {
    case exact
    case endOfDay = "end-of-day"
}

/// The working clock: which instants are office time.
///
/// PLACEHOLDER (skeleton): Monday-Friday 08:00-12:00, 13:00-17:00, no holidays, loop-based.
/// The working-time module replaces the internals (holidays, schedules, O(1) tables) while
/// keeping these signatures.
public struct WorkCalendar: Sendable {
    /// Office intervals of a working day, in seconds since midnight, sorted, disjoint.
    public var officeIntervals: [(start: Int, end: Int)] = [(8 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)]

    public init() {}

    /// Working seconds in one full working day.
    public var workingSecondsPerDay: Int64 {
        Int64(officeIntervals.reduce(0) { $0 + $1.end - $1.start })
    }

    public func isWorkingDay(dayNumber: Int) -> Bool {
        CivilDate.isoWeekday(dayNumber: dayNumber) <= 5
    }

    /// Working seconds in [a, b); 0 when b <= a.
    public func workingSeconds(from a: Timestamp, to b: Timestamp) -> Int64 {
        guard b > a else { return 0 }
        var total: Int64 = 0
        for day in a.dayNumber...b.dayNumber where isWorkingDay(dayNumber: day) {
            let base = Int64(day) * 86_400
            for interval in officeIntervals {
                let s = max(a.seconds, base + Int64(interval.start))
                let e = min(b.seconds, base + Int64(interval.end))
                if e > s { total += e - s }
            }
        }
        return total
    }

    /// The first instant at or after `t` that is inside office hours of a working day.
    public func nextWorkingInstant(atOrAfter t: Timestamp) -> Timestamp {
        var day = t.dayNumber
        while true {
            if isWorkingDay(dayNumber: day) {
                let base = Int64(day) * 86_400
                for interval in officeIntervals {
                    let e = base + Int64(interval.end)
                    if t.seconds < e { return Timestamp(seconds: max(t.seconds, base + Int64(interval.start))) }
                }
            }
            day += 1
        }
    }

    /// The earliest instant `u` with `workingSeconds(from: t, to: u) == amount`. A result that
    /// falls on the end of an office interval stays there (17:00, not next morning).
    public func advance(_ t: Timestamp, byWorkingSeconds amount: Int64) -> Timestamp {
        guard amount > 0 else { return t }
        var remaining = amount
        var day = t.dayNumber
        while true {
            if isWorkingDay(dayNumber: day) {
                let base = Int64(day) * 86_400
                for interval in officeIntervals {
                    let s = max(t.seconds, base + Int64(interval.start))
                    let e = base + Int64(interval.end)
                    guard e > s else { continue }
                    if e - s >= remaining { return Timestamp(seconds: s + remaining) }
                    remaining -= e - s
                }
            }
            day += 1
        }
    }

    /// The end of the last office interval of the working day containing `t`'s next working instant.
    public func endOfWorkingDay(containing t: Timestamp) -> Timestamp {
        let start = nextWorkingInstant(atOrAfter: t)
        return Timestamp(seconds: Int64(start.dayNumber) * 86_400 + Int64(officeIntervals.last!.end))
    }

    /// The due time of a dossier received at `received` under `deadline`.
    /// - Parameter afternoonCutoff: seconds since midnight after which a dossier counts from the
    ///   next working day (a per-procedure catalog option).
    public func due(
        received: Timestamp, deadline: Deadline, afternoonCutoff: Int? = nil, mode: DueMode = .exact
    ) -> Timestamp {
        var start = nextWorkingInstant(atOrAfter: received)
        if let cutoff = afternoonCutoff, start.secondOfDay >= cutoff, start.dayNumber == received.dayNumber {
            start = nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(start.dayNumber + 1) * 86_400))
        }
        let result: Timestamp
        switch deadline {
        case .sameDay: return endOfWorkingDay(containing: start)
        case .workingDays(let n): result = advance(start, byWorkingSeconds: Int64(n) * workingSecondsPerDay)
        case .workingHours(let n): result = advance(start, byWorkingSeconds: Int64(n) * 3600)
        }
        if mode == .endOfDay {
            return Timestamp(seconds: Int64(result.dayNumber) * 86_400 + Int64(officeIntervals.last!.end))
        }
        return result
    }
}
