import CivilTime
import Metrics
import Records
import WorkingTime

/// The kinds of events in the queue (arrivals are kept apart, see `pendingArrivals`).
enum EventKind {
    static let arrival: Int32 = 0
    static let serviceEnd: Int32 = 1
    static let wake: Int32 = 2
    static let supplementReturn: Int32 = 3
    /// A quarter mark of the measured window: the queue areas so far are noted (`QueueGrowth`).
    static let quarterMark: Int32 = 4
}

/// One replication of a `ServiceCenterModel`: the event loop and its state (see
/// `ServiceCenterModel` for the model).
struct EventLoop {
    let model: ServiceCenterModel
    let scenario: Scenario
    let calendar: WorkCalendar?
    let overtime: Bool
    let hasCalendar: Bool
    let ziggurat = ExponentialZiggurat.shared
    let collect: Bool
    var events = EventQueue()
    var entities = Slab<Entity>(capacity: 1024)
    var free = Slab<Int32>(capacity: 1024)
    var work = Slab<Double>(capacity: 1024)
    let stride: Int
    var pools: Slab<PoolState>
    var lines: Slab<WaitingLine>
    var disciplines: [QueueDiscipline]
    var procs = Slab<ProcedureFacts>(capacity: 16)
    /// Per procedure and channel code (`p * 4 + channel`): the attributes when every share is
    /// 0 or 1 and no third draw is needed (the same for every dossier), else `drawnAttributes`.
    var fixedAttributes = Slab<DossierAttributes>(capacity: 64)
    var stepPool = Slab<Int32>(capacity: 16)
    var stepMask = Slab<UInt8>(capacity: 16)
    var stepReturns = Slab<Bool>(capacity: 16)
    var stepRelative = Slab<Bool>(capacity: 16)
    var services = Slab<Distribution>(capacity: 16)
    /// The mean of each step's service when it is exponential, else NaN: drawn without going
    /// through the `Distribution` enum (whose empirical payload costs a retain per copy).
    var exponentialMean = Slab<Double>(capacity: 16)
    /// Each step's work content for dossiers with a supplement request there, and whether the
    /// step has one of its own (else `services`).
    var supplementServices = Slab<Distribution>(capacity: 16)
    var hasSupplementService = Slab<Bool>(capacity: 16)
    var delays: [Distribution] = []
    var streams = Slab<ArrivalStream>(capacity: 16)
    /// Each stream's next arrival, kept out of the event heap (one heap push and pop saved per
    /// dossier); it carries a sequence number taken when it was drawn, so the order of events is
    /// exactly that of a single heap.
    var pendingArrivals = Slab<Event>(capacity: 16)
    var nextStream = -1
    var serviceRNG = Slab<Xoshiro256StarStar>(capacity: 16)
    var attributeRNG = Slab<Xoshiro256StarStar>(capacity: 16)
    var now = 0.0
    var eventCount = 0

    // Window and stopping.
    var observationStart: Double
    var observationEnd = Double.infinity
    var endTime = Double.infinity
    /// No arrival at or after this instant (the end of the measured period when draining).
    var arrivalCutoff = Double.infinity
    var customerLimit: Int?
    var warmupCustomers = 0
    var arrivalsTotal = 0
    var arrivalsObserved = 0
    var arrivalsStopped = false
    /// The run was cut at the end of the calendar (`calendarEnd`), and whether it got there.
    var cappedAtCalendarEnd = false
    var reachedCalendarEnd = false
    static let calendarEnd = Double(Timestamp(year: WorkCalendar.coveredYears.upperBound + 1, month: 1, day: 1).seconds)

