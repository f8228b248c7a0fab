import CivilTime
import Ingest
import Metrics
import Records
import _ParallelSupport

/// What `tthc steps` analyses and how dossiers are judged.
public struct StepTimeOptions: Sendable {
    /// The breakdowns to compute, in this order.
    public var dimensions: [StepDimension] = [.department]
    /// The 766 judge (calendar, catalog, supplement rule). Working time is always the legal
    /// clock of its calendar (`WorkCalendar.workingSeconds`), whatever its `clock`.
    public var classifier = DossierClassifier()
    /// Dossiers received in [from, before) are kept (`--from/--to/--period`).
    public var receivedFrom: Timestamp?
    public var receivedBefore: Timestamp?
    /// Where the as-of time comes from (`--as-of`, `--period`, `--to`, else the latest step).
    public var selection = DateSelection()
    public var workers = 1
    /// Histories per piece of parallel work; results never depend on it.
    public var chunkSize = 2048

    public init() {}
}

/// Where the time goes: how long each department (handler, procedure's department, transition)
/// held the dossiers of a step log, on the legal clock, and where the late ones overran their
/// steps' planned time. Rules only; `Output` renders the result.
///
/// - The time between two steps belongs to the department of the earlier step, which holds the
///   dossier; the clock runs from the first received step to the dossier's end (its first step
///   that ends processing, its withdrawal, else the as-of time) and stops while the dossier waits
///   for a supplement, as the 766 due does. A dossier's total is then its processing time.
/// - Late is the one 766 judge's verdict (`DossierClassifier`) on the history's facts with the
///   catalog's due: finished late, or in progress past the due at the as-of time.
/// - Results do not depend on `workers` or on the histories' order: workers' tallies are sums and
///   set unions, and groups are sorted by their names and figures.
public enum StepTimeAnalysis {
    public static func run(_ histories: [DossierHistory], names: StepNames, options: StepTimeOptions)
        -> StepTimeResult
    {
        let givenAsOf = options.selection.asOf(latestEvent: latestStep(histories))
        // Without any step there is nothing to judge; any time will do.
        let asOf = givenAsOf ?? Timestamp(seconds: 0)
        let setup = setup(options, asOf: asOf)
        let chunk = max(1, options.chunkSize)
        let chunks = (histories.count + chunk - 1) / chunk
        let lanes = max(1, min(options.workers, chunks))
        var tallies = (0..<lanes).map { _ in StepTimeAccumulator(setup: setup) }
        tallies.withUnsafeMutableBufferPointer { buffer in
            let shared = SendableBuffer(buffer)
            forEachIndex(chunks, workers: lanes) { index, lane in
                for i in (index * chunk)..<min(histories.count, (index + 1) * chunk) {
                    shared.buffer[lane].add(histories[i])
                }
            }
        }
        var total = tallies[0]
        for other in tallies.dropFirst() { total.merge(other) }
        return finish(
            total, names: names, histories: histories.count, asOf: givenAsOf,
            secondsPerDay: options.classifier.calendar.workingSecondsPerDay)
    }

    /// Reads and folds step logs, then analyses them. With the as-of time known before reading
    /// (`--as-of`, `--period`, `--to`) the histories stream through the fold in bounded memory;
    /// when it is the log's latest step, they are held until it is known.
    public static func run(files: [String], options: StepTimeOptions, reading: StepLogOptions) throws
        -> (StepTimeResult, StepFoldSummary)
    {
        var options = options
        options.workers = reading.scan.workers
        guard let asOf = options.selection.asOf() else {
            let folded = try StepLog.histories(files: files, options: reading)
            return (run(folded.histories, names: folded.names, options: options), folded.summary)
        }
        let setup = setup(options, asOf: asOf)
        let (tally, names, summary) = try StepLog.fold(files: files, options: reading) {
            StepTimeAccumulator(setup: setup)
        }
        let result = finish(
            tally, names: names, histories: summary.dossiers, asOf: asOf,
            secondsPerDay: options.classifier.calendar.workingSecondsPerDay)
        return (result, summary)
    }

    static func setup(_ options: StepTimeOptions, asOf: Timestamp) -> StepTimeAccumulator.Setup {
        StepTimeAccumulator.Setup(
            dimensions: options.dimensions, classifier: options.classifier,
            window: ReceivedWindow(from: options.receivedFrom, before: options.receivedBefore, asOf: asOf), asOf: asOf)
    }

    /// The latest step time of the log, `Int64.min` without steps: the default as-of time.
    static func latestStep(_ histories: [DossierHistory]) -> Int64 {
        histories.reduce(Int64.min) { max($0, $1.latestStepSeconds) }
    }

