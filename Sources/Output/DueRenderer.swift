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
    /// Why the clock did not count a day.
    public enum SkipReason: Hashable, Sendable {
        /// Received after the procedure's afternoon cut-off (seconds of the day).
        case afterCutoff(Int)
        /// A day off: its calendar name, nil for a plain weekend day.
        case dayOff(String?)
    }

    /// Each day the clock did not count, in date order, with the reason.
    public var skippedDays: [(date: CivilDate, reason: SkipReason)]

    /// The skipped days with their reasons in English words (the calendars' Vietnamese names kept).
    public var skipped: [(date: CivilDate, reason: String)] {
        skippedDays.map { ($0.date, DueRenderer.reasonText($0.reason, .en, namesIn: .vi)) }
    }

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
        skippedDays = []
        if let cutoff, start.dayNumber > received.dayNumber, calendar.isWorkingDay(dayNumber: received.dayNumber),
            received.secondOfDay > cutoff, received < calendar.endOfWorkingDay(containing: received)
        {
            skippedDays.append((received.date, .afterCutoff(cutoff)))
        }
        if due.dayNumber >= received.dayNumber {
            for day in received.dayNumber...due.dayNumber where !calendar.isWorkingDay(dayNumber: day) {
                skippedDays.append((CivilDate(dayNumber: day), .dayOff(calendar.dayName(dayNumber: day))))
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

    /// A skipped day's reason in `language`; a day's calendar name as `namesIn` shows it.
    static func reasonText(_ reason: DueExplanation.SkipReason, _ language: Language, namesIn: Language) -> String {
        switch reason {
        case .afterCutoff(let cutoff):
            return Labels.phrase("due_after_cutoff", language, ["cutoff": CalendarRenderer.clock(cutoff)])
        case .dayOff(let name?): return HolidayNames.text(name, namesIn)
        case .dayOff(nil): return Labels.phrase("day_off", language)
        }
    }

    public static func text(_ e: DueExplanation, language: Language = .en) -> String {
        func time(_ t: Timestamp) -> String { language == .vi ? DocumentText.timestamp(t, .vi) : t.iso8601 }
        var out =
            Labels.phrase(
                "due_line", language,
                [
                    "due": time(e.due),
                    "weekday":
                        language == .vi
                        ? Labels.weekday(e.due.date.isoWeekday, .vi) : CalendarRenderer.weekday(e.due.date),
                ])
            + "\n"
        var how = Labels.phrase(
            "due_how", language,
            ["received": time(e.received), "start": time(e.start), "deadline": describe(e.deadline, language)])
        if e.pausedWorkingSeconds > 0 {
            how += Labels.phrase(
                "due_paused", language, ["minutes": Labels.grouped(Int(e.pausedWorkingSeconds / 60), language)])
        }
        how += Labels.phrase(
            "due_minutes", language,
            ["minutes": language == .vi ? Labels.grouped(Int(e.workingMinutes), .vi) : String(e.workingMinutes)])
        if e.mode == .endOfDay { how += Labels.phrase("due_end_of_day", language) }
        out += how + ".\n"
        if e.skippedDays.isEmpty {
            out += Labels.phrase("due_none_skipped", language) + "\n"
        } else {
            // Runs of consecutive days with the same reason read as one range.
            var runs: [(first: CivilDate, last: CivilDate, reason: String)] = []
            for day in e.skippedDays {
                let item = (date: day.date, reason: reasonText(day.reason, language, namesIn: language))
                if let last = runs.last, last.reason == item.reason, last.last.dayNumber + 1 == item.date.dayNumber {
                    runs[runs.count - 1].last = item.date
                } else {
                    runs.append((item.date, item.date, item.reason))
                }
            }
            func date(_ d: CivilDate) -> String { language == .vi ? DocumentText.date(d, .vi) : d.description }
            out +=
                Labels.phrase("due_skipped", language)
                + runs.map {
                    ($0.first == $0.last ? date($0.first) : date($0.first) + ".." + date($0.last)) + " " + $0.reason
                }
                .joined(separator: "; ") + ".\n"
        }
        return out
    }

    static func describe(_ deadline: Deadline, _ language: Language = .en) -> String {
        switch deadline {
        case .workingDays(let n): return Labels.counted(n, .workingDay, language)
        case .workingHours(let n): return Labels.counted(n, .workingHour, language)
        case .sameDay: return Labels.phrase("due_same_day", language)
        }
    }
}
