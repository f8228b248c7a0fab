import CivilTime
import Engine
import Metrics
import Records
import Testing
import WorkingTime

/// Hand-worked histories: who held a dossier how long, hand-overs and returns counted by hand.
/// Office hours are 08:00-12:00 and 13:00-17:00, Monday to Friday; 2026-03-02 is a Monday.
@Suite struct StepTimeHandmadeTests {
    static let counter: Int32 = 1, land: Int32 = 2, leader: Int32 = 3
    static var names: StepNames {
        var names = StepNames()
        names.departments = ["", "Counter", "Land office", "Leader"]
        names.handlers = ["", "An", "Binh", "Chi"]
        return names
    }

    static func t(_ text: String) -> Timestamp { TimestampParser.parse(text)! }

    static func step(
        _ time: String, _ status: DossierStatus, _ department: Int32, handler: Int32 = 1, planned: String? = nil
    ) -> ProcessStep {
        ProcessStep(
            time: t(time), plannedEnd: planned.map(t), status: status, department: department, handler: handler,
            title: 0, content: 0)
    }

    /// Counter -> land -> leader -> land -> leader -> counter: the land office and the leader get
    /// the dossier back once each; the counter gets it back only to finish it, which is no return.
    static let loop = DossierHistory(
        id: "LOOP", procedure: "SAME",
        steps: [
            step("2026-03-02T08:00", .received, counter),
            step("2026-03-02T09:00", .processing, land, handler: 2, planned: "2026-03-02T12:00"),
            step("2026-03-03T10:00", .processing, leader, handler: 3),
            step("2026-03-04T08:00", .processing, land, handler: 2),
            step("2026-03-04T14:00", .processing, leader, handler: 3),
            step("2026-03-05T08:00", .finished, counter),
        ])

    /// A supplement request at the land office: the clock stops until the citizen is back.
    static let paused = DossierHistory(
        id: "PAUSE", procedure: "HOURS",
        steps: [
            step("2026-03-02T08:00", .received, counter),
            step("2026-03-02T10:00", .waitingForSupplement, land, handler: 2),
            step("2026-03-03T10:00", .processing, land, handler: 2),
            step("2026-03-03T11:00", .finished, land, handler: 2),
        ])

    /// Still with the leader at the as-of time (Friday 08:00), passed on at the minute it came.
    static let open = DossierHistory(
        id: "OPEN", procedure: "HOURS",
        steps: [
            step("2026-03-04T08:00", .received, counter),
            step("2026-03-04T08:00", .processing, leader, handler: 3),
        ])

    static func run(_ histories: [DossierHistory], _ dimensions: [StepDimension] = StepDimension.allCases)
        -> StepTimeResult
    {
        var options = StepTimeOptions()
        options.dimensions = dimensions
        options.classifier = DossierClassifier(
            catalog: ProcedureCatalog(entries: [
                .init(code: "SAME", deadline: .sameDay), .init(code: "HOURS", deadline: .workingHours(6)),
            ]))
        options.selection.asOf = t("2026-03-06T08:00")
        return StepTimeAnalysis.run(histories, names: names, options: options)
    }

    func group(_ result: StepTimeResult, _ dimension: StepDimension, _ key: StepGroupKey) -> StepFigures? {
        result.breakdown(dimension)?.groups.first { $0.key == key }?.figures
    }

