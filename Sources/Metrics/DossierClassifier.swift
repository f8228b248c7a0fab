import CivilTime
import Records
import WorkingTime

/// Where a dossier stands under the 766 progress rules.
public enum ProgressClass: Sendable, Hashable {
    case notReceived
    case withdrawn
    case early
    case onTime
    case late
    case finishedWithoutDue
    case inProgressWithin
    case inProgressOverdue
    case inProgressWithoutDue

    public var isFinished: Bool { self == .early || self == .onTime || self == .late || self == .finishedWithoutDue }
    public var isInProgress: Bool {
        self == .inProgressWithin || self == .inProgressOverdue || self == .inProgressWithoutDue
    }
}

/// One dossier's classification at an as-of time.
///
/// The optional values are stored as plain words with `Int64.min` for "none" (no instant in the
/// calendar's years and no duration is that value), so the whole value is four words and
/// `classify` returns it in registers instead of through memory.
public struct Classification: Sendable, Hashable {
    public var progress: ProgressClass
    @usableFromInline var effectiveDueSeconds: Int64
    @usableFromInline var processingSeconds: Int64
    /// Working seconds paused in supplement requests (0 for an in-progress dossier without a due).
    public var pausedWorkingSeconds: Int64

    @inlinable @inline(__always)
    public init(
        progress: ProgressClass, effectiveDue: Timestamp?, processingWorkingSeconds: Int64?,
        pausedWorkingSeconds: Int64
    ) {
        self.progress = progress
        effectiveDueSeconds = effectiveDue?.seconds ?? Int64.min
        processingSeconds = processingWorkingSeconds ?? Int64.min
        self.pausedWorkingSeconds = pausedWorkingSeconds
    }

    /// The due after supplement pauses moved it, nil without a due.
    @inlinable
    public var effectiveDue: Timestamp? {
        get { effectiveDueSeconds == Int64.min ? nil : Timestamp(seconds: effectiveDueSeconds) }
        set { effectiveDueSeconds = newValue?.seconds ?? Int64.min }
    }

    /// Working seconds from received to end, less pauses (finished dossiers only).
    @inlinable
    public var processingWorkingSeconds: Int64? {
        get { processingSeconds == Int64.min ? nil : processingSeconds }
        set { processingSeconds = newValue ?? Int64.min }
    }
}

/// The part of an in-progress dossier's classification that does not depend on the as-of time,
/// so it can be finished once the as-of time is known.
public struct PendingProgress: Sendable, Hashable {
    public var legalDue: Timestamp
    /// Working seconds of pauses that have ended.
    public var closedPausedWorkingSeconds: Int64
    /// Start of the supplement request still waiting, if any.
    public var openPauseStart: Timestamp?
    /// More than one supplement request: late under the 766 rule.
    public var lateBySupplements: Bool

    @inlinable
    init(legalDue: Timestamp, closedPausedWorkingSeconds: Int64, openPauseStart: Timestamp?, lateBySupplements: Bool) {
        self.legalDue = legalDue
        self.closedPausedWorkingSeconds = closedPausedWorkingSeconds
        self.openPauseStart = openPauseStart
        self.lateBySupplements = lateBySupplements
    }
}

/// What pauses and processing times are measured in.
public enum Clock: String, Sendable, CaseIterable {
    /// Office hours on working days (the legal clock).
    case working
    /// Plain elapsed time, as some provincial systems compute it.
    case calendar
}

/// Applies the 766 rules (issue 2; Guides/Index766.md, "Progress") to single dossiers.
///
/// - end = `NgayKetThucXuLy`, else `NgayTra`; a dossier whose end is after the as-of time was
///   still in progress then.
/// - due = `NgayHenTra`, else the catalog's legal deadline from the received time; each
///   supplement interval (merged where they overlap) moves the due later by its working time.
/// - Finished: early when the date of end is before the date of due, late when end > due,
///   else on time. In progress: overdue when the as-of time is after the due.
/// - More than one supplement request makes the dossier late (overdue while in progress),
///   unless `lenientSupplements`.
public struct DossierClassifier: Sendable {
    public var calendar: WorkCalendar
    public var catalog: ProcedureCatalog?
    public var lenientSupplements: Bool
    /// How a due computed from the catalog is placed.
    public var dueMode: DueMode
    /// What pauses and processing times are measured in; catalog deadlines always use the legal clock.
    public var clock: Clock = .working

