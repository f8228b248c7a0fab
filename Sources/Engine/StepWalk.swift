import CivilTime
import Records
import WorkingTime

/// One step of a history on the dossier's legal clock, with the time its department held the
/// dossier after it: until the next step, or the dossier's end (its as-of time while open).
struct StepPiece: Sendable {
    var department: Int32
    var handler: Int32
    /// The department of the next step on the clock; nil for the last.
    var next: Int32?
    /// Working seconds held after the step; 0 after a waiting-for-supplement step, since the
    /// legal clock stops while the citizen completes the dossier.
    var seconds: Int64
    /// Working seconds of the same span while waiting for a supplement.
    var pausedSeconds: Int64
    /// The step enters a department the dossier had been in and left, and does not end processing.
    var returns: Bool
    /// The next step returns (for the transition that leads there).
    var nextReturns: Bool
    /// Recorded after its planned end (`ThoiDiemXuLy` > `NgayKetThucTheoQuyDinh`).
    var overPlan: Bool
}

/// Turns a history into the pieces of its clock: the steps from the first received step to
/// the dossier's end, each holding the dossier until the next (the department of the earlier
/// step holds it). The end is the first step that ends processing (8, 9, 10), a withdrawal when
/// the dossier ends withdrawn, else the as-of time; steps after it are not on the clock.
struct StepWalk {
    /// Reused between histories.
    private(set) var pieces: [StepPiece] = []
    private var visited: [Int32] = []

    /// Walks `history` with the facts it has; returns false (and no pieces) when it has no
    /// received step at or before `asOf`.
    mutating func walk(_ history: DossierHistory, facts: HistoryFacts, asOf: Timestamp, calendar: WorkCalendar)
        -> Bool
    {
        pieces.removeAll(keepingCapacity: true)
        visited.removeAll(keepingCapacity: true)
        guard let received = facts.received, received <= asOf,
            let first = history.steps.firstIndex(where: { $0.status == .received })
        else { return false }
        var end = asOf
        if let finished = facts.end, finished < end { end = finished }
        if facts.status == .withdrawn, let last = history.steps.last, last.time < end { end = last.time }
        var last = first
        while last + 1 < history.steps.count && history.steps[last + 1].time <= end { last += 1 }
        for i in first...last {
            let step = history.steps[i]
            let next: ProcessStep? = i < last ? history.steps[i + 1] : nil
            let span = calendar.workingSeconds(from: step.time, to: next?.time ?? end)
            let paused = step.status == .waitingForSupplement
            let enters = i == first || history.steps[i - 1].department != step.department
            // Coming back to close the dossier (the counter handing out the result, the officer
            // finishing after the signature) is the route, not work done again.
            let returns = enters && visited.contains(step.department) && !step.status.isFinished
            if enters && !returns { visited.append(step.department) }
            if returns, !pieces.isEmpty { pieces[pieces.count - 1].nextReturns = true }
            pieces.append(
                StepPiece(
                    department: step.department, handler: step.handler, next: next?.department,
                    seconds: paused ? 0 : span, pausedSeconds: paused ? span : 0, returns: returns, nextReturns: false,
                    overPlan: step.plannedEnd.map { step.time > $0 } ?? false))
        }
        return true
    }
}