    @Test func theLoopsTimeHandOversAndReturns() {
        let result = Self.run([Self.loop])
        let hour: Int64 = 3600
        // Land: Mon 09-12, 13-17, Tue 08-10 (9 h) and Wed 08-12, 13-14 (5 h).
        #expect(group(result, .department, .init(department: "Land office"))?.workingSeconds == 14 * hour)
        // Leader: Tue 10-12, 13-17 (6 h) and Wed 14-17 (3 h).
        #expect(group(result, .department, .init(department: "Leader"))?.workingSeconds == 9 * hour)
        // Counter: Mon 08-09, and the finishing step holds nothing.
        let counter = group(result, .department, .init(department: "Counter"))
        #expect(counter?.workingSeconds == 1 * hour)
        #expect(counter?.steps == 2)
        #expect(result.totals.workingSeconds == 24 * hour)
        // 24 h = 1,440 minutes, in the histogram's bucket 1,440-1,471, reported as its middle.
        #expect(result.totals.perDossierMinutes.percentile(0.5) == 1_455.5)

        // Returns: land and leader once each; the dossier is reworked in both.
        for name in ["Land office", "Leader"] {
            #expect(group(result, .department, .init(department: name))?.returns == 1, "\(name)")
            #expect(group(result, .department, .init(department: name))?.reworkedDossiers == 1, "\(name)")
        }
        #expect(counter?.returns == 0)
        #expect(counter?.reworkedDossiers == 0)
        #expect(result.totals.returns == 2)
        #expect(result.totals.reworkedDossiers == 1)
        // Hand-overs: counter->land, land->leader twice, leader->land, leader->counter.
        let pairs = result.handovers.map { "\($0.from!)>\($0.to!):\($0.count)/\($0.dossiers)" }
        #expect(
            pairs == [
                "Land office>Leader:2/1", "Counter>Land office:1/1", "Leader>Counter:1/1", "Leader>Land office:1/1",
            ])
        #expect(result.totals.handoversOut == 5)
        #expect(group(result, .department, .init(department: "Leader"))?.handoversOut == 2)
        // Transitions: land->leader held 9 h + 5 h; the return into the leader is on it.
        let landToLeader = group(result, .transition, .init(department: "Land office", next: "Leader"))
        #expect(landToLeader?.workingSeconds == 14 * hour)
        #expect(landToLeader?.steps == 2)
        #expect(landToLeader?.returns == 1)
        #expect(group(result, .transition, .init(department: "Counter", next: "Land office"))?.returns == 0)
        #expect(group(result, .transition, .init(department: "Leader", next: "Counter"))?.returns == 0)
        #expect(group(result, .transition, .init(department: "Leader", next: "Land office"))?.returns == 1)
        // Same-day procedure, finished on Thursday: late; the land office's step planned for
        // Monday 12:00 was recorded at 09:00, within its plan.
        #expect(result.totals.late == 1)
        #expect(group(result, .department, .init(department: "Land office"))?.lateOverPlan == 0)
        // Handlers: Binh holds the land office's time.
        #expect(group(result, .handler, .init(department: "Land office", handler: "Binh"))?.workingSeconds == 14 * hour)
        // By procedure: shares of the procedure's own time.
        let byProcedure = result.breakdown(.procedure)!.groups.filter { $0.key.procedure == "SAME" }
        #expect(byProcedure.map(\.key.department) == ["Land office", "Leader", "Counter"])
        #expect(
            byProcedure.map(\.share) == [Rate(14 * 3600, 24 * 3600), Rate(9 * 3600, 24 * 3600), Rate(3600, 24 * 3600)])
    }

    @Test func aSupplementPauseBelongsToNoDepartment() {
        let result = Self.run([Self.paused])
        let hour: Int64 = 3600
        #expect(group(result, .department, .init(department: "Counter"))?.workingSeconds == 2 * hour)
        // Mon 10:00 - Tue 10:00 waits for the citizen (8 working hours); Tue 10-11 is worked.
        #expect(group(result, .department, .init(department: "Land office"))?.workingSeconds == 1 * hour)
        #expect(result.pausedSeconds == 8 * hour)
        #expect(result.totals.workingSeconds == 3 * hour)
        #expect(result.handovers.map(\.count) == [1])
        #expect(result.totals.returns == 0)
        // 6 working hours from Mon 08:00 is Mon 15:00, moved 8 h by the pause: Tue 15:00; done Tue 11:00.
        #expect(result.totals.late == 0)
    }

    @Test func anOpenDossierIsHeldUntilTheAsOfTime() {
        let result = Self.run([Self.open])
        // Wed 08:00 to Fri 08:00: 16 working hours with the leader, none at the counter.
        #expect(group(result, .department, .init(department: "Leader"))?.workingSeconds == Int64(16 * 3600))
        #expect(group(result, .department, .init(department: "Counter"))?.workingSeconds == 0)
        #expect(group(result, .department, .init(department: "Counter"))?.dossiers == 1)
        // 6 h from Wed 08:00 is Wed 15:00: overdue at Friday 08:00.
        #expect(result.totals.late == 1)
        #expect(group(result, .department, .init(department: "Leader"))?.late == 1)
        // The open piece has no next step: no transition from the leader.
        #expect(result.breakdown(.transition)!.groups.map(\.key) == [.init(department: "Counter", next: "Leader")])
    }

    @Test func lateDossiersOverTheirStepsPlannedTime() {
        var overrun = Self.loop
        overrun.id = "OVERRUN"
        // The leader's first step planned for Tuesday 09:00, recorded at 10:00.
        overrun.steps[2].plannedEnd = Self.t("2026-03-03T09:00")
        let result = Self.run([Self.loop, overrun, Self.paused])
        let leader = group(result, .department, .init(department: "Leader"))!
        #expect(leader.late == 2)
        #expect(leader.lateOverPlan == 1)
        #expect(leader.lateOverPlanRate == Rate(1, 2))
        let land = group(result, .department, .init(department: "Land office"))!
        #expect(land.late == 2)  // the paused dossier is on time
        #expect(land.lateOverPlan == 0)
        #expect(result.totals.lateOverPlan == 1)
        #expect(result.totals.overPlan == 1)
    }

    @Test func handlersPerWorkingDay() {
        // Binh and Chi at the land office on Monday, Binh alone on Tuesday; An's Saturday does not count.
        let a = DossierHistory(
            id: "A",
            steps: [
                Self.step("2026-02-28T09:00", .new, Self.land, handler: 1),
                Self.step("2026-03-02T08:00", .received, Self.counter),
                Self.step("2026-03-02T09:00", .processing, Self.land, handler: 2),
                Self.step("2026-03-03T09:00", .processing, Self.land, handler: 2),
            ])
        let b = DossierHistory(
            id: "B",
            steps: [
                Self.step("2026-03-02T08:00", .received, Self.counter),
                Self.step("2026-03-02T10:00", .processing, Self.land, handler: 3),
            ])
        let staffing = Self.run([a, b], [.department]).staffing
        let land = staffing.first { $0.department == "Land office" }!
        #expect(land.workingDays == 2)
        #expect(land.median == 1)
        #expect(land.maximum == 2)
        #expect(land.p90 == 2)
        #expect(land.handlers == 2)
        let counter = staffing.first { $0.department == "Counter" }!
        #expect(counter.workingDays == 1)
        #expect(counter.median == 1)
    }
}
