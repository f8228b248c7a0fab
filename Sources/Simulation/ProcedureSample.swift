import CivilTime
import Metrics
import Records
import WorkingTime

/// What `tthc calibrate` learns from the dossiers of one procedure code: counts and samples,
/// gathered one dossier at a time (`add`), encoded as a scenario procedure by `members`.
struct ProcedureSample {
    var count = 0
    var hours = [Double](repeating: 0, count: 168)
    var channels = [0, 0, 0, 0]
    var levels: [Int: Int] = [:]
    var onlineL4 = 0, fullOnline = 0, fee = 0, onlineFee = 0, paid = 0, digitized = 0, finished = 0, eResult = 0
    var counterPaid = 0, missingDue = 0
    var withPause = 0, withTwo = 0
    /// Supplement delays in days.
    var delays: [Double] = []
    var deadlines: [Int] = []
    /// Dossiers whose due one working day and "within the day" both give (`alsoWithinTheDay`).
    var eitherDayOrWithin = 0
    var afternoonCount = 0, cutoffCount = 0
    /// Processing times in working hours, pauses excluded.
    var processing: [Double] = []
    /// Shares of the time to the due date, apart for dossiers with one supplement request
    /// (index 1): those are the harder ones, late more often. Dossiers with two requests are
    /// late whatever their processing time (the 766 rule), so their shares say nothing about
    /// lateness; they are left out (the simulated ones draw from index 1).
    var shares: [[Double]] = [[], []]
    var censoredShares: [[Double]] = [[], []], stuckShares: [[Double]] = [[], []]
    var censoredProcessing: [Double] = []
    /// Supplement requests among finished dossiers, whose histories are complete.
    var finishedWithPause = 0, finishedWithTwo = 0

    /// Adds dossier `d` (received), observed in a log that ends at `asOf`.
    /// - Parameter censorOpen: see `Calibration.calibrate`.
    mutating func add(
        _ d: ObservedDossier, calendar: WorkCalendar, asOf: Timestamp, censorOpen: Bool,
        classifier: DossierClassifier, record: inout DossierRecord
    ) {
        count += 1
        let r = d.received!
        hours[(CivilDate.isoWeekday(dayNumber: r.dayNumber) - 1) * 24 + r.secondOfDay / 3600] += 1
        channels[(1...3).contains(d.channel) ? d.channel : 1] += 1
        if d.level != 0 { levels[d.level, default: 0] += 1 }
        if d.channel == 2 && d.level == 4 {
            onlineL4 += 1
            if d.fullOnline { fullOnline += 1 }
        }
        if d.feeBearing {
            fee += 1
            if d.channel == 2 {
                onlineFee += 1
                if d.paidOnline { paid += 1 }
            } else if d.paidOnline {
                counterPaid += 1
            }
        }
        if d.digitized { digitized += 1 }
        if d.due == nil { missingDue += 1 }
        if !d.pauses.isEmpty { withPause += 1 }
        if d.pauses.count > 1 { withTwo += 1 }
        var paused: Int64 = 0
        for p in d.pauses {
            if let e = p.end {
                delays.append(Double(e.seconds - p.start.seconds) / 86_400)
                paused += calendar.workingSeconds(from: p.start, to: e)
            }
        }
        if let due = d.due {
            let inferred = calendar.inferredDeadline(received: r, due: due)
            if inferred.receivedInAfternoon { afternoonCount += 1 }
            if inferred.byAfternoonCutoff { cutoffCount += 1 }
            if inferred.alsoWithinTheDay { eitherDayOrWithin += 1 } else { deadlines.append(inferred.workingDays) }
        }
        if censorOpen && d.end == nil && d.isInProgress(asOf: asOf, classifier: classifier, record: &record) {
            // Still open at the end of the log: a censored observation (it took at
            // least this long), so long processing times are not underestimated.
            var openPaused: Int64 = 0
            for p in d.pauses where p.end == nil && p.start < asOf {
                openPaused += calendar.workingSeconds(from: p.start, to: asOf)
            }
            let worked = max(0, Double(calendar.workingSeconds(from: r, to: asOf) - paused - openPaused))
            censoredProcessing.append(worked / 3600)
            if let due = d.due {
                let available = Double(
                    calendar.workingSeconds(from: calendar.nextWorkingInstant(atOrAfter: r), to: due))
                if available > 0 {
                    // Already overdue at the end of the log: stuck dossiers (waiting
                    // for the citizen or a decision) are kept as a population that does
                    // not finish within the horizon; younger ones are censored.
                    let share = worked / available
                    let group = d.pauses.isEmpty ? 0 : 1
                    if share > 1 {
                        stuckShares[group].append(1000)
                    } else {
                        censoredShares[group].append(share)
                    }
                }
            }
        }
        if let end = d.end {
            finished += 1
            if !d.pauses.isEmpty { finishedWithPause += 1 }
            if d.pauses.count > 1 { finishedWithTwo += 1 }
            if d.electronicResult { eResult += 1 }
            let worked = max(0, Double(calendar.workingSeconds(from: r, to: end) - paused))
            processing.append(worked / 3600)
            if let due = d.due {
                let available = Double(
                    calendar.workingSeconds(from: calendar.nextWorkingInstant(atOrAfter: r), to: due))
                if available > 0 && d.pauses.count < 2 {
                    shares[d.pauses.count].append(worked / available)
                }
            }
        }
    }
}