    // Whole-system statistics.
    var inSystem = 0
    var systemArea = 0.0
    var systemLast = 0.0
    var completed = 0
    var waitSum = 0.0
    var waitedCustomers = 0
    var sojournSum = 0.0
    var counts = KPICounts()
    /// Departures of the fast path by procedure, channel, level-4 bit and flags (see `countDeparted`).
    var tally: Slab<Int>
    /// Each procedure's counts and sums; the totals are their sums.
    var byProcedure: Slab<ProcedureTally>
    /// One procedure: its sums are the totals, filled in at the end (the M/M/c hot path then
    /// adds nothing per dossier for the breakdown).
    let singleProcedure: Bool
    var dossiers: [SimulatedDossier] = []
    var processingDaysSum = 0.0
    var processingDaysCount = 0
    var judge: SimulationJudge
    /// The measured dossiers, when collected (`collect`).
    var pendingJudgement: [SimulatedDossier] = []
    /// Where the measured dossiers go as they leave (and the open ones at the end), instead of
    /// being collected: an emitted log then costs no memory however long the run.
    var sink: DossierSink?

    /// Each pool's lowest queue in the second quarter of the measured window, noted at the
    /// quarter marks (1/4, 1/2, 3/4) when the window is long enough to tell a growing queue
    /// (`QueueGrowth.minimumWindow`); `PoolState.lowestQueue` runs within the current quarter.
    var secondQuarterLowest: [Int] = []
    var quarterMarksSeen = 0

    /// Earlier pauses of backlog dossiers (before the as-of time), by entity.
    var priorPauses: [Int: [PauseInterval]] = [:]

