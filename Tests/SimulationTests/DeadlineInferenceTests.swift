import CivilTime
import Testing
import WorkingTime

@testable import Simulation

/// Office hours 08:00-12:00 and 13:00-17:00: a working day is 8 hours.
@Suite("The deadline a due date implies (calibration)")
struct DeadlineInferenceTests {
    let calendar = WorkCalendar()
    func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }

    @Test("Whole working days keep the time of day")
    func wholeDays() {
        let inferred = calendar.inferredDeadline(received: t("2026-03-02T10:00:00"), due: t("2026-03-03T10:00:00"))
        #expect(inferred == InferredDeadline(workingDays: 1, receivedInAfternoon: false, byAfternoonCutoff: false))
    }

    @Test("Received after 15:00, the clock starts next morning")
    func afternoonCutoff() {
        // 16:00 Monday to 17:00 Tuesday is 9 working hours; from Tuesday 08:00 it is 8.
        let inferred = calendar.inferredDeadline(received: t("2026-03-02T16:00:00"), due: t("2026-03-03T17:00:00"))
        #expect(
            inferred
                == InferredDeadline(
                    workingDays: 1, receivedInAfternoon: true, byAfternoonCutoff: true, alsoWithinTheDay: true))
    }

    @Test("Due at closing time the same day: within the day")
    func sameDay() {
        let inferred = calendar.inferredDeadline(received: t("2026-03-02T10:00:00"), due: t("2026-03-02T17:00:00"))
        #expect(inferred.workingDays == 0 && !inferred.byAfternoonCutoff)
    }

    @Test("Overnight or after the cutoff, one working day and within the day give the same due")
    func ambiguous() {
        // Received Sunday night: the clock starts Monday 08:00; due Monday 17:00 either way.
        let night = calendar.inferredDeadline(received: t("2026-03-01T22:00:00"), due: t("2026-03-02T17:00:00"))
        #expect(night.workingDays == 1 && night.alsoWithinTheDay)
        // Received Monday 16:00 with the cutoff: due Tuesday 17:00 either way.
        let late = calendar.inferredDeadline(received: t("2026-03-02T16:00:00"), due: t("2026-03-03T17:00:00"))
        #expect(late.workingDays == 1 && late.byAfternoonCutoff && late.alsoWithinTheDay)
        // Received Monday 10:00, due Tuesday 10:00: one working day only.
        let day = calendar.inferredDeadline(received: t("2026-03-02T10:00:00"), due: t("2026-03-03T10:00:00"))
        #expect(day.workingDays == 1 && !day.alsoWithinTheDay)
    }

    @Test("A due that fits no rule gives its working days rounded")
    func rounded() {
        // Monday 10:00 to Wednesday 14:00: 6 + 8 + 5 = 19 working hours, 2.375 days.
        let inferred = calendar.inferredDeadline(received: t("2026-03-02T10:00:00"), due: t("2026-03-04T14:00:00"))
        #expect(inferred.workingDays == 2 && !inferred.byAfternoonCutoff)
    }
}
