import CivilTime
import Metrics
import Records
import Testing
import WorkingTime

/// Hand-worked cases for each 766 rule. Office hours are 08:00-12:00, 13:00-17:00, Mon-Fri;
/// 2026-03-02 is a Monday.
@Suite struct ClassificationTests {
    let classifier = DossierClassifier()

    func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }

    func record(
        status: DossierStatus, received: String? = "2026-03-02T08:00", due: String? = "2026-03-04T17:00",
        end: String? = nil, returned: String? = nil, pauses: [(String, String?)] = []
    ) -> DossierRecord {
        var r = DossierRecord()
        r.status = status
        r.received = received.map(t)
        r.due = due.map(t)
        r.processingEnd = end.map(t)
        r.returned = returned.map(t)
        r.pauses = pauses.map { PauseInterval(start: t($0.0), end: $0.1.map(t)) }
        return r
    }

    func classify(_ r: DossierRecord, asOf: String = "2026-03-20T00:00", lenient: Bool = false) -> Classification {
        var copy = r
        var c = classifier
        c.lenientSupplements = lenient
        return c.classify(&copy, terms: nil, asOf: t(asOf))
    }

    /// Thursday 27 Aug 2026 15:00 to Thursday 3 Sep 10:00 spans the weekend, the swapped Monday
    /// 31 Aug and National Day (1-2 Sep): 2 h + 8 h + 2 h = 12 working hours. A pause inside it
    /// (Friday 28 Aug 08:00-12:00) counts once; one starting before it and ending inside it
    /// extends it by its own part (Thursday 14:00-15:00, 1 h).
    @Test func pauseUnionOnTheWorkingClock() {
        var pauses = [
            PauseInterval(start: t("2026-08-28T08:00"), end: t("2026-08-28T12:00")),
            PauseInterval(start: t("2026-08-27T15:00"), end: t("2026-09-03T10:00")),
        ]
        let from = t("2026-08-26T09:00")
        #expect(classifier.pausedWorkingSeconds(&pauses, from: from, limit: nil).closed == 12 * 3600)
        pauses.append(PauseInterval(start: t("2026-08-27T14:00"), end: t("2026-08-27T16:00")))
        #expect(classifier.pausedWorkingSeconds(&pauses, from: from, limit: nil).closed == 13 * 3600)
        // An open pause is not counted without a limit, and runs to the limit with one.
        pauses.append(PauseInterval(start: t("2026-09-04T08:00"), end: nil))
        let open = classifier.pausedWorkingSeconds(&pauses, from: from, limit: nil)
        #expect(open.closed == 13 * 3600 && open.openStart == t("2026-09-04T08:00"))
        let limited = classifier.pausedWorkingSeconds(&pauses, from: from, limit: t("2026-09-04T10:00"))
        #expect(limited.closed == 15 * 3600 && limited.openStart == nil)
    }

    @Test func statusesOneAndThreeAreNotReceived() {
        #expect(classify(record(status: .new, received: nil)).progress == .notReceived)
        #expect(classify(record(status: .notAccepted, received: nil)).progress == .notReceived)
    }

    @Test func withdrawnIsLeftOut() {
        #expect(classify(record(status: .withdrawn, end: "2026-03-03T10:00")).progress == .withdrawn)
    }

    @Test func finishedEarlyOnTimeLateByDateAndInstant() {
        #expect(classify(record(status: .finished, end: "2026-03-03T16:00")).progress == .early)
        #expect(classify(record(status: .finished, end: "2026-03-04T08:30")).progress == .onTime)
        #expect(classify(record(status: .finished, end: "2026-03-04T17:00")).progress == .onTime)
        #expect(classify(record(status: .returned, end: "2026-03-04T17:00:01")).progress == .late)
        // end = NgayKetThucXuLy, else NgayTra.
        #expect(classify(record(status: .returned, returned: "2026-03-05T09:00")).progress == .late)
        #expect(
            classify(record(status: .returned, end: "2026-03-04T09:00", returned: "2026-03-06T09:00")).progress
                == .onTime)
        #expect(classify(record(status: .stopped, end: "2026-03-02T09:00")).progress == .early)
    }

    @Test func inProgressWithinOrOverdueAtAsOf() {
        for status in [DossierStatus.received, .processing, .waitingForSupplement, .waitingForFinancialObligation] {
            #expect(classify(record(status: status), asOf: "2026-03-04T17:00").progress == .inProgressWithin)
            #expect(classify(record(status: status), asOf: "2026-03-04T17:00:01").progress == .inProgressOverdue)
        }
        // Finished after the as-of time: still in progress then.
        #expect(
            classify(record(status: .finished, end: "2026-03-05T10:00"), asOf: "2026-03-04T12:00").progress
                == .inProgressWithin)
    }

    @Test func missingDueWithoutCatalogIsNoDue() {
        #expect(classify(record(status: .finished, due: nil, end: "2026-03-03T10:00")).progress == .finishedWithoutDue)
        #expect(classify(record(status: .processing, due: nil)).progress == .inProgressWithoutDue)
    }

    @Test func missingDueComesFromTheCatalog() {
        var c = classifier
        c.catalog = ProcedureCatalog(entries: [.init(code: "1.001193", deadline: .workingDays(3))])
        var r = record(status: .finished, due: nil, end: "2026-03-05T08:30")
        r.procedure = UnsafeRawBufferPointer(start: nil, count: 0)
        let entry = c.catalog!["1.001193"]
        // Received Mon 08:00 + 3 working days = Wed 17:00, finished Thu: late.
        #expect(c.classify(&r, terms: entry?.terms, asOf: t("2026-03-20T00:00")).progress == .late)
        #expect(c.classify(&r, terms: entry?.terms, asOf: t("2026-03-20T00:00")).effectiveDue == t("2026-03-04T17:00"))
    }

    @Test func aPauseMovesTheDueByItsWorkingTime() {
        // Paused Tue 16:00 -> Wed 09:00 = 2 working hours; due moves Wed 17:00 -> Thu 10:00.
        let r = record(status: .finished, end: "2026-03-05T09:30", pauses: [("2026-03-03T16:00", "2026-03-04T09:00")])
        let c = classify(r)
        #expect(c.effectiveDue == t("2026-03-05T10:00"))
        #expect(c.pausedWorkingSeconds == 2 * 3600)
        #expect(c.progress == .onTime)
        // Processing time excludes the pause: Mon 08:00 -> Thu 09:30 is 3d1.5h, less 2h.
        let expected: Int64 = (3 * 8 * 3600 + 5400) - 7200
        #expect(c.processingWorkingSeconds == expected)
    }

    @Test func theCalendarClockMeasuresElapsedTime() {
        // Paused Tue 16:00 -> 18:00: one working hour, two elapsed hours.
        let r = record(status: .finished, end: "2026-03-04T18:30", pauses: [("2026-03-03T16:00", "2026-03-03T18:00")])
        var copy = r
        var calendarClock = classifier
        calendarClock.clock = .calendar
        let elapsed = calendarClock.classify(&copy, terms: nil, asOf: t("2026-03-20T00:00"))
        #expect(elapsed.effectiveDue == t("2026-03-04T19:00"))
        #expect(elapsed.progress == .onTime)
        let expectedProcessing: Int64 = (2 * 86_400 + 10 * 3600 + 1800) - 7200
        #expect(elapsed.processingWorkingSeconds == expectedProcessing)
        let working = classify(r)
        #expect(working.effectiveDue == t("2026-03-05T09:00"))
        #expect(working.pausedWorkingSeconds == 3600)
    }

    @Test func anOpenPauseRunsToTheAsOfTime() {
        let r = record(status: .waitingForSupplement, pauses: [("2026-03-04T08:00", nil)])
        // Waiting since Wed 08:00: the due keeps moving, so not overdue on Friday.
        #expect(classify(r, asOf: "2026-03-06T16:00").progress == .inProgressWithin)
    }

    @Test func overlappingPausesCountOnce() {
        let r = record(
            status: .finished, end: "2026-03-05T09:30",
            pauses: [("2026-03-03T16:00", "2026-03-04T09:00"), ("2026-03-03T16:30", "2026-03-03T17:00")])
        #expect(classify(r, lenient: true).pausedWorkingSeconds == 2 * 3600)
    }

    @Test func moreThanOneSupplementRequestIsLateUnlessLenient() {
        let r = record(
            status: .finished, end: "2026-03-03T10:00",
            pauses: [("2026-03-02T09:00", "2026-03-02T10:00"), ("2026-03-02T11:00", "2026-03-02T11:30")])
        #expect(classify(r).progress == .late)
        #expect(classify(r, lenient: true).progress == .early)
        let open = record(
            status: .processing,
            pauses: [("2026-03-02T09:00", "2026-03-02T10:00"), ("2026-03-02T11:00", "2026-03-02T11:30")])
        #expect(classify(open, asOf: "2026-03-03T09:00").progress == .inProgressOverdue)
    }

    @Test func deferredVerdictEqualsDirectVerdict() {
        var r = record(
            status: .processing, pauses: [("2026-03-03T16:00", "2026-03-04T09:00"), ("2026-03-05T10:00", nil)])
        let pending = classifier.pending(&r, terms: nil)!
        for asOf in ["2026-03-05T10:00", "2026-03-06T12:00", "2026-03-12T17:00"] {
            var lenient = classifier
            lenient.lenientSupplements = true
            var copy = r
            let direct = lenient.classify(&copy, terms: nil, asOf: t(asOf))
            var lenientPending = pending
            lenientPending.lateBySupplements = false
            #expect(lenient.resolve(lenientPending, asOf: t(asOf)) == direct)
        }
    }
}
