/// The counts behind every one-stop KPI, as named in the JSON output.
///
/// Counts only ever add, so aggregates from different workers merge by addition and the result
/// cannot depend on how the work was split.
public struct KPICounts: Hashable, Sendable {
    public var notReceived = 0
    public var received = 0
    public var withdrawn = 0
    public var finished = 0
    public var early = 0
    public var onTime = 0
    public var late = 0
    public var inProgress = 0
    public var inProgressWithin = 0
    public var inProgressOverdue = 0
    public var noDue = 0
    public var online = 0
    public var postal = 0
    public var fullOnlineEligible = 0
    public var fullOnline = 0
    public var feeBearing = 0
    public var paidOnline = 0
    public var digitized = 0
    public var electronicResult = 0
    public var lateWithApology = 0

    public init() {}

    /// JSON names in output order, with their storage.
    nonisolated(unsafe) public static let fields: [(name: String, keyPath: WritableKeyPath<KPICounts, Int>)] = [
        ("not_received", \.notReceived), ("received", \.received), ("withdrawn", \.withdrawn),
        ("finished", \.finished), ("early", \.early), ("on_time", \.onTime), ("late", \.late),
        ("in_progress", \.inProgress), ("in_progress_within", \.inProgressWithin),
        ("in_progress_overdue", \.inProgressOverdue), ("no_due", \.noDue), ("online", \.online),
        ("postal", \.postal), ("full_online_eligible", \.fullOnlineEligible), ("full_online", \.fullOnline),
        ("fee_bearing", \.feeBearing), ("paid_online", \.paidOnline), ("digitized", \.digitized),
        ("e_result", \.electronicResult), ("late_with_apology", \.lateWithApology),
    ]

    /// The counts a dossier adds when it arrives (received, channel, fees, digitization) ...
    nonisolated(unsafe) public static let intakeFields: [WritableKeyPath<KPICounts, Int>] = [
        \.notReceived, \.received, \.withdrawn, \.online, \.postal, \.fullOnlineEligible, \.fullOnline,
        \.feeBearing, \.paidOnline, \.digitized,
    ]
    /// ... and those it adds when it ends (on time or late, electronic result, apology). In-progress
    /// counts are neither: they belong to an instant, not to an arrival or an end.
    nonisolated(unsafe) public static let outcomeFields: [WritableKeyPath<KPICounts, Int>] = [
        \.finished, \.early, \.onTime, \.late, \.noDue, \.electronicResult, \.lateWithApology,
    ]

    /// The intake counts of the dossiers that arrived in a span with the outcome counts of those
    /// that ended in it, and no in-progress dossiers ("today" in `tthc today`).
    public init(intakeOf arrivals: KPICounts, outcomesOf ends: KPICounts) {
        for keyPath in Self.intakeFields { self[keyPath: keyPath] = arrivals[keyPath: keyPath] }
        for keyPath in Self.outcomeFields { self[keyPath: keyPath] = ends[keyPath: keyPath] }
    }

    public mutating func merge(_ other: KPICounts) {
        notReceived += other.notReceived
        received += other.received
        withdrawn += other.withdrawn
        finished += other.finished
        early += other.early
        onTime += other.onTime
        late += other.late
        inProgress += other.inProgress
        inProgressWithin += other.inProgressWithin
        inProgressOverdue += other.inProgressOverdue
        noDue += other.noDue
        online += other.online
        postal += other.postal
        fullOnlineEligible += other.fullOnlineEligible
        fullOnline += other.fullOnline
        feeBearing += other.feeBearing
        paidOnline += other.paidOnline
        digitized += other.digitized
        electronicResult += other.electronicResult
        lateWithApology += other.lateWithApology
    }

    public mutating func subtract(_ other: KPICounts) {
        for (_, keyPath) in KPICounts.fields { self[keyPath: keyPath] -= other[keyPath: keyPath] }
    }
}

/// A percentage with the counts it comes from. `percent` is nil when the denominator is 0.
public struct Rate: Hashable, Sendable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public var percent: Double? {
        denominator == 0 ? nil : Double(numerator) * 100 / Double(denominator)
    }
}

/// The rate KPIs, by the names users type (`--target on-time>=99`).
public enum KPI: String, CaseIterable, Sendable {
    case progress
    case onTime = "on-time"
    case online
    case fullOnline = "full-online"
    case onlinePayment = "online-payment"
    case digitization
    case electronicResult = "e-result"
    case apology

    /// The JSON key under `rates`.
    public var jsonName: String {
        switch self {
        case .progress: return "progress"
        case .onTime: return "on_time"
        case .online: return "online"
        case .fullOnline: return "full_online"
        case .onlinePayment: return "online_payment"
        case .digitization: return "digitization"
        case .electronicResult: return "e_result"
        case .apology: return "apology"
        }
    }
}

extension KPICounts {
    /// The rate of `kpi`, from the formulas of the 766 index (Guides/Index766.md, "The KPIs of tthc
    /// against these rules").
    public func rate(_ kpi: KPI) -> Rate {
        switch kpi {
        case .progress:
            return Rate(early + onTime + inProgressWithin, early + onTime + late + inProgressWithin + inProgressOverdue)
        case .onTime: return Rate(early + onTime, early + onTime + late)
        case .online: return Rate(online, received)
        case .fullOnline: return Rate(fullOnline, fullOnlineEligible)
        case .onlinePayment: return Rate(paidOnline, feeBearing)
        case .digitization: return Rate(digitized, received)
        case .electronicResult: return Rate(electronicResult, finished)
        case .apology: return Rate(lateWithApology, late)
        }
    }
}
