import Metrics

/// What one replication measured; a rate or mean is NaN when it is undefined (no customer, no
/// capacity, no dossier in its denominator).
public struct ReplicationMetrics: Sendable {
    /// Measured customers that left the system.
    public var customers: Int
    /// Measured arrivals.
    public var arrivals: Int
    public var meanWaitHours: Double
    /// Share of customers that waited at some step.
    public var pWait: Double
    /// Work done over staff capacity, all pools.
    public var utilization: Double
    public var meanTimeInSystemHours: Double
    /// Time-average number of customers in the system.
    public var meanInSystem: Double
    public var received: Int
    public var finished: Int
    public var inProgress: Int
    public var late: Int
    /// KPI percentages.
    public var onTime: Double
    public var progress: Double
    public var online: Double
    public var fullOnline: Double
    public var onlinePayment: Double
    /// Mean processing time of the finished dossiers, in working days (pauses excluded).
    public var processingDays: Double
    /// In the scenario's pool order.
    public var pools: [Pool]
    /// In the scenario's procedure order.
    public var procedures: [ProcedureTally] = []

    public struct Pool: Sendable {
        public var utilization: Double
        public var meanWaitHours: Double
        public var pWait: Double
        public var meanQueue: Double
        public var maxQueue: Int
        /// The lowest queue in the second and in the last quarter of the measured window (the
        /// backlog the staff never cleared then); nil when the window is shorter than
        /// `QueueGrowth.minimumWindow`.
        public var quarterLowest: (second: Double, last: Double)?
    }

    /// Output names and values, in output order: one table, so names and values cannot drift apart.
    static let fields: [(name: String, value: @Sendable (ReplicationMetrics) -> Double)] = [
        ("customers", { Double($0.customers) }), ("arrivals", { Double($0.arrivals) }),
        ("mean_wait_hours", \.meanWaitHours), ("p_wait", \.pWait), ("utilization", \.utilization),
        ("mean_time_in_system_hours", \.meanTimeInSystemHours), ("mean_in_system", \.meanInSystem),
        ("received", { Double($0.received) }), ("finished", { Double($0.finished) }),
        ("in_progress", { Double($0.inProgress) }), ("late", { Double($0.late) }), ("on_time", \.onTime),
        ("progress", \.progress), ("online", \.online), ("full_online", \.fullOnline),
        ("online_payment", \.onlinePayment), ("processing_days", \.processingDays),
    ]
    static let poolFields: [(name: String, value: @Sendable (Pool) -> Double)] = [
        ("utilization", \.utilization), ("mean_wait_hours", \.meanWaitHours), ("p_wait", \.pWait),
        ("mean_queue", \.meanQueue), ("max_queue", { Double($0.maxQueue) }),
    ]

    /// The names of `values` for a scenario with pools named `pools`.
    public static func names(pools: [String]) -> [String] {
        fields.map(\.name) + pools.flatMap { pool in poolFields.map { "pools.\(pool).\($0.name)" } }
    }

    /// Every figure as a number, in the order of `names(pools:)`.
    public var values: [Double] {
        Self.fields.map { $0.value(self) } + pools.flatMap { pool in Self.poolFields.map { $0.value(pool) } }
    }

    /// The breakdown metrics (`--by procedure|pool`): per procedure, and per pool for the
    /// dossiers whose processing step is at that pool, the KPIs with the waiting times.
    public static func breakdownNames(procedures: [String], pools: [String]) -> [String] {
        procedures.flatMap { p in
            (ProcedureTally.fields + ProcedureTally.dossierFields).map { "procedures.\(p).\($0.name)" }
        }
            + pools.flatMap { p in
                (ProcedureTally.fields.map(\.name) + ["pool_wait_hours", "utilization", "mean_queue"]).map {
                    "by_pool.\(p).\($0)"
                }
            }
    }

    /// The values of `breakdownNames`; `processingPool[k]` is procedure k's processing pool
    /// (`ProcedureSpec.processingStep`).
    public func breakdownValues(processingPool: [Int]) -> [Double] {
        var values = procedures.flatMap { t in
            (ProcedureTally.fields + ProcedureTally.dossierFields).map { $0.value(t) }
        }
        for (p, pool) in pools.enumerated() {
            var merged = ProcedureTally()
            for (k, t) in procedures.enumerated() where processingPool[k] == p { merged.merge(t) }
            values += ProcedureTally.fields.map { $0.value(merged) }
            values += [pool.meanWaitHours, pool.utilization, pool.meanQueue]
        }
        return values
    }
}

/// What one procedure's dossiers did in a replication: their counts as the 766 rules judge
/// them and the sums behind their mean wait, time in system and processing time.
public struct ProcedureTally: Sendable, Hashable {
    public var counts = KPICounts()
    /// Measured dossiers that left, and their total wait and time in system (seconds).
    public var completed = 0
    public var waitSum = 0.0
    public var sojournSum = 0.0
    public var processingDaysSum = 0.0
    public var processingDaysCount = 0

    public init() {}

    public mutating func merge(_ other: ProcedureTally) {
        counts.merge(other.counts)
        completed += other.completed
        waitSum += other.waitSum
        sojournSum += other.sojournSum
        processingDaysSum += other.processingDaysSum
        processingDaysCount += other.processingDaysCount
    }

    static func ratio(_ a: Double, _ b: Int) -> Double { b > 0 ? a / Double(b) : .nan }

    static let fields: [(name: String, value: @Sendable (ProcedureTally) -> Double)] = [
        ("received", { Double($0.counts.received) }), ("finished", { Double($0.counts.finished) }),
        ("in_progress", { Double($0.counts.inProgress) }), ("late", { Double($0.counts.late) }),
        ("on_time", { $0.counts.rate(.onTime).percent ?? .nan }),
        ("progress", { $0.counts.rate(.progress).percent ?? .nan }),
        ("online", { $0.counts.rate(.online).percent ?? .nan }),
        ("processing_days", { ratio($0.processingDaysSum, $0.processingDaysCount) }),
    ]
    /// The waits of the dossiers themselves (all their steps), for the procedure breakdown.
    static let dossierFields: [(name: String, value: @Sendable (ProcedureTally) -> Double)] = [
        ("mean_wait_hours", { ratio($0.waitSum, $0.completed) / 3600 }),
        ("mean_time_in_system_hours", { ratio($0.sojournSum, $0.completed) / 3600 }),
    ]
}