    /// Seconds in a "day" of processing time: a working day, or 24 hours on the calendar clock.
    public var secondsPerDay: Int64 { clock == .working ? calendar.workingSecondsPerDay : 86_400 }

    @inlinable @inline(__always)
    func span(from a: Timestamp, to b: Timestamp) -> Int64 {
        clock == .working ? calendar.workingSeconds(from: a, to: b) : max(0, b.seconds - a.seconds)
    }

    @inlinable @inline(__always)
    func moved(_ due: Timestamp, by seconds: Int64) -> Timestamp {
        clock == .working ? calendar.advance(due, byWorkingSeconds: seconds) : due.adding(seconds: seconds)
    }

    public init(
        calendar: WorkCalendar = WorkCalendar(), catalog: ProcedureCatalog? = nil, lenientSupplements: Bool = false,
        dueMode: DueMode = .exact
    ) {
        self.calendar = calendar
        self.catalog = catalog
        self.lenientSupplements = lenientSupplements
        self.dueMode = dueMode
    }

    /// `NgayHenTra`, else the due of the procedure's legal deadline, else nil.
    @inlinable
    public func legalDue(_ record: borrowing DossierRecord, terms: ProcedureCatalog.Terms?) -> Timestamp? {
        if let due = record.due { return due }
        guard let terms, let received = record.received else { return nil }
        return calendar.due(
            received: received, deadline: terms.deadline, afternoonCutoff: terms.afternoonCutoff, mode: dueMode)
    }

    /// Working seconds of the union of the pauses within [from, limit]; with `limit` nil, a
    /// pause still waiting is returned as `openStart` instead.
    @inlinable @inline(__always)
    public func pausedWorkingSeconds(_ pauses: inout [PauseInterval], from: Timestamp, limit: Timestamp?)
        -> (closed: Int64, openStart: Timestamp?)
    {
        // Most dossiers have no pause: that answer costs no call.
        if pauses.isEmpty { return (0, nil) }
        return pausedWorkingSecondsOfList(&pauses, from: from, limit: limit)
    }

    /// `pausedWorkingSeconds` of a non-empty list.
    @usableFromInline @inline(never)
    func pausedWorkingSecondsOfList(_ pauses: inout [PauseInterval], from: Timestamp, limit: Timestamp?)
        -> (closed: Int64, openStart: Timestamp?)
    {
        if pauses.count > 1 {
            // Usually already in order; insertion sort keeps this allocation-free.
            var i = 1
            while i < pauses.count {
                let item = pauses[i]
                var j = i - 1
                while j >= 0 && pauses[j].start > item.start {
                    pauses[j + 1] = pauses[j]
                    j -= 1
                }
                pauses[j + 1] = item
                i += 1
            }
        }
        let farFuture = Timestamp(seconds: Int64.max / 4)
        var total: Int64 = 0
        var runStart = Timestamp(seconds: 0)
        var runEnd = Timestamp(seconds: 0)
        var open = false
        var haveRun = false
        var openStart: Timestamp?
        func close() {
            if open && limit == nil {
                openStart = openStart ?? runStart
            } else {
                total += span(from: runStart, to: runEnd)
            }
        }
        for pause in pauses {
            var start = max(pause.start, from)
            var end = pause.end ?? farFuture
            let isOpen = pause.end == nil || (limit != nil && end > limit!)
            if let limit {
                end = min(end, limit)
                start = min(start, limit)
            }
            guard end > start || (isOpen && limit == nil) else { continue }
            if haveRun && start <= runEnd {
                if end > runEnd { runEnd = end }
                open = open || isOpen
            } else {
                if haveRun { close() }
                runStart = start
                runEnd = end
                open = isOpen
                haveRun = true
            }
        }
        if haveRun { close() }
        return (total, openStart)
    }

