import CivilTime
import WorkingTime

/// The deadline a log's `NgayHenTra` implies, as `tthc calibrate` infers it.
struct InferredDeadline: Equatable {
    /// Working days; 0 = within the day.
    var workingDays: Int
    /// Received at or after 15:00 on a working day.
    var receivedInAfternoon: Bool
    /// The due counts from the next working morning (a 15:00 afternoon cutoff).
    var byAfternoonCutoff: Bool
    /// One working day that "within the day" gives too: a clock that starts at opening time
    /// (an online dossier received overnight) or next morning (after the cutoff) ends at closing
    /// time either way, so this dossier cannot tell the two deadlines apart.
    var alsoWithinTheDay = false
}

extension WorkCalendar {
    /// The deadline that gives `due` for a dossier received at `received`: n working days keep
    /// the time of day (a whole number of working days from the start of the clock); "within
    /// the day" ends at closing time; a 15:00 cutoff starts the clock next morning. A due that
    /// fits none of these gives its working days rounded.
    func inferredDeadline(received: Timestamp, due: Timestamp) -> InferredDeadline {
        let perDay = Double(workingSecondsPerDay)
        let start = nextWorkingInstant(atOrAfter: received)
        let worked = workingSeconds(from: start, to: due)
        let afternoon = start.dayNumber == received.dayNumber && start.secondOfDay >= 15 * 3600
        func wholeDays(_ w: Int64) -> Int? {
            let n = (Double(w) / perDay).rounded()
            return n >= 1 && abs(Double(w) - n * perDay) <= 60 ? Int(n) : nil
        }
        var inferred = InferredDeadline(workingDays: 0, receivedInAfternoon: afternoon, byAfternoonCutoff: false)
        if let n = wholeDays(worked) {
            inferred.workingDays = n
        } else if afternoon,
            let n = wholeDays(
                workingSeconds(
                    from: nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(start.dayNumber + 1) * 86_400)),
                    to: due))
        {
            inferred.workingDays = n
            inferred.byAfternoonCutoff = true
        } else if due == self.due(received: start, deadline: .sameDay) {
            inferred.workingDays = 0
        } else {
            inferred.workingDays = Int((Double(worked) / perDay).rounded())
        }
        if inferred.workingDays == 1 {
            let withinTheDay = self.due(
                received: received, deadline: .sameDay, afternoonCutoff: inferred.byAfternoonCutoff ? 15 * 3600 : nil)
            inferred.alsoWithinTheDay = withinTheDay == due
        }
        return inferred
    }
}
