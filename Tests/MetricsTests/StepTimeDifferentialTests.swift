import CivilTime
import Engine
import Metrics
import Records
import TestSupport
import Testing
import WorkingTime

/// `StepTimeAnalysis` against a slow, obvious reference written from the rules (Guides/Steps.md,
/// "Where the time goes"), over seeded random histories, for several worker counts, chunk sizes
/// and input orders.
@Suite struct StepTimeDifferentialTests {
    /// What the reference keeps of one dossier in one group.
    struct Part {
        var seconds: Int64 = 0
        var steps = 0
        var overPlan = false
        var handoversOut = 0
        var returns = 0
    }

    struct Expected {
        var groups: [StepDimension: [StepGroupKey: [String: Part]]] = [:]
        var dossiers: [String: Part] = [:]
        var late: Set<String> = []
        var procedureOf: [String: String?] = [:]
        var handovers: [StepGroupKey: (count: Int, dossiers: Set<String>)] = [:]
        var handlerDays: [String?: [Int: Set<String>]] = [:]
        var withoutReceived = 0, outsideSelection = 0, afterAsOf = 0, withoutDue = 0
        var paused: Int64 = 0
    }

    static func name(_ table: [String], _ index: Int32) -> String? {
        table[Int(index)].isEmpty ? nil : table[Int(index)]
    }

    /// The rules, one dossier at a time, on names.
    static func reference(
        _ histories: [DossierHistory], classifier: DossierClassifier, asOf: Timestamp, from: Timestamp?,
        before: Timestamp?
    ) -> Expected {
        let calendar = classifier.calendar
        var e = Expected()
        let departments = StepHistories.departments, handlers = StepHistories.handlers
        for h in histories {
            let steps = h.steps
            guard let r = steps.firstIndex(where: { $0.status == .received }) else {
                e.withoutReceived += 1
                continue
            }
            let received = steps[r].time
            if let from, received < from {
                e.outsideSelection += 1
                continue
            }
            if let before, received >= before {
                e.outsideSelection += 1
                continue
            }
            if received > asOf {
                e.afterAsOf += 1
                continue
            }
            for s in steps where s.handler != 0 && s.time <= asOf && calendar.isWorkingDay(dayNumber: s.time.dayNumber)
            {
                e.handlerDays[name(departments, s.department), default: [:]][s.time.dayNumber, default: []].insert(
                    handlers[Int(s.handler)])
            }
            // The end: the first step ending processing, a final withdrawal, the as-of time.
            var end = asOf
            if let f = steps.first(where: { [8, 9, 10].contains($0.status.rawValue) }), f.time < end { end = f.time }
            if steps.last!.status == .withdrawn, steps.last!.time < end { end = steps.last!.time }
            let clock = Array(steps[r...].prefix { $0.time <= end })

            // The 766 judge on the record the steps make, built here from the raw list.
            var record = DossierRecord()
            record.status = steps.last!.status
            record.received = received
            record.processingEnd = steps.first { $0.status.isFinished }?.time
            var k = 0
            while k < steps.count {
                if steps[k].status == .waitingForSupplement {
                    var j = k
                    while j < steps.count && steps[j].status == .waitingForSupplement { j += 1 }
                    record.pauses.append(
                        PauseInterval(start: steps[k].time, end: j < steps.count ? steps[j].time : nil))
                    k = j
                } else {
                    k += 1
                }
            }
            let terms = h.procedure.flatMap { classifier.catalog?[$0]?.terms }
            let progress = classifier.classify(&record, terms: terms, asOf: asOf).progress
            if progress == .late || progress == .inProgressOverdue { e.late.insert(h.id) }
            if progress == .finishedWithoutDue || progress == .inProgressWithoutDue { e.withoutDue += 1 }
            e.procedureOf[h.id] = h.procedure

            var dossier = Part()
            for (k, s) in clock.enumerated() {
                let until = k + 1 < clock.count ? clock[k + 1].time : end
                let span = calendar.workingSeconds(from: s.time, to: until)
                let seconds = s.status == .waitingForSupplement ? 0 : span
                if s.status == .waitingForSupplement { e.paused += span }
                let department = name(departments, s.department)
                let before = clock[..<k].map { name(departments, $0.department) }
                let isReturn =
                    k > 0 && before.last! != department && before.contains(department) && !s.status.isFinished
                let nextReturn: Bool = {
                    guard k + 1 < clock.count else { return false }
                    let d = name(departments, clock[k + 1].department)
                    let seen = clock[...k].map { name(departments, $0.department) }
                    return seen.last! != d && seen.contains(d) && !clock[k + 1].status.isFinished
                }()
                let next = k + 1 < clock.count ? name(departments, clock[k + 1].department) : nil
                let handedOver = k + 1 < clock.count && next != department
                let over = s.plannedEnd.map { s.time > $0 } ?? false
                dossier.seconds += seconds
                dossier.steps += 1
                if over { dossier.overPlan = true }
                if handedOver {
                    dossier.handoversOut += 1
                    let pair = StepGroupKey(department: department, next: next)
                    var entry = e.handovers[pair] ?? (0, [])
                    entry.count += 1
                    entry.dossiers.insert(h.id)
                    e.handovers[pair] = entry
                }
                if isReturn { dossier.returns += 1 }
                var keys: [(StepDimension, StepGroupKey, Bool)] = [
                    (.department, StepGroupKey(department: department), isReturn),
                    (
                        .handler, StepGroupKey(department: department, handler: name(handlers, s.handler)),
                        isReturn
                    ),
                    (.procedure, StepGroupKey(procedure: h.procedure, department: department), isReturn),
                ]
                if k + 1 < clock.count {
                    keys.append((.transition, StepGroupKey(department: department, next: next), nextReturn))
                }
                for (dimension, key, returns) in keys {
                    var part = e.groups[dimension, default: [:]][key, default: [:]][h.id] ?? Part()
                    part.seconds += seconds
                    part.steps += 1
                    if over { part.overPlan = true }
                    if handedOver { part.handoversOut += 1 }
                    if returns { part.returns += 1 }
                    e.groups[dimension, default: [:]][key, default: [:]][h.id] = part
                }
            }
            e.dossiers[h.id] = dossier
        }
        return e
    }