    init(
        model: ServiceCenterModel, seed: UInt64, replication: Int, length: RunLength, collect: Bool, backlog: Backlog?,
        sink: DossierSink? = nil
    ) {
        self.sink = sink
        self.model = model
        scenario = model.scenario
        calendar = scenario.calendar
        hasCalendar = scenario.calendar != nil
        overtime = scenario.overtime
        self.collect = collect || sink != nil
        stride = scenario.procedures.map(\.steps.count).max() ?? 1
        tally = Slab(zeroed: 256 * scenario.procedures.count)
        byProcedure = Slab(capacity: scenario.procedures.count)
        singleProcedure = scenario.procedures.count == 1
        for _ in scenario.procedures { byProcedure.append(ProcedureTally()) }
        pools = Slab(capacity: scenario.pools.count)
        for p in scenario.pools { pools.append(PoolState(size: p.size)) }
        lines = Slab(capacity: scenario.pools.count)
        for p in scenario.pools { lines.append(WaitingLine(discipline: p.discipline)) }
        disciplines = scenario.pools.map(\.discipline)
        for (pi, p) in scenario.procedures.enumerated() {
            procs.append(
                ProcedureFacts(
                    feeShare: p.feeShare, onlinePaymentShare: p.onlinePaymentShare,
                    fullOnlineShare: p.level == 4 ? p.fullOnlineShare : 0, digitizedShare: p.digitizedShare,
                    electronicResultShare: p.electronicResultShare, supplementProbability: p.supplementProbability,
                    reworkShare: p.reworkShare, supplementStep: Int32(p.supplementStep),
                    stepCount: Int32(p.steps.count),
                    priority: Double(p.priority), level: p.level, deadline: p.deadline,
                    afternoonCutoff: p.afternoonCutoff))
            let shares = [
                p.feeShare, p.onlinePaymentShare, p.level == 4 ? p.fullOnlineShare : 0, p.digitizedShare,
                p.electronicResultShare,
                p.supplementProbability,
            ]
            procs[procs.count - 1].deterministicAttributes = shares.allSatisfy { $0 == 0 || $0 == 1 }
            procs[procs.count - 1].counterPaymentShare = p.counterPaymentShare
            procs[procs.count - 1].missingDueShare = p.missingDueShare
            procs[procs.count - 1].repeatProbability = p.supplementRepeatProbability
            procs[procs.count - 1].extraDraw = [
                p.counterPaymentShare, p.missingDueShare, p.supplementRepeatProbability,
            ]
            .contains { $0 > 0 && $0 < 1 }
            delays.append(p.supplementDelay)
            let proc = procs[procs.count - 1]
            for channel in 0..<4 {
                let fixed = proc.deterministicAttributes && !proc.extraDraw
                fixedAttributes.append(
                    fixed ? .drawn(for: proc, channel: UInt8(channel), 0, 0, 0) : .drawn)
            }
            for k in 0..<stride {
                let step = k < p.steps.count ? p.steps[k] : p.steps[0]
                stepPool.append(Int32(step.pool))
                stepMask.append(step.channelMask)
                stepReturns.append(step.returnsResult)
                stepRelative.append(step.relativeToDue)
                services.append(step.service)
                supplementServices.append(step.serviceWithSupplement ?? step.service)
                hasSupplementService.append(step.serviceWithSupplement != nil)
                if case .exponential(let mean) = step.service {
                    exponentialMean.append(mean)
                } else {
                    exponentialMean.append(.nan)
                }
            }
            _ = pi
        }
        let start = Double((backlog?.asOf ?? scenario.start).seconds)
        var length = length
        if backlog != nil { length.warmup = .none }
        now = start
        observationStart = start
        switch length.warmup {
        case .none: break
        case .seconds(let s): observationStart = start + s
        case .customers(let n):
            warmupCustomers = n
            observationStart = .infinity
        }
        if let seconds = length.seconds {
            observationEnd = observationStart + seconds
            endTime = observationEnd
            if length.drain > 0 {
                arrivalCutoff = observationEnd
                endTime = observationEnd + length.drain
            }
        }
        customerLimit = length.customers
        if calendar != nil && endTime > EventLoop.calendarEnd {
            // The working clock ends with 2100: a run must not step past it (its answers there
            // would be clamped, not computed).
            endTime = EventLoop.calendarEnd
            cappedAtCalendarEnd = true
        }
        judge = SimulationJudge(calendar: calendar)
        systemLast = start
        for i in 0..<pools.count { pools[i].lastChange = start }

        for (pi, p) in scenario.procedures.enumerated() {
            attributeRNG.append(
                Xoshiro256StarStar(seed: seed, replication: replication, purpose: streamPurpose(p.name, 0xA77)))
            serviceRNG.append(
                Xoshiro256StarStar(seed: seed, replication: replication, purpose: streamPurpose(p.name, 0x5E5)))
            let monthlyMax = p.monthly.max() ?? 1
            let mix = p.channelMix
            func stream(
                _ k: UInt64, pattern: ArrivalStream.Pattern, rate: Double, table: [Double], cumulative: (Double, Double)
            )
                -> ArrivalStream
            {
                let maxRate = (pattern == .hourOfWeek ? (table.max() ?? 0) : rate) * monthlyMax
                return ArrivalStream(
                    procedure: Int32(pi),
                    rng: Xoshiro256StarStar(seed: seed, replication: replication, purpose: streamPurpose(p.name, k)),
                    pattern: pattern, rate: rate, table: table, maxRate: maxRate, cumulative: cumulative,
                    monthlyMax: monthlyMax, flatMonthly: p.monthly.allSatisfy { $0 == monthlyMax })
            }
            let fullMix = (mix[1], mix[1] + mix[2])
            switch p.arrivals {
            case .constant(let r):
                streams.append(stream(1, pattern: .constant, rate: r, table: [], cumulative: fullMix))
            case .hourOfWeek(let t):
                streams.append(stream(1, pattern: .hourOfWeek, rate: 0, table: t, cumulative: fullMix))
            case .fixed(let times):
                var s = stream(1, pattern: .fixedTimes, rate: 1, table: times, cumulative: fullMix)
                s.maxRate = times.isEmpty ? 0 : 1
                streams.append(s)
            case .weekly(let counter, let online):
                let counterShare = mix[1] + mix[3]
                let counterMix = counterShare > 0 ? (mix[1] / counterShare, mix[1] / counterShare) : (1.0, 1.0)
                streams.append(
                    stream(
                        1, pattern: calendar == nil ? .constant : .officeTime, rate: counter, table: [],
                        cumulative: counterMix))
                streams.append(stream(2, pattern: .constant, rate: online, table: [], cumulative: (0, 1)))
            }
        }
        for _ in 0..<streams.count {
            pendingArrivals.append(Event(time: .infinity, sequence: .max, kind: EventKind.arrival, target: 0))
        }
        for i in 0..<streams.count where streams[i].maxRate > 0 {
            streams[i].clock = start
            if let t = nextArrival(stream: i), t < arrivalCutoff {
                pendingArrivals[i] = events.detachedEvent(at: t, kind: EventKind.arrival, target: Int32(i))
            }
        }
        chooseNextStream()
        let window = observationEnd - observationStart
        if window.isFinite && window >= QueueGrowth.minimumWindow {
            secondQuarterLowest = Array(repeating: 0, count: pools.count)
            for k in 1...3 {
                events.schedule(
                    at: observationStart + window * Double(k) / 4, kind: EventKind.quarterMark, target: Int32(k))
            }
        }
        if let backlog { load(backlog, seed: seed, replication: replication) }
    }