    static func finish(
        _ tally: StepTimeAccumulator, names: StepNames, histories: Int, asOf: Timestamp?, secondsPerDay: Int64
    ) -> StepTimeResult {
        func name(_ index: Int32, _ table: [String]) -> String? {
            let text = index >= 0 && Int(index) < table.count ? table[Int(index)] : ""
            return text.isEmpty ? nil : text
        }
        let procedureSeconds = tally.procedures.mapValues(\.workingSeconds)
        var breakdowns: [StepBreakdown] = []
        for (d, dimension) in tally.setup.dimensions.enumerated() {
            // Names, not indices, make the key: two indices of one name are one group.
            var byName: [StepGroupKey: StepFigures] = [:]
            for (lane, figures) in tally.groups[d] {
                var key = StepGroupKey(department: name(lane.first, names.departments))
                switch dimension {
                case .department: break
                case .handler: key.handler = name(lane.second, names.handlers)
                case .procedure: key.procedure = lane.procedure
                case .transition: key.next = name(lane.second, names.departments)
                }
                byName[key, default: StepFigures()].merge(figures)
            }
            var groups = byName.map { key, figures in
                StepGroup(
                    key: key, figures: figures,
                    scopeSeconds: dimension == .procedure
                        ? procedureSeconds[key.procedure] ?? 0 : tally.totals.workingSeconds)
            }
            groups.sort(by: ordered)
            breakdowns.append(StepBreakdown(dimension: dimension, groups: groups))
        }
        var handovers: [StepGroupKey: StepHandover] = [:]
        for (pair, value) in tally.handovers {
            let key = StepGroupKey(
                department: name(pair.first, names.departments), next: name(pair.second, names.departments))
            var entry = handovers[key] ?? StepHandover(from: key.department, to: key.next, count: 0, dossiers: 0)
            entry.count += value.count
            entry.dossiers += value.dossiers
            handovers[key] = entry
        }
        let sortedHandovers = handovers.values.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.from != $1.from { return optionalLess($0.from, $1.from) }
            return optionalLess($0.to, $1.to)
        }
        let procedures = tally.procedures.map { (procedure: $0.key, figures: $0.value) }.sorted {
            optionalLess($0.procedure, $1.procedure)
        }
        return StepTimeResult(
            asOf: asOf, breakdowns: breakdowns, totals: tally.totals, procedures: procedures,
            handovers: sortedHandovers, staffing: staffing(tally.handlerDays, names: names), histories: histories,
            withoutReceived: tally.withoutReceived, outsideSelection: tally.outsideSelection,
            afterAsOf: tally.afterAsOf, withoutDue: tally.withoutDue, pausedSeconds: tally.pausedSeconds,
            workingSecondsPerDay: secondsPerDay)
    }

    /// Handlers per department per working day, from the (department, day, handler) triples.
    static func staffing(_ days: Set<StepTimeAccumulator.HandlerDay>, names: StepNames) -> [DepartmentStaffing] {
        // By name: a department's name interned twice is one department.
        var perDay: [String: [Int32: Set<String>]] = [:]
        for entry in days {
            let department =
                Int(entry.department) < names.departments.count ? names.departments[Int(entry.department)] : ""
            let handler = Int(entry.handler) < names.handlers.count ? names.handlers[Int(entry.handler)] : ""
            perDay[department, default: [:]][entry.day, default: []].insert(handler)
        }
        return perDay.map { department, days in
            let counts = days.values.map(\.count).sorted()
            func rank(_ q: Double) -> Int { counts[max(1, Int((q * Double(counts.count)).rounded(.up))) - 1] }
            let everyone = days.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            return DepartmentStaffing(
                department: department.isEmpty ? nil : department, workingDays: counts.count, median: rank(0.5),
                p90: rank(0.9), maximum: counts.last ?? 0, handlers: everyone.count)
        }.sorted { optionalLess($0.department, $1.department) }
    }

    /// Names in order, absent last.
    public static func optionalLess(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (let a?, let b?): return a < b
        case (.some, .none): return true
        default: return false
        }
    }

    /// Procedure first (for `procedure`), then the most working time held, then the names.
    static func ordered(_ a: StepGroup, _ b: StepGroup) -> Bool {
        if a.key.procedure != b.key.procedure { return optionalLess(a.key.procedure, b.key.procedure) }
        if a.figures.workingSeconds != b.figures.workingSeconds {
            return a.figures.workingSeconds > b.figures.workingSeconds
        }
        if a.figures.dossiers != b.figures.dossiers { return a.figures.dossiers > b.figures.dossiers }
        if a.key.department != b.key.department { return optionalLess(a.key.department, b.key.department) }
        if a.key.handler != b.key.handler { return optionalLess(a.key.handler, b.key.handler) }
        return optionalLess(a.key.next, b.key.next)
    }
}
