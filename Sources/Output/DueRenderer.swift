import CivilTime
import WorkingTime
import _TextSupport

/// How a dossier's legal due time is reached (`tthc due`): the clock start, the working minutes
/// counted, and the days the clock skipped.
public struct DueExplanation: Sendable {
    public var received: Timestamp
    public var deadline: Deadline
    public var mode: DueMode
    public var start: Timestamp
    public var due: Timestamp
    public var pausedWorkingSeconds: Int64
    public var workingMinutes: Int64
    /// Each day the clock did not count, in date order, with the reason.
    public var skipped: [(date: CivilDate, reason: String)]

    public init(
        received: Timestamp, deadline: Deadline, afternoonCutoff cutoff: Int?, mode: DueMode,
        pausedWorkingSeconds: Int64, calendar: WorkCalendar
    ) {
        self.received = received
        self.deadline = deadline
        self.mode = mode
        self.pausedWorkingSeconds = pausedWorkingSeconds
        due = calendar.due(
            received: received, deadline: deadline, afternoonCutoff: cutoff, mode: mode,
            pausedWorkingSeconds: pausedWorkingSeconds)
        start = calendar.clockStart(received: received, afternoonCutoff: cutoff)
        workingMinutes = Int64(calendar.workingSeconds(from: start, to: due) / 60)
        skipped = []
        if let cutoff, start.dayNumber > received.dayNumber, calendar.isWorkingDay(dayNumber: received.dayNumber),
            received.secondOfDay > cutoff, received < calendar.endOfWorkingDay(containing: received)
        {
            skipped.append(
                (
                    received.date,
                    "received after the \(CalendarRenderer.clock(cutoff)) cut-off: counted from the next working day"
                ))
        }
        if due.dayNumber >= received.dayNumber {
            for day in received.dayNumber...due.dayNumber where !calendar.isWorkingDay(dayNumber: day) {
                skipped.append((CivilDate(dayNumber: day), calendar.dayName(dayNumber: day) ?? "day off"))
            }
        }
    }
}

/// `tthc due`'s text and JSON.
public enum DueRenderer {
    public static func json(_ e: DueExplanation) -> String {
        JSONValue.object([
            ("received", .string(e.received.iso8601)), ("due", .string(e.due.iso8601)),
            ("working_minutes", .int(Int(e.workingMinutes))),
            (
                "skipped",
                .array(
                    e.skipped.map { .object([("date", .string($0.date.description)), ("reason", .string($0.reason))]) })
            ),
        ]).lineText + "\n"
    }

    public static func text(_ e: DueExplanation) -> String {
        var out = "Due: \(e.due.iso8601) (\(CalendarRenderer.weekday(e.due.date)))\n"
        var how = "Received \(e.received.iso8601); clock starts \(e.start.iso8601); \(describe(e.deadline))"
        if e.pausedWorkingSeconds > 0 { how += " + \(e.pausedWorkingSeconds / 60) paused working minutes" }
        how += " = \(e.workingMinutes) working minutes"
        if e.mode == .endOfDay { how += ", rounded to the end of the working day" }
        out += how + ".\n"
        if e.skipped.isEmpty {
            out += "No day skipped.\n"
        } else {
            // Runs of consecutive days with the same reason read as one range.
            var runs: [(first: CivilDate, last: CivilDate, reason: String)] = []
            for item in e.skipped {
                if let last = runs.last, last.reason == item.reason, last.last.dayNumber + 1 == item.date.dayNumber {
                    runs[runs.count - 1].last = item.date
                } else {
                    runs.append((item.date, item.date, item.reason))
                }
            }
            out +=
                "Skipped: "
                + runs.map { ($0.first == $0.last ? "\($0.first)" : "\($0.first)..\($0.last)") + " " + $0.reason }
                .joined(separator: "; ") + ".\n"
        }
        return out
    }

    static func describe(_ deadline: Deadline) -> String {
        switch deadline {
        case .workingDays(let n): return "\(n) working day\(n == 1 ? "" : "s")"
        case .workingHours(let n): return "\(n) working hour\(n == 1 ? "" : "s")"
        case .sameDay: return "within the day (to the end of the receiving working day)"
        }
    }
}