    /// Hands a measured dossier to the sink, or keeps it when collecting.
    mutating func deliver(_ d: SimulatedDossier) {
        if let sink { sink(d) } else if collect { pendingJudgement.append(d) }
    }

    /// At a quarter mark: notes the second quarter's lowest queue, and starts the next quarter's.
    mutating func markQuarter() {
        quarterMarksSeen += 1
        for p in 0..<pools.count {
            if quarterMarksSeen == 2 { secondQuarterLowest[p] = pools[p].lowestQueue }
            pools[p].lowestQueue = pools[p].queued
        }
    }

    /// Puts the open dossiers of a real log into the system at the as-of time: each waits at
    /// its procedure's processing (supplement) step, or for its supplement to come back.
    mutating func load(_ backlog: Backlog, seed: UInt64, replication: Int) {
        var rng = Xoshiro256StarStar(seed: seed, replication: replication, purpose: streamPurpose("backlog", 0xB4C))
        for b in backlog.dossiers {
            let p = b.procedure
            let id = allocate()
            let i = Int(id)
            entities[i] = Entity()
            entities[i].procedure = Int32(p)
            entities[i].channel = UInt8(b.channel.rawValue)
            entities[i].observed = true
            entities[i].arrival = Double(b.received.seconds)
            entities[i].stepEntry = now
            entities[i].sequence = -backlog.dossiers.count + i
            entities[i].due = b.due.map { Double($0.seconds) } ?? .nan
            var attributes: DossierAttributes = .backlog
            if b.feeBearing { attributes.insert(.feeBearing) }
            if b.paidOnline { attributes.insert(.paidOnline) }
            if b.fullOnline { attributes.insert(.fullOnline) }
            if b.digitized { attributes.insert(.digitized) }
            if b.electronicResult { attributes.insert(.electronicResult) }
            if b.apology { attributes.insert(.apology) }
            entities[i].attributes = attributes
            let base = p * stride
            for k in 0..<Int(procs[p].stepCount) { work[i * stride + k] = services[base + k].sample(&rng) }
            let step = Int(procs[p].supplementStep)
            entities[i].rework = services[base + step].sample(&rng) * procs[p].reworkShare
            if !b.closedPauses.isEmpty { priorPauses[entities[i].sequence] = b.closedPauses }
            changeInSystem(by: 1)
            if let open = b.openPauseStart {
                // Waiting for the citizen: back after a fresh draw of the supplement delay.
                entities[i].step = Int32(step)
                entities[i].pauseStart = Double(open.seconds)
                events.schedule(at: now + max(0, delays[p].sample(&rng)), kind: EventKind.supplementReturn, target: id)
            } else {
                entities[i].step = Int32(step - 1)
                advance(id)
            }
        }
    }

    // MARK: Run