    /// Classifies a dossier as of `asOf`.
    public func classify(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, asOf: Timestamp)
        -> Classification
    {
        let status = record.status
        guard status.isReceived else {
            return Classification(
                progress: .notReceived, effectiveDue: nil, processingWorkingSeconds: nil, pausedWorkingSeconds: 0)
        }
        if status == .withdrawn {
            return Classification(
                progress: .withdrawn, effectiveDue: nil, processingWorkingSeconds: nil, pausedWorkingSeconds: 0)
        }
        return classifyReceived(&record, terms: terms, asOf: asOf)
    }

    /// `classify` of a dossier already known to be judged (`DossierStatus.isJudged`, tested by
    /// the caller, which needs the answer anyway: the status is not tested twice). Inlinable, so
    /// that a caller can keep one out-of-line copy that reads the classifier through a reference
    /// (`AccumulatorSetup`) instead of passing its fields in registers on every call.
    @inlinable @inline(__always)
    public func classifyReceived(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, asOf: Timestamp)
        -> Classification
    {
        let received = record.received!
        let due = legalDue(record, terms: terms)
        let lateBySupplements = !lenientSupplements && record.pauses.count > 1
        if let end = record.end, end <= asOf {
            let paused = pausedWorkingSeconds(&record.pauses, from: received, limit: end).closed
            let processing = max(0, span(from: received, to: end) - paused)
            guard let due else {
                return Classification(
                    progress: .finishedWithoutDue, effectiveDue: nil, processingWorkingSeconds: processing,
                    pausedWorkingSeconds: paused)
            }
            let effective = paused > 0 ? moved(due, by: paused) : due
            let progress: ProgressClass
            if lateBySupplements || end > effective {
                progress = .late
            } else if end.seconds < Int64(effective.dayNumber) &* Timestamp.secondsPerDay {
                // The date of end is before the date of due: end is before the due's midnight
                // (one day number instead of two).
                progress = .early
            } else {
                progress = .onTime
            }
            return Classification(
                progress: progress, effectiveDue: effective, processingWorkingSeconds: processing,
                pausedWorkingSeconds: paused)
        }
        guard let due else {
            // Without a due, pauses change nothing; they are not measured.
            return Classification(
                progress: .inProgressWithoutDue, effectiveDue: nil, processingWorkingSeconds: nil,
                pausedWorkingSeconds: 0)
        }
        let paused = pausedWorkingSeconds(&record.pauses, from: received, limit: asOf).closed
        let pending = PendingProgress(
            legalDue: due, closedPausedWorkingSeconds: paused, openPauseStart: nil, lateBySupplements: lateBySupplements
        )
        return resolve(pending, asOf: asOf)
    }

    /// The as-of-independent part of an in-progress dossier with a due, or nil when the dossier
    /// is not in progress with a due (then `classify` needs no deferral).
    public func pending(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?) -> PendingProgress? {
        guard record.status.isJudged, record.end == nil, let received = record.received,
            let due = legalDue(record, terms: terms)
        else { return nil }
        let paused = pausedWorkingSeconds(&record.pauses, from: received, limit: nil)
        return PendingProgress(
            legalDue: due, closedPausedWorkingSeconds: paused.closed, openPauseStart: paused.openStart,
            lateBySupplements: !lenientSupplements && record.pauses.count > 1)
    }

    /// Finishes an in-progress classification at `asOf` (which must not precede any closed pause's end).
    @inlinable
    public func resolve(_ pending: PendingProgress, asOf: Timestamp) -> Classification {
        var paused = pending.closedPausedWorkingSeconds
        if let open = pending.openPauseStart, asOf > open { paused += span(from: open, to: asOf) }
        let effective = paused > 0 ? moved(pending.legalDue, by: paused) : pending.legalDue
        let overdue = pending.lateBySupplements || asOf > effective
        return Classification(
            progress: overdue ? .inProgressOverdue : .inProgressWithin, effectiveDue: effective,
            processingWorkingSeconds: nil,
            pausedWorkingSeconds: paused)
    }
}