    /// The nearest-rank percentile of whole minutes, as the histogram reports it (its bucket's middle).
    static func percentile(_ seconds: [Int64], _ q: Double) -> Double? {
        guard !seconds.isEmpty else { return nil }
        let minutes = seconds.map { Int($0 / 60) }.sorted()
        let value = minutes[max(1, Int((q * Double(minutes.count)).rounded(.up))) - 1]
        let range = DurationHistogram.range(ofBucket: DurationHistogram.bucket(ofMinutes: value))
        return Double(range.lowerBound + range.upperBound) / 2
    }

    static func check(
        _ figures: StepFigures, _ parts: [String: Part], late: Set<String>, context: String
    ) {
        let ids = Set(parts.keys)
        #expect(figures.dossiers == parts.count, "\(context): dossiers")
        #expect(figures.steps == parts.values.reduce(0) { $0 + $1.steps }, "\(context): steps")
        #expect(figures.workingSeconds == parts.values.reduce(0) { $0 + $1.seconds }, "\(context): seconds")
        let seconds = parts.values.map(\.seconds)
        #expect(figures.perDossierMinutes.percentile(0.5) == percentile(seconds, 0.5), "\(context): median")
        #expect(figures.perDossierMinutes.percentile(0.9) == percentile(seconds, 0.9), "\(context): p90")
        let lateHere = ids.intersection(late)
        #expect(figures.late == lateHere.count, "\(context): late")
        #expect(figures.lateOverPlan == lateHere.filter { parts[$0]!.overPlan }.count, "\(context): late over plan")
        #expect(figures.overPlan == parts.values.filter(\.overPlan).count, "\(context): over plan")
        #expect(figures.handoversOut == parts.values.reduce(0) { $0 + $1.handoversOut }, "\(context): hand-overs")
        #expect(figures.returns == parts.values.reduce(0) { $0 + $1.returns }, "\(context): returns")
        #expect(figures.reworkedDossiers == parts.values.filter { $0.returns > 0 }.count, "\(context): reworked")
    }