    mutating func run() -> ReplicationResult {
        while true {
            events.settle()
            let pending = events.hasPending
            let arrival: Bool
            if nextStream >= 0 {
                arrival = !pending || pendingArrivals[nextStream].precedes(events.first)
            } else {
                guard pending else { break }
                arrival = false
            }
            let time = arrival ? pendingArrivals[nextStream].time : events.first.time
            if time > endTime {
                reachedCalendarEnd = cappedAtCalendarEnd
                break
            }
            now = time
            eventCount += 1
            if arrival {
                arrive(stream: nextStream)
                continue
            }
            let event = events.first
            events.markFirstTaken()
            switch event.kind {
            case EventKind.serviceEnd: serviceEnd(event.target)
            case EventKind.wake:
                pools[Int(event.target)].wakePending = false
                dispatch(Int(event.target))
            case EventKind.quarterMark:
                eventCount -= 1
                markQuarter()
            default: supplementReturn(event.target)
            }
        }
        foldTally()
        if endTime.isFinite { now = endTime }
        if observationEnd.isInfinite { observationEnd = now }
        closeAreas(at: now)
        let asOf = timestamp(now)
        // Dossiers still inside at the end are judged in progress.
        var isFree = [Bool](repeating: false, count: entities.count)
        for k in 0..<free.count { isFree[Int(free[k])] = true }
        for id in 0..<entities.count where !isFree[id] && entities[id].observed {
            let d = dossier(entities[id], returned: nil)
            judge(d, asOf: asOf)
            deliver(d)
        }
        pendingJudgement.sort { $0.sequence < $1.sequence }
        for p in 0..<byProcedure.count { counts.merge(byProcedure[p].counts) }
        if singleProcedure {
            byProcedure[0].completed = completed
            byProcedure[0].waitSum = waitSum
            byProcedure[0].sojournSum = sojournSum
            byProcedure[0].processingDaysSum = processingDaysSum
            byProcedure[0].processingDaysCount = processingDaysCount
        }
        entities.release()
        tally.release()
        work.release()
        free.release()
        pendingArrivals.release()
        attributeRNG.release()
        streams.release()
        serviceRNG.release()
        let r = result(asOf: asOf)
        byProcedure.release()
        pools.release()
        stepPool.release()
        stepMask.release()
        stepReturns.release()
        stepRelative.release()
        services.release()
        exponentialMean.release()
        supplementServices.release()
        hasSupplementService.release()
        fixedAttributes.release()
        procs.release()
        for k in 0..<lines.count { lines[k].release() }
        lines.release()
        return r
    }

    func result(asOf: Timestamp) -> ReplicationResult {
        let window = max(0, observationEnd - observationStart)
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        func percent(_ r: Rate) -> Double { r.percent ?? .nan }
        var totalWork = 0.0, totalCapacity = 0.0
        let capacity = capacitySeconds(from: observationStart, to: observationEnd)
        var poolMetrics: [ReplicationMetrics.Pool] = []
        for i in 0..<pools.count {
            let p = pools[i]
            let poolCapacity = Double(scenario.pools[i].size) * capacity
            totalWork += p.busyArea
            totalCapacity += poolCapacity
            poolMetrics.append(
                ReplicationMetrics.Pool(
                    utilization: ratio(p.busyArea, poolCapacity),
                    meanWaitHours: ratio(p.waitSum, Double(p.waitCount)) / 3600,
                    pWait: ratio(Double(p.waitedCount), Double(p.waitCount)), meanQueue: ratio(p.queueArea, window),
                    maxQueue: p.maxQueue,
                    quarterLowest: quarterMarksSeen == 3
                        ? (Double(secondQuarterLowest[i]), Double(p.lowestQueue)) : nil))
        }
        let metrics = ReplicationMetrics(
            customers: completed, arrivals: arrivalsObserved, meanWaitHours: ratio(waitSum, Double(completed)) / 3600,
            pWait: ratio(Double(waitedCustomers), Double(completed)), utilization: ratio(totalWork, totalCapacity),
            meanTimeInSystemHours: ratio(sojournSum, Double(completed)) / 3600, meanInSystem: ratio(systemArea, window),
            received: counts.received, finished: counts.finished, inProgress: counts.inProgress, late: counts.late,
            onTime: percent(counts.rate(.onTime)), progress: percent(counts.rate(.progress)),
            online: percent(counts.rate(.online)), fullOnline: percent(counts.rate(.fullOnline)),
            onlinePayment: percent(counts.rate(.onlinePayment)),
            processingDays: ratio(processingDaysSum, Double(processingDaysCount)), pools: poolMetrics,
            procedures: (0..<byProcedure.count).map { byProcedure[$0] })
        let lambda = ratio(Double(arrivalsObserved), window)
        return ReplicationResult(
            metrics: metrics, counts: counts, dossiers: collect ? pendingJudgement : [], events: eventCount,
            asOf: asOf, littleL: ratio(systemArea, window),
            littleLambdaW: lambda * ratio(sojournSum, Double(completed)),
            reachedCalendarEnd: reachedCalendarEnd)
    }
}
