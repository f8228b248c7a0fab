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

    public struct Pool: Sendable {
        public var utilization: Double
        public var meanWaitHours: Double
        public var pWait: Double
        public var meanQueue: Double
        public var maxQueue: Int
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
}
