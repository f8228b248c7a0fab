import Testing

@testable import Metrics

@Suite struct KPICountsTests {
    /// Every count is an intake count, an outcome count or an in-progress count, exactly one, so
    /// a count added later cannot be left out of "today" without this failing.
    @Test func intakeOutcomeAndInProgressPartitionTheCounts() {
        let inProgress: [WritableKeyPath<KPICounts, Int>] = [\.inProgress, \.inProgressWithin, \.inProgressOverdue]
        let groups = KPICounts.intakeFields + KPICounts.outcomeFields + inProgress
        #expect(groups.count == KPICounts.fields.count)
        #expect(Set(groups) == Set(KPICounts.fields.map(\.keyPath)))
    }

    @Test func todayTakesIntakeFromArrivalsAndOutcomesFromEnds() {
        var arrivals = KPICounts()
        var ends = KPICounts()
        for (i, field) in KPICounts.fields.enumerated() {
            arrivals[keyPath: field.keyPath] = 100 + i
            ends[keyPath: field.keyPath] = 200 + i
        }
        let today = KPICounts(intakeOf: arrivals, outcomesOf: ends)
        #expect(today.received == arrivals.received && today.online == arrivals.online)
        #expect(today.digitized == arrivals.digitized && today.withdrawn == arrivals.withdrawn)
        #expect(today.finished == ends.finished && today.late == ends.late && today.noDue == ends.noDue)
        #expect(today.electronicResult == ends.electronicResult)
        #expect(today.inProgress == 0 && today.inProgressOverdue == 0 && today.inProgressWithin == 0)
    }
}
