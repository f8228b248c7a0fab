import CivilTime
import Ingest
import Metrics
import Records
import WorkingTime

/// A group key while counting: name indices (`StepNames`) and the procedure code. Indices are
/// turned into names only when the workers' tallies are merged, so the result never depends on
/// the order in which names were interned.
struct StepLaneKey: Hashable, Sendable {
    var procedure: String?
    var first: Int32
    /// The handler (`handler`) or the next department (`transition`); -1 when unused.
    var second: Int32
}

/// One worker's tallies of `StepTimeAnalysis`: figures per group of each dimension, per
/// procedure and in total, hand-overs, and who worked where on which working day. Everything is
/// a sum or a set union, so workers' tallies merge in any order to the same result.
struct StepTimeAccumulator {
    struct Setup: Sendable {
        var dimensions: [StepDimension]
        var classifier: DossierClassifier
        var window: ReceivedWindow
        var asOf: Timestamp
    }

    /// A worker's day of work in a department.
    struct HandlerDay: Hashable, Sendable {
        var department: Int32
        var day: Int32
        var handler: Int32
    }

    let setup: Setup
    var groups: [[StepLaneKey: StepFigures]]
    var totals = StepFigures()
    var procedures: [String?: StepFigures] = [:]
    var handovers: [StepLaneKey: (count: Int, dossiers: Int)] = [:]
    var handlerDays = Set<HandlerDay>()
    var withoutReceived = 0
    private var leftOut = ReceivedWindowTally()
    var outsideSelection: Int { leftOut.outsideSelection }
    var afterAsOf: Int { leftOut.afterAsOf }
    var withoutDue = 0
    var pausedSeconds: Int64 = 0

    private var walk = StepWalk()
    private var record = DossierRecord()
    private var terms: [String: ProcedureCatalog.Terms?] = [:]
    /// One dossier's part of each group, before it is added: few groups per dossier, so a list.
    private var partial: [(key: StepLaneKey, figures: StepFigures)] = []
    private var dossierHandovers: [StepLaneKey] = []

    init(setup: Setup) {
        self.setup = setup
        groups = setup.dimensions.map { _ in [:] }
    }

    /// Where the 766 judge places the dossier at the as-of time. The due is the catalog's legal
    /// deadline: a step log carries no `NgayHenTra`.
    private mutating func judge(_ history: DossierHistory, facts: HistoryFacts) -> ProgressClass {
        record.reset()
        record.take(facts)
        var entry: ProcedureCatalog.Terms?
        if let code = history.procedure, let catalog = setup.classifier.catalog {
            if let known = terms[code] {
                entry = known
            } else {
                entry = catalog[code]?.terms
                terms[code] = entry
            }
        }
        return setup.classifier.classify(&record, terms: entry, asOf: setup.asOf).progress
    }

    mutating func add(_ history: DossierHistory) {
        let facts = history.facts
        guard facts.received != nil else {
            withoutReceived += 1
            return
        }
        guard leftOut.admits(facts.received, in: setup.window) else { return }
        guard walk.walk(history, facts: facts, asOf: setup.asOf, calendar: setup.classifier.calendar) else {
            withoutReceived += 1
            return
        }
        // Who worked where: every step with a handler on a working day, on the clock or not.
        for step in history.steps where step.handler != 0 && step.time <= setup.asOf {
            let day = step.time.dayNumber
            if setup.classifier.calendar.isWorkingDay(dayNumber: day) {
                handlerDays.insert(HandlerDay(department: step.department, day: Int32(day), handler: step.handler))
            }
        }
        let progress = judge(history, facts: facts)
        let late = progress == .late || progress == .inProgressOverdue
        if progress == .finishedWithoutDue || progress == .inProgressWithoutDue { withoutDue += 1 }
        let procedure = history.procedure.flatMap { $0.isEmpty ? nil : $0 }

        var dossier = StepFigures()
        dossierHandovers.removeAll(keepingCapacity: true)
        for piece in walk.pieces {
            dossier.steps += 1
            dossier.workingSeconds += piece.seconds
            pausedSeconds += piece.pausedSeconds
            if piece.overPlan { dossier.overPlan = 1 }
            if piece.returns { dossier.returns += 1 }
            if let next = piece.next, next != piece.department {
                dossier.handoversOut += 1
                let pair = StepLaneKey(procedure: nil, first: piece.department, second: next)
                if !dossierHandovers.contains(pair) { dossierHandovers.append(pair) }
                handovers[pair, default: (0, 0)].count += 1
            }
        }
        for pair in dossierHandovers { handovers[pair]!.dossiers += 1 }
        dossier.dossiers = 1
        dossier.perDossierMinutes.add(minutes: Int(dossier.workingSeconds / 60))
        dossier.late = late ? 1 : 0
        dossier.lateOverPlan = late && dossier.overPlan > 0 ? 1 : 0
        dossier.reworkedDossiers = dossier.returns > 0 ? 1 : 0
        totals.merge(dossier)
        procedures[procedure, default: StepFigures()].merge(dossier)

        for (d, dimension) in setup.dimensions.enumerated() {
            partial.removeAll(keepingCapacity: true)
            for piece in walk.pieces {
                let key: StepLaneKey
                switch dimension {
                case .department: key = StepLaneKey(procedure: nil, first: piece.department, second: -1)
                case .handler: key = StepLaneKey(procedure: nil, first: piece.department, second: piece.handler)
                case .procedure: key = StepLaneKey(procedure: procedure, first: piece.department, second: -1)
                case .transition:
                    guard let next = piece.next else { continue }
                    key = StepLaneKey(procedure: nil, first: piece.department, second: next)
                }
                var index = partial.firstIndex { $0.key == key }
                if index == nil {
                    partial.append((key, StepFigures()))
                    index = partial.count - 1
                }
                partial[index!].figures.steps += 1
                partial[index!].figures.workingSeconds += piece.seconds
                if piece.overPlan { partial[index!].figures.overPlan = 1 }
                if let next = piece.next, next != piece.department { partial[index!].figures.handoversOut += 1 }
                if dimension == .transition ? piece.nextReturns : piece.returns { partial[index!].figures.returns += 1 }
            }
            for (key, var figures) in partial {
                figures.dossiers = 1
                figures.perDossierMinutes.add(minutes: Int(figures.workingSeconds / 60))
                figures.late = late ? 1 : 0
                figures.lateOverPlan = late && figures.overPlan > 0 ? 1 : 0
                figures.reworkedDossiers = figures.returns > 0 ? 1 : 0
                groups[d][key, default: StepFigures()].merge(figures)
            }
        }
    }

    /// Adds another worker's (or partition's) tallies.
    mutating func merge(_ later: consuming StepTimeAccumulator) {
        let other = later
        for d in groups.indices {
            groups[d].merge(other.groups[d], uniquingKeysWith: StepFigures.sum)
        }
        totals.merge(other.totals)
        procedures.merge(other.procedures, uniquingKeysWith: StepFigures.sum)
        handovers.merge(other.handovers) { ($0.count + $1.count, $0.dossiers + $1.dossiers) }
        handlerDays.formUnion(other.handlerDays)
        withoutReceived += other.withoutReceived
        leftOut.merge(other.leftOut)
        withoutDue += other.withoutDue
        pausedSeconds += other.pausedSeconds
    }
}

/// Fed by the step-log fold, partition by partition.
extension StepTimeAccumulator: HistoryConsumer {
    mutating func consume(_ history: DossierHistory) { add(history) }
}
