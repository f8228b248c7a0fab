import CivilTime
import Metrics

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
    public var metrics: ReplicationMetrics
    public var counts: KPICounts
    /// The measured dossiers, when asked for (for `--emit-log`).
    public var dossiers: [SimulatedDossier]
    public var events: Int
    public var asOf: Timestamp
    /// Little's law on the measured window: time-average number in system, and arrival rate
    /// times mean time in system (per second · seconds).
    public var littleL: Double
    public var littleLambdaW: Double
    /// The run stopped at the end of the working calendar (2100) before its own end: its
    /// figures are not those asked for.
    public var reachedCalendarEnd = false
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
    /// The names of `values(of:)`, in order.
    public var metricNames: [String]
    /// Whether the metrics include the breakdowns by procedure and by pool.
    public var breakdown: Bool

    public init(scenario: Scenario, breakdown: Bool = false) {
        self.scenario = scenario
        self.breakdown = breakdown
        metricNames = ReplicationMetrics.names(pools: scenario.pools.map(\.name))
        if breakdown {
            metricNames += ReplicationMetrics.breakdownNames(
                procedures: scenario.procedures.map(\.name), pools: scenario.pools.map(\.name))
        }
    }

    /// A replication's figures in the order of `metricNames`.
    public func values(of metrics: ReplicationMetrics) -> [Double] {
        guard breakdown else { return metrics.values }
        let processingPool = scenario.procedures.map { $0.steps[$0.processingStep].pool }
        return metrics.values + metrics.breakdownValues(processingPool: processingPool)
    }

    /// Runs replication `replication` of a run seeded with `seed`.
    /// - Parameter backlog: dossiers open at the backlog's as-of time, which then replaces the
    ///   scenario start (and the warmup): the forecast starts from today's work in progress.
    /// - Parameter sink: receives each measured dossier as it leaves, then those still open
    ///   at the end (for `--emit-log`), instead of `collectDossiers` keeping them.
    public func run(
        seed: UInt64, replication: Int, length: RunLength, collectDossiers: Bool = false, backlog: Backlog? = nil,
        sink: DossierSink? = nil
    ) -> ReplicationResult {
        var loop = EventLoop(
            model: self, seed: seed, replication: replication, length: length, collect: collectDossiers,
            backlog: backlog, sink: sink)
        return loop.run()
    }
}

/// Receives simulated dossiers as a replication produces them (called from one worker).
public typealias DossierSink = @Sendable (SimulatedDossier) -> Void
