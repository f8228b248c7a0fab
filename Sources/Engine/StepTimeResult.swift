import CivilTime
import Metrics

/// What `tthc steps --by` groups the time by.
public enum StepDimension: String, CaseIterable, Sendable {
    /// The department holding the dossier (`PhongBanXuLy` of the earlier step).
    case department
    /// The handler of the earlier step (`NguoiXuLy`), within their department.
    case handler
    /// The dossier's procedure (`MaTTHC`), then the department holding it.
    case procedure
    /// A pair of consecutive steps: the department of the earlier and of the later one.
    case transition
}

/// A group of `tthc steps`. Names are the log's; nil where a step gave none (or, for
/// `procedure`, where the dossier has no `MaTTHC`). Only the parts of its dimension are set.
public struct StepGroupKey: Hashable, Sendable {
    /// `procedure` only.
    public var procedure: String?
    /// The department holding the dossier; a transition's from-side.
    public var department: String?
    /// `handler` only.
    public var handler: String?
    /// `transition` only: the department of the next step.
    public var next: String?

    public init(procedure: String? = nil, department: String?, handler: String? = nil, next: String? = nil) {
        self.procedure = procedure
        self.department = department
        self.handler = handler
        self.next = next
    }
}

/// The figures of one group (or of all dossiers), additive so that workers merge them in any order.
public struct StepFigures: Hashable, Sendable {
    /// Dossiers with at least one step in the group.
    public var dossiers = 0
    /// Steps in the group.
    public var steps = 0
    /// Working seconds the group held its dossiers, supplement pauses excluded.
    public var workingSeconds: Int64 = 0
    /// Each dossier's working time in the group, in whole minutes (median, p90).
    public var perDossierMinutes = DurationHistogram()
    /// Dossiers judged late (finished late, or overdue while in progress) among `dossiers`.
    public var late = 0
    /// Those of `late` with a step in the group recorded after its planned end.
    public var lateOverPlan = 0
    /// Dossiers with a step in the group recorded after its planned end, late or not.
    public var overPlan = 0
    /// Steps of the group followed by a step in another department.
    public var handoversOut = 0
    /// Returns: a step that enters a department the dossier had been in and left (rework).
    public var returns = 0
    /// Dossiers with at least one return in the group.
    public var reworkedDossiers = 0

    public init() {}

    public mutating func merge(_ other: StepFigures) {
        dossiers += other.dossiers
        steps += other.steps
        workingSeconds += other.workingSeconds
        perDossierMinutes.merge(other.perDossierMinutes)
        late += other.late
        lateOverPlan += other.lateOverPlan
        overPlan += other.overPlan
        handoversOut += other.handoversOut
        returns += other.returns
        reworkedDossiers += other.reworkedDossiers
    }

    /// The sum of two tallies (`Dictionary.merge`'s combining function).
    static func sum(_ a: StepFigures, _ b: StepFigures) -> StepFigures {
        var total = a
        total.merge(b)
        return total
    }

    /// Late dossiers that went over a step's planned time here, of the late dossiers handled here.
    public var lateOverPlanRate: Rate { Rate(lateOverPlan, late) }
}

/// One row of a breakdown: its key, figures, and the working time of the dossiers it is a share
/// of (all dossiers; for `procedure`, those of its procedure).
public struct StepGroup: Hashable, Sendable {
    public var key: StepGroupKey
    public var figures: StepFigures
    public var scopeSeconds: Int64

    public init(key: StepGroupKey, figures: StepFigures, scopeSeconds: Int64) {
        self.key = key
        self.figures = figures
        self.scopeSeconds = scopeSeconds
    }

    /// The group's share of its dossiers' total working time.
    public var share: Rate { Rate(Int(figures.workingSeconds), Int(scopeSeconds)) }
}

/// The groups of one dimension: by procedure first for `procedure`, then by working time held,
/// most first, so the bottleneck leads.
public struct StepBreakdown: Sendable {
    public var dimension: StepDimension
    public var groups: [StepGroup]

