import CivilTime
import Metrics
import Records
import WorkingTime

#if canImport(Glibc)
    import Glibc
#endif

/// How long one replication runs and what it measures.
public struct RunLength: Sendable, Equatable {
    /// Measured period in seconds after the warmup (nil with `customers`).
    public var seconds: Double?
    /// Number of measured arrivals after which arrivals stop and the system drains.
    public var customers: Int?
    public var warmup: Scenario.Warmup
    /// With `seconds`: how long the run may go on after the measured period with arrivals
    /// stopped, so the dossiers received in the period finish and are judged when they do
    /// (the KPIs then describe that cohort, not a snapshot at the period's end). Dossiers still
    /// open at the end of it are judged in progress then. 0: stop at the end of the period.
    public var drain: Double

    public init(seconds: Double? = nil, customers: Int? = nil, warmup: Scenario.Warmup = .none, drain: Double = 0) {
        self.seconds = seconds
        self.customers = customers
        self.warmup = warmup
        self.drain = drain
    }
}

/// What one replication measured.
public struct ReplicationResult: Sendable {
    /// Values aligned with `ServiceCenterModel.metricNames` (NaN when undefined).
    public var metrics: [Double]
    public var counts: KPICounts
    /// The measured dossiers, when asked for (for `--emit-log`).
    public var dossiers: [SimulatedDossier]
    public var events: Int
    public var asOf: Timestamp
    /// Little's law on the measured window: time-average number in system, and arrival rate
    /// times mean time in system (per second · seconds).
    public var littleL: Double
    public var littleLambdaW: Double
}

/// A compiled scenario: the simulation model of a service center.
///
/// Dossiers of each procedure arrive by their pattern, take their channel and attributes from
/// their procedure's random stream at arrival (so two scenarios see the same dossiers: common
/// random numbers), then visit their steps in order. Each step queues for a staff pool with the
/// pool's discipline; staff start work only at working instants of the calendar and, without
/// overtime, work in progress at closing time resumes at the next working instant
/// (`WorkCalendar.advance`). A supplement request at the procedure's supplement step sends the
/// dossier back to the citizen (clock paused) and re-queues it at that step on return.
public struct ServiceCenterModel: Sendable {
    public var scenario: Scenario
    public var metricNames: [String]

    public init(scenario: Scenario) {
        self.scenario = scenario
        var names = [
            "customers", "arrivals", "mean_wait_hours", "p_wait", "utilization", "mean_time_in_system_hours",
            "mean_in_system", "received", "finished", "in_progress", "late", "on_time", "progress", "online",
            "full_online",
            "online_payment", "processing_days",
        ]
        for p in scenario.pools {
            names += ["utilization", "mean_wait_hours", "p_wait", "mean_queue", "max_queue"].map {
                "pools.\(p.name).\($0)"
            }
        }
        metricNames = names
    }

    /// Runs replication `replication` of a run seeded with `seed`.
    /// - Parameter backlog: dossiers open at the backlog's as-of time, which then replaces the
    ///   scenario start (and the warmup): the forecast starts from today's work in progress.
    public func run(
        seed: UInt64, replication: Int, length: RunLength, collectDossiers: Bool = false, backlog: Backlog? = nil
    ) -> ReplicationResult {
        var engine = Engine(
            model: self, seed: seed, replication: replication, length: length, collect: collectDossiers,
            backlog: backlog)
        return engine.run()
    }
}

// MARK: - Engine

private let kindArrival: Int32 = 0
private let kindServiceEnd: Int32 = 1
private let kindWake: Int32 = 2
private let kindSupplementReturn: Int32 = 3

private struct Entity {
    var procedure: Int32 = 0
    var step: Int32 = 0
    var channel: UInt8 = 1
    var flags: UInt8 = 0
    var supplementPending = false
    var supplementsDone: UInt8 = 0
    var observed = false
    var waited = false
    var sequence = 0
    var arrival = 0.0
    var stepEntry = 0.0
    var totalWait = 0.0
    var due = Double.nan
    var processingEnd = Double.nan
    var pauseStart = Double.nan
    var pauseEnd = Double.nan
    /// A second supplement request (late under the 766 rule) follows the first.
    var secondSupplement = false
    var pause2Start = Double.nan
    var pause2End = Double.nan
    var supplementDelay = 0.0
    var rework = 0.0
    var pendingWork = 0.0

    static let fee: UInt8 = 1, paidOnline: UInt8 = 2, fullOnline: UInt8 = 4, digitized: UInt8 = 8, eResult: UInt8 = 16
    /// Taken from a real log's open dossiers: counted in the KPIs, not in the customer statistics.
    static let backlog: UInt8 = 32
    /// A backlog dossier whose log records an apology letter (`XinLoi`).
    static let apology: UInt8 = 64
}