    func options(workers: Int, chunk: Int, asOf: Timestamp?, from: Timestamp?, before: Timestamp?) -> StepTimeOptions {
        var options = StepTimeOptions()
        options.dimensions = StepDimension.allCases
        options.classifier = DossierClassifier(catalog: StepHistories.catalog)
        options.workers = workers
        options.chunkSize = chunk
        options.selection.asOf = asOf
        options.receivedFrom = from
        options.receivedBefore = before
        return options
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func everyFigureMatchesTheReference(seed: UInt64) {
        let histories = StepHistories.random(seed: seed, count: 400)
        var random = SplitMix(seed: seed &* 7919)
        // Half the runs judge at the latest step, half at a time inside the log; some keep dates.
        let explicit: Timestamp? = seed % 2 == 0 ? StepHistories.base.adding(seconds: 30 * 86_400) : nil
        let from: Timestamp? = seed % 3 == 0 ? StepHistories.base.adding(seconds: 5 * 86_400) : nil
        let before: Timestamp? = seed % 3 == 0 ? StepHistories.base.adding(seconds: 35 * 86_400) : nil
        let latest = histories.flatMap { $0.steps.map(\.time) }.max()!
        let asOf = explicit ?? latest
        let result = StepTimeAnalysis.run(
            histories, names: StepHistories.names,
            options: options(
                workers: 1 + random.below(4), chunk: 1 + random.below(50), asOf: explicit, from: from, before: before))
        let e = Self.reference(
            histories, classifier: DossierClassifier(catalog: StepHistories.catalog), asOf: asOf, from: from,
            before: before)
        #expect(result.asOf == asOf)
        #expect(result.withoutReceived == e.withoutReceived)
        #expect(result.outsideSelection == e.outsideSelection)
        #expect(result.afterAsOf == e.afterAsOf)
        #expect(result.withoutDue == e.withoutDue)
        #expect(result.pausedSeconds == e.paused)
        #expect(e.late.count > 10 && e.withoutDue > 10, "the seeds exercise both")
        Self.check(result.totals, e.dossiers, late: e.late, context: "totals")
        var total: Int64 = 0
        for part in e.dossiers.values { total += part.seconds }
        for dimension in StepDimension.allCases {
            let groups = result.breakdown(dimension)!.groups
            let expected = e.groups[dimension] ?? [:]
            #expect(Set(groups.map(\.key)) == Set(expected.keys), "\(dimension): the groups")
            #expect(groups.count == expected.count)
            for group in groups {
                guard let parts = expected[group.key] else { continue }
                Self.check(group.figures, parts, late: e.late, context: "\(dimension) \(group.key)")
                let scope =
                    dimension == .procedure
                    ? e.dossiers.filter { e.procedureOf[$0.key]! == group.key.procedure }.values.reduce(0) {
                        $0 + $1.seconds
                    } : total
                #expect(group.scopeSeconds == scope, "\(dimension) \(group.key): scope")
            }
            // Most working time first (within a procedure for `procedure`).
            for (a, b) in zip(groups, groups.dropFirst()) where a.key.procedure == b.key.procedure {
                #expect(a.figures.workingSeconds >= b.figures.workingSeconds)
            }
        }
        for (procedure, figures) in result.procedures {
            let parts = e.dossiers.filter { e.procedureOf[$0.key]! == procedure }
            Self.check(figures, parts, late: e.late, context: "procedure \(procedure ?? "-")")
        }
        #expect(result.handovers.count == e.handovers.count)
        for handover in result.handovers {
            let entry = e.handovers[StepGroupKey(department: handover.from, next: handover.to)]
            #expect(handover.count == entry?.count)
            #expect(handover.dossiers == entry?.dossiers.count)
        }
        #expect(result.staffing.count == e.handlerDays.count)
        for staffing in result.staffing {
            let days = e.handlerDays[staffing.department]!
            let counts = days.values.map(\.count).sorted()
            func rank(_ q: Double) -> Int { counts[max(1, Int((q * Double(counts.count)).rounded(.up))) - 1] }
            #expect(staffing.workingDays == days.count)
            #expect(staffing.median == rank(0.5))
            #expect(staffing.p90 == rank(0.9))
            #expect(staffing.maximum == counts.last!)
            #expect(staffing.handlers == days.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count)
        }
    }

    /// A finished dossier's total on the clock is its processing time as the 766 judge measures
    /// it: received to end, less the supplement pauses.
    @Test func aFinishedDossiersTotalIsItsProcessingTime() {
        let classifier = DossierClassifier(catalog: StepHistories.catalog)
        var checked = 0
        for history in StepHistories.random(seed: 11, count: 300) {
            let facts = history.facts
            guard let received = facts.received, let end = facts.end, end >= received,
                history.steps.last?.status != .withdrawn
            else { continue }
            var options = StepTimeOptions()
            options.classifier = classifier
            options.selection.asOf = end.adding(seconds: 86_400 * 400)
            let result = StepTimeAnalysis.run([history], names: StepHistories.names, options: options)
            var record = DossierRecord()
            record.status = .finished
            record.received = received
            record.processingEnd = end
            record.pauses = facts.pauses
            let processing = classifier.classify(&record, terms: nil, asOf: end).processingWorkingSeconds
            #expect(result.totals.workingSeconds == processing, "\(history.id)")
            checked += 1
        }
        #expect(checked > 50)
    }

    /// The same histories in another order, on any number of workers and pieces, give the same result.
    @Test func resultsDoNotDependOnWorkersChunksOrOrder() {
        let histories = StepHistories.random(seed: 21, count: 700)
        var random = SplitMix(seed: 5)
        var shuffled = histories
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, random.below(i + 1)) }
        let first = StepTimeAnalysis.run(
            histories, names: StepHistories.names,
            options: options(workers: 1, chunk: 5000, asOf: nil, from: nil, before: nil))
        for (workers, chunk) in [(2, 1), (3, 17), (8, 64)] {
            let other = StepTimeAnalysis.run(
                shuffled, names: StepHistories.names,
                options: options(workers: workers, chunk: chunk, asOf: nil, from: nil, before: nil))
            #expect(other.totals == first.totals)
            for (a, b) in zip(first.breakdowns, other.breakdowns) { #expect(a.groups == b.groups, "\(a.dimension)") }
            #expect(other.handovers == first.handovers)
            #expect(other.staffing == first.staffing)
            #expect(other.procedures.map(\.procedure) == first.procedures.map(\.procedure))
            #expect(other.procedures.map(\.figures) == first.procedures.map(\.figures))
        }
    }
}