    public init(dimension: StepDimension, groups: [StepGroup]) {
        self.dimension = dimension
        self.groups = groups
    }
}

/// Hand-overs from one department to another: consecutive steps in two departments.
public struct StepHandover: Hashable, Sendable {
    public var from: String?
    public var to: String?
    public var count: Int
    /// Dossiers handed over that way at least once.
    public var dossiers: Int

    public init(from: String?, to: String?, count: Int, dossiers: Int) {
        self.from = from
        self.to = to
        self.count = count
        self.dossiers = dossiers
    }
}

/// How many handlers a department had on its working days: the distinct `NguoiXuLy` who recorded
/// a step there each working day on which it recorded any (`calibrate --steps` sizes pools by it).
public struct DepartmentStaffing: Hashable, Sendable {
    public var department: String?
    /// Working days on which the department recorded a step with a handler.
    public var workingDays: Int
    /// Handlers per such day, nearest rank.
    public var median: Int
    public var p90: Int
    public var maximum: Int
    /// Distinct handlers over the whole log.
    public var handlers: Int

    public init(department: String?, workingDays: Int, median: Int, p90: Int, maximum: Int, handlers: Int) {
        self.department = department
        self.workingDays = workingDays
        self.median = median
        self.p90 = p90
        self.maximum = maximum
        self.handlers = handlers
    }
}

/// Where the time goes, as `tthc steps` computed it.
public struct StepTimeResult: Sendable {
    public var asOf: Timestamp?
    public var breakdowns: [StepBreakdown]
    /// All dossiers analysed: each dossier's total working time, late ones, returns, hand-overs.
    public var totals: StepFigures
    /// The same per procedure (nil: no `MaTTHC`), sorted by code, absent last.
    public var procedures: [(procedure: String?, figures: StepFigures)]
    /// Sorted by count, most first.
    public var handovers: [StepHandover]
    /// Sorted by department name.
    public var staffing: [DepartmentStaffing]
    /// Histories given.
    public var histories: Int
    /// Left out: no received step, received outside `--from/--to/--period`, received after as-of.
    public var withoutReceived: Int
    public var outsideSelection: Int
    public var afterAsOf: Int
    /// Analysed dossiers the judge found no due for (no catalog entry for their procedure).
    public var withoutDue: Int
    /// Working seconds the analysed dossiers spent waiting for a supplement (not in any group).
    public var pausedSeconds: Int64
    public var workingSecondsPerDay: Int64

    public init(
        asOf: Timestamp?, breakdowns: [StepBreakdown], totals: StepFigures,
        procedures: [(procedure: String?, figures: StepFigures)], handovers: [StepHandover],
        staffing: [DepartmentStaffing], histories: Int, withoutReceived: Int, outsideSelection: Int, afterAsOf: Int,
        withoutDue: Int, pausedSeconds: Int64, workingSecondsPerDay: Int64
    ) {
        self.asOf = asOf
        self.breakdowns = breakdowns
        self.totals = totals
        self.procedures = procedures
        self.handovers = handovers
        self.staffing = staffing
        self.histories = histories
        self.withoutReceived = withoutReceived
        self.outsideSelection = outsideSelection
        self.afterAsOf = afterAsOf
        self.withoutDue = withoutDue
        self.pausedSeconds = pausedSeconds
        self.workingSecondsPerDay = workingSecondsPerDay
    }

    /// A percentile of the per-dossier working time, in working seconds (the middle of its
    /// histogram bucket); nil without dossiers.
    public func workingSeconds(_ figures: StepFigures, percentile q: Double) -> Int64? {
        figures.perDossierMinutes.percentile(q).map { Int64(($0 * 60).rounded()) }
    }

    /// The same in working days.
    public func workingDays(_ figures: StepFigures, percentile q: Double) -> Double? {
        figures.perDossierMinutes.percentile(q).map { $0 * 60 / Double(workingSecondsPerDay) }
    }

    public func breakdown(_ dimension: StepDimension) -> StepBreakdown? {
        breakdowns.first { $0.dimension == dimension }
    }
}