/// Growable storage addressed in place (no copy-on-write checks on the hot path); owned by
/// one engine, freed by `release()`.
private struct Slab<Element> {
    var base: UnsafeMutablePointer<Element>
    var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` zeros.
    init(zeroed count: Int) where Element == Int {
        self.init(capacity: count)
        base.initialize(repeating: 0, count: count)
        self.count = count
    }

    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress { UnsafePointer(base + i) }
        @inline(__always) nonmutating unsafeMutableAddress { base + i }
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: e)
        count += 1
    }

    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// A pool's waiting line: a ring buffer for FIFO, a binary heap on (key, sequence) otherwise.
private struct WaitingLine {
    var discipline: QueueDiscipline
    var ring = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    var ringCapacity = 16
    var head = 0
    var ringCount = 0
    var heap: [(key: Double, sequence: UInt64, entity: Int32)] = []
    var nextSequence: UInt64 = 0

    init(discipline: QueueDiscipline) { self.discipline = discipline }

    func release() { ring.deallocate() }

    var count: Int { discipline == .fifo ? ringCount : heap.count }

    @inline(__always)
    mutating func push(_ e: Int32, key: Double) {
        if discipline == .fifo {
            if ringCount == ringCapacity { growRing() }
            ring[(head + ringCount) & (ringCapacity - 1)] = e
            ringCount += 1
            return
        }
        pushOrdered(e, key: key)
    }

    mutating func growRing() {
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: ringCapacity * 2)
        for i in 0..<ringCount { grown[i] = ring[(head + i) & (ringCapacity - 1)] }
        ring.deallocate()
        ring = grown
        ringCapacity *= 2
        head = 0
    }

    mutating func pushOrdered(_ e: Int32, key: Double) {
        let item = (key: key, sequence: nextSequence, entity: e)
        nextSequence += 1
        heap.append(item)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard item.key < heap[parent].key || (item.key == heap[parent].key && item.sequence < heap[parent].sequence)
            else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = item
    }

    @inline(__always)
    mutating func pop() -> Int32 {
        if discipline == .fifo {
            let e = ring[head]
            head = (head + 1) & (ringCapacity - 1)
            ringCount -= 1
            return e
        }
        return popOrdered()
    }

    mutating func popOrdered() -> Int32 {
        let top = heap[0].entity
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        var i = 0
        let n = heap.count
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n
                && (heap[c + 1].key < heap[c].key
                    || (heap[c + 1].key == heap[c].key && heap[c + 1].sequence < heap[c].sequence))
            {
                c += 1
            }
            guard heap[c].key < last.key || (heap[c].key == last.key && heap[c].sequence < last.sequence) else { break }
            heap[i] = heap[c]
            i = c
        }
        heap[i] = last
        return top
    }
}

private struct PoolState {
    var size: Int
    var busy = 0
    var queued = 0
    var wakePending = false
    var queueArea = 0.0
    var lastChange = 0.0
    var maxQueue = 0
    var work = 0.0
    var waitSum = 0.0
    var waitCount = 0
    var waitedCount = 0
}

/// The per-dossier facts of a procedure, as plain values for the hot path.
private struct ProcFast {
    var feeShare: Double
    var onlinePaymentShare: Double
    var fullOnlineShare: Double
    var digitizedShare: Double
    var electronicResultShare: Double
    var supplementProbability: Double
    var reworkShare: Double
    var supplementStep: Int32
    var stepCount: Int32
    var priority: Double
    var level: Int
    var deadline: Deadline?
    var afternoonCutoff: Int?
    /// Every share is 0 or 1: no attribute draws needed.
    var deterministicAttributes = false
    var counterPaymentShare = 0.0
    var missingDueShare = 0.0
    var repeatProbability = 0.0
    /// A third attribute draw is needed (counter payment or missing due shares strictly between 0 and 1).
    var extraDraw = false
}

private struct ArrivalStream {
    var procedure: Int32
    var rng: Xoshiro256StarStar
    /// 0 constant, 1 hour-of-week table, 2 office time (rate per working second), 3 fixed times.
    var pattern: Int
    var rate: Double
    var table: [Double]
    var maxRate: Double
    /// Cumulative channel probabilities for codes 1, 2, 3.
    var cumulative: (Double, Double)
    var monthlyMax: Double
    /// Every month has the same multiplier (`monthlyMax`): no calendar date to compute per
    /// candidate arrival.
    var flatMonthly = false
    /// The stream's own clock: its last arrival before rounding to a whole second (on a
    /// calendar, arrival instants are whole seconds). The next gap is drawn from here, so the
    /// rounding never stretches the gaps (which would thin the arrivals by about half a second
    /// per arrival).
    var clock = 0.0
}

private struct Engine {
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
    var procs = Slab<ProcFast>(capacity: 16)
    /// Per procedure and channel code (`p * 4 + channel`): the attributes when every share is
    /// 0 or 1 and no third draw is needed (the same for every dossier), else `drawnAttributes`.
    var fixedAttributes = Slab<UInt16>(capacity: 64)
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

    // Whole-system statistics.
    var inSystem = 0
    var systemArea = 0.0
    var systemLast = 0.0
    var completed = 0
    var waitSum = 0.0
    var waitedCustomers = 0
    var sojournSum = 0.0
    var counts = KPICounts()
    /// Departures of the fast path by channel, level-4 bit and flags (see `countDeparted`).
    var tally = Slab<Int>(zeroed: 256)
    var dossiers: [SimulatedDossier] = []
    var processingDaysSum = 0.0
    var processingDaysCount = 0
    var judge: SimulationJudge

    /// Earlier pauses of backlog dossiers (before the as-of time), by entity.
    var priorPauses: [Int: [PauseInterval]] = [:]

    init(model: ServiceCenterModel, seed: UInt64, replication: Int, length: RunLength, collect: Bool, backlog: Backlog?)
    {
        self.model = model
        scenario = model.scenario
        calendar = scenario.calendar
        hasCalendar = scenario.calendar != nil
        overtime = scenario.overtime
        self.collect = collect
        stride = scenario.procedures.map(\.steps.count).max() ?? 1
        pools = Slab(capacity: scenario.pools.count)
        for p in scenario.pools { pools.append(PoolState(size: p.size)) }
        lines = Slab(capacity: scenario.pools.count)
        for p in scenario.pools { lines.append(WaitingLine(discipline: p.discipline)) }
        disciplines = scenario.pools.map(\.discipline)
        for (pi, p) in scenario.procedures.enumerated() {
            procs.append(
                ProcFast(
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
                    fixed ? Engine.attributes(proc, channel: UInt8(channel), 0, 0, 0) : Engine.drawnAttributes)
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
            func stream(_ k: UInt64, pattern: Int, rate: Double, table: [Double], cumulative: (Double, Double))
                -> ArrivalStream
            {
                let maxRate = (pattern == 1 ? (table.max() ?? 0) : rate) * monthlyMax
                return ArrivalStream(
                    procedure: Int32(pi),
                    rng: Xoshiro256StarStar(seed: seed, replication: replication, purpose: streamPurpose(p.name, k)),
                    pattern: pattern, rate: rate, table: table, maxRate: maxRate, cumulative: cumulative,
                    monthlyMax: monthlyMax, flatMonthly: p.monthly.allSatisfy { $0 == monthlyMax })
            }
            let fullMix = (mix[1], mix[1] + mix[2])
            switch p.arrivals {
            case .constant(let r): streams.append(stream(1, pattern: 0, rate: r, table: [], cumulative: fullMix))
            case .hourOfWeek(let t): streams.append(stream(1, pattern: 1, rate: 0, table: t, cumulative: fullMix))
            case .fixed(let times):
                var s = stream(1, pattern: 3, rate: 1, table: times, cumulative: fullMix)
                s.maxRate = times.isEmpty ? 0 : 1
                streams.append(s)
            case .weekly(let counter, let online):
                let counterShare = mix[1] + mix[3]
                let counterMix = counterShare > 0 ? (mix[1] / counterShare, mix[1] / counterShare) : (1.0, 1.0)
                streams.append(
                    stream(1, pattern: calendar == nil ? 0 : 2, rate: counter, table: [], cumulative: counterMix))
                streams.append(stream(2, pattern: 0, rate: online, table: [], cumulative: (0, 1)))
            }
        }
        for _ in 0..<streams.count {
            pendingArrivals.append(Event(time: .infinity, sequence: .max, kind: kindArrival, target: 0))
        }
        for i in 0..<streams.count where streams[i].maxRate > 0 {
            streams[i].clock = start
            if let t = nextArrival(stream: i), t < arrivalCutoff {
                pendingArrivals[i] = events.detachedEvent(at: t, kind: kindArrival, target: Int32(i))
            }
        }
        chooseNextStream()
        if let backlog { load(backlog, seed: seed, replication: replication) }
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
            var flags = Entity.backlog
            if b.feeBearing { flags |= Entity.fee }
            if b.paidOnline { flags |= Entity.paidOnline }
            if b.fullOnline { flags |= Entity.fullOnline }
            if b.digitized { flags |= Entity.digitized }
            if b.electronicResult { flags |= Entity.eResult }
            if b.apology { flags |= Entity.apology }
            entities[i].flags = flags
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
                events.schedule(at: now + max(0, delays[p].sample(&rng)), kind: kindSupplementReturn, target: id)
            } else {
                entities[i].step = Int32(step - 1)
                advance(id)
            }
        }
    }

    // MARK: Calendar helpers

    @inline(__always) func timestamp(_ t: Double) -> Timestamp { Timestamp(seconds: Int64(t.rounded(.up))) }

    @inline(__always) func isWorking(_ t: Double) -> Bool {
        guard hasCalendar, let calendar else { return true }
        let ts = timestamp(t)
        return calendar.nextWorkingInstant(atOrAfter: ts) == ts
    }

    // The helpers below take the calendar as a parameter: as methods of the engine, every call
    // from a mutating method copied the whole engine (over a kilobyte) first.

    @inline(__always)
    func nextWorking(_ t: Double) -> Double { Engine.nextWorking(t, calendar) }

    @inline(never)
    static func nextWorking(_ t: Double, _ calendar: WorkCalendar?) -> Double {
        guard let calendar else { return t }
        return Double(calendar.nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(t.rounded(.up)))).seconds)
    }

    @inline(__always)
    func completion(start: Double, work: Double) -> Double {
        overtime ? start + work : Engine.completion(start: start, work: work, calendar)
    }

    @inline(never)
    static func completion(start: Double, work: Double, _ calendar: WorkCalendar?) -> Double {
        guard let calendar else { return start + work }
        let from = Timestamp(seconds: Int64(start.rounded(.up)))
        return Double(calendar.advance(from, byWorkingSeconds: Int64(work.rounded())).seconds)
    }

    @inline(__always)
    func capacitySeconds(from a: Double, to b: Double) -> Double { Engine.capacitySeconds(from: a, to: b, calendar) }

    @inline(never)
    static func capacitySeconds(from a: Double, to b: Double, _ calendar: WorkCalendar?) -> Double {
        guard b > a else { return 0 }
        guard let calendar else { return b - a }
        return Double(
            calendar.workingSeconds(
                from: Timestamp(seconds: Int64(a.rounded(.up))), to: Timestamp(seconds: Int64(b.rounded(.up)))))
    }

    // MARK: Arrivals

    func monthly(_ p: Int32, _ t: Double) -> Double {
        let m = scenario.procedures[Int(p)].monthly
        return m[Timestamp(seconds: Int64(t)).date.month - 1]
    }

    /// The next arrival time of stream `i` after `t` (thinning against the stream's peak rate).
    @inline(__always)
    mutating func nextArrival(stream i: Int) -> Double? {
        var t = streams[i].clock
        let maxRate = streams[i].maxRate
        let pattern = streams[i].pattern
        guard maxRate > 0 else { return nil }
        if pattern == 3 {
            // Fixed instants: `rate` counts the ones already used.
            let next = Int(streams[i].rate) - 1
            guard next < streams[i].table.count else { return nil }
            streams[i].rate += 1
            streams[i].clock = max(t, streams[i].table[next])
            return streams[i].clock
        }
        while true {
            let gap = ziggurat.sample(&streams[i].rng) / maxRate
            if pattern == 2, let calendar {
                t = Double(calendar.advance(timestamp(t), byWorkingSeconds: max(0, Int64(gap.rounded()))).seconds)
            } else {
                t += gap
            }
            let accept: Double
            switch pattern {
            case 1:
                let ts = Timestamp(seconds: Int64(t))
                let hour = (CivilDate.isoWeekday(dayNumber: ts.dayNumber) - 1) * 24 + ts.secondOfDay / 3600
                let month = streams[i].flatMonthly ? streams[i].monthlyMax : monthly(streams[i].procedure, t)
                accept = streams[i].table[hour] * month / maxRate
            default:
                let monthlyMax = streams[i].monthlyMax
                accept =
                    monthlyMax == 1 || streams[i].flatMonthly ? 1 : monthly(streams[i].procedure, t) / monthlyMax
            }
            if accept >= 1 || streams[i].rng.uniform() < accept {
                streams[i].clock = t
                return calendar == nil ? t : t.rounded(.up)
            }
        }
    }

    @inline(__always)
    mutating func arrive(stream i: Int) {
        let cumulative = streams[i].cumulative
        let p = Int(streams[i].procedure)
        // The channel comes from the procedure's attribute stream, not the arrival stream, so
        // arrival times stay aligned between scenarios whatever their channel mixes.
        let channel: UInt8
        if cumulative.0 >= 1 {
            channel = 1
        } else if cumulative.0 <= 0 && cumulative.1 >= 1 {
            channel = 2
        } else {
            let draw = attributeRNG[p].uniform()
            channel = draw < cumulative.0 ? 1 : (draw < cumulative.1 ? 2 : 3)
        }
        if let t = nextArrival(stream: i), t < arrivalCutoff {
            pendingArrivals[i] = events.detachedEvent(at: t, kind: kindArrival, target: Int32(i))
        } else {
            pendingArrivals[i].time = .infinity
            pendingArrivals[i].sequence = .max
        }
        chooseNextStream()
        arrivalsTotal += 1
        if warmupCustomers > 0 && arrivalsTotal == warmupCustomers + 1 {
            observationStart = now
            closeAreas(at: now)
        }
        let observed = now >= observationStart && now < observationEnd
        if observed {
            arrivalsObserved += 1
            if let limit = customerLimit, arrivalsObserved >= limit { stopArrivals() }
        }
        let id = allocate()
        let i = Int(id)
        // The record is filled in place (no copy of the whole entity).
        entities[i].procedure = Int32(p)
        entities[i].step = -1
        entities[i].channel = channel
        entities[i].flags = 0
        entities[i].supplementPending = false
        entities[i].supplementsDone = 0
        entities[i].observed = observed
        entities[i].waited = false
        entities[i].sequence = arrivalsTotal
        entities[i].arrival = now
        entities[i].stepEntry = now
        entities[i].totalWait = 0
        entities[i].due = .nan
        entities[i].processingEnd = .nan
        entities[i].pauseStart = .nan
        entities[i].pauseEnd = .nan
        entities[i].secondSupplement = false
        entities[i].pause2Start = .nan
        entities[i].pause2End = .nan
        entities[i].supplementDelay = 0
        entities[i].rework = 0
        // Attributes: two draws per dossier (six 21-bit uniforms), skipped when every share is
        // 0 or 1. Arrival times and work contents have their own streams, so this never shifts
        // them between compared scenarios (common random numbers).
        var attributes = fixedAttributes[p * 4 + Int(channel)]
        if attributes == Engine.drawnAttributes {
            let deterministic = procs[p].deterministicAttributes
            let r1 = deterministic ? 0 : attributeRNG[p].next(), r2 = deterministic ? 0 : attributeRNG[p].next()
            let r3 = procs[p].extraDraw ? attributeRNG[p].next() : 0
            attributes = Engine.attributes(procs[p], channel: channel, r1, r2, r3)
        }
        // Supplement draws only for procedures that can have supplements.
        let hasSupplements = procs[p].supplementProbability > 0
        if hasSupplements { entities[i].supplementDelay = delays[p].sample(&attributeRNG[p]) }
        // Work contents on their own stream, so attribute draws never shift them.
        let base = p * stride
        // The supplement step of a dossier with a supplement request may have its own work content.
        let supplementStep = attributes & Engine.supplementBit != 0 ? Int(procs[p].supplementStep) : -1
        for k in 0..<Int(procs[p].stepCount) {
            let mean = exponentialMean[base + k]
            if k == supplementStep && hasSupplementService[base + k] {
                work[i * stride + k] = supplementServices[base + k].sample(&serviceRNG[p], ziggurat: ziggurat)
            } else {
                work[i * stride + k] =
                    mean.isNaN
                    ? services[base + k].sample(&serviceRNG[p], ziggurat: ziggurat)
                    : ziggurat.sample(&serviceRNG[p]) * mean
            }
        }
        if hasSupplements {
            entities[i].rework =
                services[base + Int(procs[p].supplementStep)].sample(&serviceRNG[p]) * procs[p].reworkShare
        }
        entities[i].flags = UInt8(truncatingIfNeeded: attributes) & 31
        entities[i].supplementPending = attributes & Engine.supplementBit != 0
        entities[i].secondSupplement = attributes & Engine.secondSupplementBit != 0
        if attributes & Engine.missingDueBit == 0, let deadline = procs[p].deadline {
            if let calendar {
                entities[i].due = Double(
                    calendar.due(
                        received: timestamp(now), deadline: deadline, afternoonCutoff: procs[p].afternoonCutoff
                    ).seconds)
            } else {
                switch deadline {
                case .workingDays(let n): entities[i].due = now + Double(n) * 86_400
                case .workingHours(let n): entities[i].due = now + Double(n) * 3600
                case .sameDay: entities[i].due = Double(Timestamp(seconds: Int64(now)).dayNumber + 1) * 86_400
                }
            }
        }
        changeInSystem(by: 1)
        advance(id)
    }

    @inline(__always)
    /// A dossier's attributes: the `Entity` flags in bits 0-4, then whether it gets a supplement
    /// request, a second one, and whether its log record lacks the due date.
    static let supplementBit: UInt16 = 32, secondSupplementBit: UInt16 = 64, missingDueBit: UInt16 = 128
    /// In `fixedAttributes`: the attributes are drawn for each dossier.
    static let drawnAttributes: UInt16 = .max

    /// The attributes given by the draws `r1`, `r2`, `r3` (each three 21-bit uniforms).
    /// Arrival times and work contents have their own streams, so these draws never shift
    /// them between compared scenarios (common random numbers).
    @inline(__always)
    static func attributes(_ proc: ProcFast, channel: UInt8, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64) -> UInt16 {
        let scale = 0x1.0p-21
        let mask: UInt64 = (1 << 21) - 1
        let uFee = Double(r1 & mask) * scale, uPay = Double((r1 >> 21) & mask) * scale
        let uFull = Double((r1 >> 42) & mask) * scale, uDigit = Double(r2 & mask) * scale
        let uResult = Double((r2 >> 21) & mask) * scale, uSupp = Double((r2 >> 42) & mask) * scale
        let uCounterPay = Double(r3 & mask) * scale, uMissingDue = Double((r3 >> 21) & mask) * scale
        let uRepeat = Double((r3 >> 42) & mask) * scale
        var flags: UInt16 = 0
        if uFee < proc.feeShare {
            flags |= UInt16(Entity.fee)
            if channel == 2 ? uPay < proc.onlinePaymentShare : uCounterPay < proc.counterPaymentShare {
                flags |= UInt16(Entity.paidOnline)
            }
        }
        if channel == 2 && uFull < proc.fullOnlineShare { flags |= UInt16(Entity.fullOnline) }
        if uDigit < proc.digitizedShare { flags |= UInt16(Entity.digitized) }
        if uResult < proc.electronicResultShare { flags |= UInt16(Entity.eResult) }
        if uSupp < proc.supplementProbability { flags |= supplementBit }
        if uRepeat < proc.repeatProbability { flags |= secondSupplementBit }
        if uMissingDue < proc.missingDueShare { flags |= missingDueBit }
        return flags
    }

    mutating func chooseNextStream() {
        nextStream = -1
        guard !arrivalsStopped else { return }
        if pendingArrivals.count == 1 {
            if pendingArrivals[0].time.isFinite { nextStream = 0 }
            return
        }
        for i in 0..<pendingArrivals.count where pendingArrivals[i].time.isFinite {
            if nextStream < 0 || pendingArrivals[i].precedes(pendingArrivals[nextStream]) { nextStream = i }
        }
    }

    mutating func stopArrivals() {
        arrivalsStopped = true
        nextStream = -1
        observationEnd = now
        closeAreas(at: now)
    }

    @inline(__always)
    mutating func allocate() -> Int32 {
        if free.count > 0 {
            free.count -= 1
            return free[free.count]
        }
        entities.append(Entity())
        for _ in 0..<stride { work.append(0) }
        return Int32(entities.count - 1)
    }

    // MARK: Time-weighted statistics

    @inline(__always) func clipped(_ a: Double, _ b: Double) -> Double {
        let lo = max(a, observationStart), hi = min(b, observationEnd)
        return hi > lo ? hi - lo : 0
    }

    @inline(__always)
    mutating func changeInSystem(by delta: Int) {
        systemArea += Double(inSystem) * clipped(systemLast, now)
        systemLast = now
        inSystem += delta
    }

    @inline(__always)
    mutating func touchQueue(_ p: Int) {
        pools[p].queueArea += Double(pools[p].queued) * clipped(pools[p].lastChange, now)
        pools[p].lastChange = now
    }

    /// Integrates every time average up to `t` (when the window opens or closes).
    mutating func closeAreas(at t: Double) {
        changeInSystem(by: 0)
        for p in 0..<pools.count { touchQueue(p) }
    }

    // MARK: Flow

    /// Moves dossier `id` to its next step (or out of the system).
    @inline(__always)
    mutating func advance(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let channelBit: UInt8 = 1 &<< entities[i].channel
        let base = procedure * stride
        let stepCount = Int(procs[procedure].stepCount)
        var k = Int(entities[i].step) + 1
        while k < stepCount && stepMask[base + k] & channelBit == 0 { k += 1 }
        if k < stepCount && stepReturns[base + k] && entities[i].processingEnd.isNaN { entities[i].processingEnd = now }
        guard k < stepCount else {
            if entities[i].processingEnd.isNaN { entities[i].processingEnd = now }
            depart(id)
            return
        }
        entities[i].step = Int32(k)
        entities[i].pendingWork = work[i * stride + k]
        if stepRelative[base + k] {
            // A share of the working time left until the due (moved by any pause so far).
            let due = entities[i].due
            if due.isNaN {
                entities[i].pendingWork = 0
            } else {
                let pauseStart = entities[i].pauseStart, pauseEnd = entities[i].pauseEnd
                let paused = pauseStart.isNaN || pauseEnd.isNaN ? 0 : capacitySeconds(from: pauseStart, to: pauseEnd)
                var movedDue = due + paused
                if let calendar, paused > 0 {
                    movedDue = Double(calendar.advance(timestamp(due), byWorkingSeconds: Int64(paused)).seconds)
                }
                let left = capacitySeconds(from: nextWorking(now), to: movedDue)
                entities[i].pendingWork *= max(left, 0)
            }
        }
        enter(id, pool: Int(stepPool[base + k]))
    }

    @inline(__always)
    mutating func enter(_ id: Int32, pool p: Int) {
        entities[Int(id)].stepEntry = now
        if pools[p].busy < pools[p].size && pools[p].queued == 0 && isWorking(now) {
            start(id, pool: p)
            return
        }
        touchQueue(p)
        let key: Double
        switch disciplines[p] {
        case .fifo: key = 0
        case .earliestDueFirst: key = entities[Int(id)].due.isNaN ? .infinity : entities[Int(id)].due
        case .priority: key = procs[Int(entities[Int(id)].procedure)].priority
        }
        lines[p].push(id, key: key)
        pools[p].queued += 1
        if now >= observationStart && now < observationEnd {
            pools[p].maxQueue = max(pools[p].maxQueue, pools[p].queued)
        }
        if pools[p].busy < pools[p].size { scheduleWake(p) }
    }

    mutating func scheduleWake(_ p: Int) {
        guard !pools[p].wakePending else { return }
        pools[p].wakePending = true
        events.schedule(at: max(now, nextWorking(now)), kind: kindWake, target: Int32(p))
    }

    @inline(__always)
    mutating func start(_ id: Int32, pool p: Int) {
        let i = Int(id)
        let entry = entities[i].stepEntry
        let pending = entities[i].pendingWork
        let wait = now - entry
        if entry >= observationStart && entry < observationEnd {
            pools[p].waitSum += wait
            pools[p].waitCount += 1
            if wait > 0 { pools[p].waitedCount += 1 }
        }
        if now >= observationStart && now < observationEnd { pools[p].work += pending }
        if wait > 0 {
            entities[i].totalWait += wait
            entities[i].waited = true
        }
        pools[p].busy += 1
        let end = hasCalendar ? completion(start: now, work: pending) : now + pending
        events.schedule(at: end, kind: kindServiceEnd, target: id)
    }

    /// Starts queued work on free staff if the pool is at work now, else wakes it at the next
    /// working instant.
    @inline(__always)
    mutating func dispatch(_ p: Int) {
        guard pools[p].queued > 0 && pools[p].busy < pools[p].size else { return }
        guard isWorking(now) else {
            scheduleWake(p)
            return
        }
        touchQueue(p)
        while pools[p].busy < pools[p].size && pools[p].queued > 0 {
            pools[p].queued -= 1
            start(lines[p].pop(), pool: p)
        }
    }

    @inline(__always)
    mutating func serviceEnd(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let step = entities[i].step
        let p = Int(stepPool[procedure * stride + Int(step)])
        pools[p].busy -= 1
        if entities[i].supplementPending && step == procs[procedure].supplementStep {
            entities[i].supplementPending = false
            if entities[i].pauseStart.isNaN { entities[i].pauseStart = now } else { entities[i].pause2Start = now }
            events.schedule(at: now + max(0, entities[i].supplementDelay), kind: kindSupplementReturn, target: id)
        } else {
            advance(id)
        }
        dispatch(p)
    }

    mutating func supplementReturn(_ id: Int32) {
        var e = entities[Int(id)]
        let back = calendar == nil ? now : now.rounded(.up)
        if e.pause2Start.isNaN { e.pauseEnd = back } else { e.pause2End = back }
        e.supplementsDone += 1
        if e.secondSupplement && e.supplementsDone == 1 { e.supplementPending = true }
        e.pendingWork = e.rework
        entities[Int(id)] = e
        enter(id, pool: Int(stepPool[Int(e.procedure) * stride + Int(e.step)]))
    }

    @inline(__always)
    mutating func depart(_ id: Int32) {
        let i = Int(id)
        changeInSystem(by: -1)
        if entities[i].flags & Entity.backlog != 0 {
            if collect { pendingJudgement.append(dossier(entities[i], returned: now)) }
            judge(dossier(entities[i], returned: nil), asOf: timestamp(now))
        } else if entities[i].observed {
            completed += 1
            waitSum += entities[i].totalWait
            if entities[i].waited { waitedCustomers += 1 }
            sojournSum += now - entities[i].arrival
            if collect { pendingJudgement.append(dossier(entities[i], returned: now)) }
            countDeparted(id)
        }
        free.append(id)
    }

    func dossier(_ e: Entity, returned: Double?) -> SimulatedDossier {
        let spec = scenario.procedures[Int(e.procedure)]
        var pauses: [PauseInterval] = []
        if e.flags & Entity.backlog != 0, let prior = priorPauses[e.sequence] { pauses = prior }
        if !e.pauseStart.isNaN {
            pauses.append(.init(start: timestamp(e.pauseStart), end: e.pauseEnd.isNaN ? nil : timestamp(e.pauseEnd)))
        }
        if !e.pause2Start.isNaN {
            pauses.append(.init(start: timestamp(e.pause2Start), end: e.pause2End.isNaN ? nil : timestamp(e.pause2End)))
        }
        return SimulatedDossier(
            sequence: e.sequence, procedure: Int(e.procedure),
            channel: SimChannel(rawValue: Int(e.channel)) ?? .inPerson,
            received: timestamp(e.arrival), due: e.due.isNaN ? nil : timestamp(e.due),
            processingEnd: e.processingEnd.isNaN ? nil : timestamp(e.processingEnd),
            returned: returned.map { Timestamp(seconds: Int64($0.rounded(.up))) },
            pauses: pauses, level: spec.level, fullOnline: e.flags & Entity.fullOnline != 0,
            feeBearing: e.flags & Entity.fee != 0,
            paidOnline: e.flags & Entity.paidOnline != 0, digitized: e.flags & Entity.digitized != 0,
            electronicResult: e.flags & Entity.eResult != 0, apology: e.flags & Entity.apology != 0)
    }

    /// Counts `d` as the classifier judges it at `asOf`, with its processing time.
    mutating func judge(_ d: SimulatedDossier, asOf: Timestamp) {
        if let days = judge.count(d, asOf: asOf, into: &counts) {
            processingDaysSum += days
            processingDaysCount += 1
        }
    }

    /// Counts a dossier that has left: it is judged now, since nothing about it changes later.
    @inline(__always)
    mutating func countDeparted(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let arrival = entities[i].arrival, processingEnd = entities[i].processingEnd
        let pauseStart = entities[i].pauseStart, dueTime = entities[i].due
        let flags = entities[i].flags
        if calendar == nil && dueTime.isNaN && pauseStart.isNaN {
            // Fast path (no calendar, no deadline, no pause): the dossier is finished, no due,
            // so its counts depend only on its channel, level and flags: one tally slot each,
            // added to `counts` at the end (`foldTally`).
            let key = Int(entities[i].channel & 3) | (procs[procedure].level == 4 ? 4 : 0) | Int(flags & 31) << 3
            tally[key] += 1
            processingDaysSum += (processingEnd - arrival) / 86_400
            processingDaysCount += 1
            return
        }
        countJudged(id)
    }

    /// `countDeparted` for a dossier with a calendar, a due date or a pause.
    @inline(never)
    mutating func countJudged(_ id: Int32) {
        let e = entities[Int(id)]
        judge(dossier(e, returned: nil), asOf: timestamp(e.processingEnd))
    }

    var pendingJudgement: [SimulatedDossier] = []

    /// Adds the fast path's tally (see `countDeparted`) to `counts`: the dossiers of one slot
    /// count alike, so one of them is judged and counted as many times as the slot holds.
    mutating func foldTally() {
        for key in 0..<tally.count where tally[key] > 0 {
            let flags = UInt8(key >> 3)
            let instant = Timestamp(seconds: 0)
            // Finished at once, no due, no pause; level 4 or not is all the counts look at.
            let representative = SimulatedDossier(
                sequence: 0, procedure: 0, channel: SimChannel(rawValue: key & 3) ?? .inPerson, received: instant,
                due: nil, processingEnd: instant, returned: nil, pauses: [], level: key & 4 != 0 ? 4 : 3,
                fullOnline: flags & Entity.fullOnline != 0, feeBearing: flags & Entity.fee != 0,
                paidOnline: flags & Entity.paidOnline != 0, digitized: flags & Entity.digitized != 0,
                electronicResult: flags & Entity.eResult != 0)
            var one = KPICounts()
            _ = judge.count(representative, asOf: instant, into: &one)
            counts.add(one, times: tally[key])
            tally[key] = 0
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
            if time > endTime { break }
            now = time
            eventCount += 1
            if arrival {
                arrive(stream: nextStream)
                continue
            }
            let event = events.first
            events.markFirstTaken()
            switch event.kind {
            case kindServiceEnd: serviceEnd(event.target)
            case kindWake:
                pools[Int(event.target)].wakePending = false
                dispatch(Int(event.target))
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
            if collect { pendingJudgement.append(d) }
        }
        pendingJudgement.sort { $0.sequence < $1.sequence }
        entities.release()
        tally.release()
        work.release()
        free.release()
        pendingArrivals.release()
        attributeRNG.release()
        streams.release()
        serviceRNG.release()
        let r = result(asOf: asOf)
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
        var m: [Double] = []
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        func percent(_ r: Rate) -> Double { r.percent ?? .nan }
        var totalWork = 0.0, totalCapacity = 0.0
        let capacity = capacitySeconds(from: observationStart, to: observationEnd)
        for i in 0..<pools.count {
            let p = pools[i]
            totalWork += p.work
            totalCapacity += Double(scenario.pools[i].size) * capacity
        }
        m.append(Double(completed))
        m.append(Double(arrivalsObserved))
        m.append(ratio(waitSum, Double(completed)) / 3600)
        m.append(ratio(Double(waitedCustomers), Double(completed)))
        m.append(ratio(totalWork, totalCapacity))
        m.append(ratio(sojournSum, Double(completed)) / 3600)
        m.append(ratio(systemArea, window))
        m.append(Double(counts.received))
        m.append(Double(counts.finished))
        m.append(Double(counts.inProgress))
        m.append(Double(counts.late))
        m.append(percent(counts.rate(.onTime)))
        m.append(percent(counts.rate(.progress)))
        m.append(percent(counts.rate(.online)))
        m.append(percent(counts.rate(.fullOnline)))
        m.append(percent(counts.rate(.onlinePayment)))
        m.append(ratio(processingDaysSum, Double(processingDaysCount)))
        for i in 0..<pools.count {
            let p = pools[i]
            m.append(ratio(p.work, Double(scenario.pools[i].size) * capacity))
            m.append(ratio(p.waitSum, Double(p.waitCount)) / 3600)
            m.append(ratio(Double(p.waitedCount), Double(p.waitCount)))
            m.append(ratio(p.queueArea, window))
            m.append(Double(p.maxQueue))
        }
        let lambda = ratio(Double(arrivalsObserved), window)
        return ReplicationResult(
            metrics: m, counts: counts, dossiers: collect ? pendingJudgement : [], events: eventCount, asOf: asOf,
            littleL: ratio(systemArea, window), littleLambdaW: lambda * ratio(sojournSum, Double(completed)))
    }
}
