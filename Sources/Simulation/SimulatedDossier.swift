import CivilTime
import Metrics
import WorkingTime

/// One simulated dossier as it would appear in a log: the fields the KPIs are computed from.
public struct SimulatedDossier: Sendable, Hashable {
    public var sequence: Int
    public var procedure: Int
    public var channel: SimChannel
    public var received: Timestamp
    public var due: Timestamp?
    /// `NgayKetThucXuLy`: processing finished (nil while in progress at the as-of time).
    public var processingEnd: Timestamp?
    /// `NgayTra`: result handed back.
    public var returned: Timestamp?
    public var pauses: [PauseSpan]
    public var level: Int
    public var fullOnline: Bool
    public var feeBearing: Bool
    public var paidOnline: Bool
    public var digitized: Bool
    public var electronicResult: Bool

    public struct PauseSpan: Sendable, Hashable {
        public var start: Timestamp
        public var end: Timestamp?

        public init(start: Timestamp, end: Timestamp?) {
            self.start = start
            self.end = end
        }
    }

    /// `TrangThaiHoSo` at the as-of time.
    public var status: Int {
        if returned != nil { return 10 }
        if processingEnd != nil { return 9 }
        if let last = pauses.last, last.end == nil { return 5 }
        return 4
    }
}

/// The 766 progress rules (Guides/Index766.md, "Progress") applied to simulated dossiers, as of `asOf`:
/// a supplement's waiting time (in working time) moves the due date, more than one supplement
/// request makes a dossier late, an unfinished dossier is within time or overdue at `asOf`;
/// early means finished on a day before the (moved) due day.
public struct DossierJudge: Sendable {
    public var calendar: WorkCalendar?
    public var asOf: Timestamp

    public init(calendar: WorkCalendar?, asOf: Timestamp) {
        self.calendar = calendar
        self.asOf = asOf
    }

    func pausedSeconds(_ d: SimulatedDossier) -> Int64 {
        var total: Int64 = 0
        for p in d.pauses {
            let end = min(p.end ?? asOf, asOf)
            if let calendar {
                total += calendar.workingSeconds(from: p.start, to: end)
            } else {
                total += max(0, end.seconds - p.start.seconds)
            }
        }
        return total
    }

    /// The due date moved by the supplement pauses.
    public func effectiveDue(_ d: SimulatedDossier) -> Timestamp? {
        guard let due = d.due else { return nil }
        let paused = pausedSeconds(d)
        guard paused > 0 else { return due }
        if let calendar { return calendar.advance(due, byWorkingSeconds: paused) }
        return due.adding(seconds: paused)
    }

    /// Processing time in working days (24-hour days on a 24/7 calendar), pauses excluded.
    public func processingDays(_ d: SimulatedDossier) -> Double? {
        guard let end = d.processingEnd, end <= asOf else { return nil }
        let paused = pausedSeconds(d)
        if let calendar {
            return Double(calendar.workingSeconds(from: d.received, to: end) - paused)
                / Double(calendar.workingSecondsPerDay)
        }
        return Double(end.seconds - d.received.seconds - paused) / 86_400
    }

    /// Adds `d` to `counts`.
    public func count(_ d: SimulatedDossier, into counts: inout KPICounts) {
        let finished = d.processingEnd.map { $0 <= asOf } ?? false
        DossierJudge.count(
            into: &counts, channel: d.channel, level: d.level, fullOnline: d.fullOnline, feeBearing: d.feeBearing,
            paidOnline: d.paidOnline, digitized: d.digitized, electronicResult: d.electronicResult,
            end: finished ? d.processingEnd : nil, effectiveDue: effectiveDue(d), supplements: d.pauses.count,
            asOf: asOf)
    }

    /// The counting rules on plain values (`end` nil while in progress at `asOf`).
    @inline(__always)
    static func count(
        into counts: inout KPICounts, channel: SimChannel, level: Int, fullOnline: Bool, feeBearing: Bool,
        paidOnline: Bool,
        digitized: Bool, electronicResult: Bool, end: Timestamp?, effectiveDue: Timestamp?, supplements: Int,
        asOf: Timestamp
    ) {
        counts.received += 1
        if channel == .online { counts.online += 1 }
        if channel == .postal { counts.postal += 1 }
        if level == 4 {
            counts.fullOnlineEligible += 1
            if fullOnline { counts.fullOnline += 1 }
        }
        if feeBearing {
            counts.feeBearing += 1
            if paidOnline { counts.paidOnline += 1 }
        }
        if digitized { counts.digitized += 1 }
        if end != nil {
            counts.finished += 1
            if electronicResult { counts.electronicResult += 1 }
        } else {
            counts.inProgress += 1
        }
        guard let due = effectiveDue else {
            counts.noDue += 1
            return
        }
        if let end {
            if supplements > 1 || end > due {
                counts.late += 1
                counts.lateWithApology += 1
            } else if end.dayNumber < due.dayNumber {
                counts.early += 1
            } else {
                counts.onTime += 1
            }
        } else if supplements > 1 || asOf > due {
            counts.inProgressOverdue += 1
        } else {
            counts.inProgressWithin += 1
        }
    }
}
