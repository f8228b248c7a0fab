import CivilTime
import Metrics
import Records
import WorkingTime
import _TextSupport

/// Estimates a scenario from a real log (`tthc calibrate`).
///
/// Per procedure code: arrival rates by hour of the week (dossiers received in that hour of
/// the week ÷ occurrences of that weekday), channel mix, online service level, full-online, fee and online
/// payment shares, digitization and electronic results, the deadline (median working days from
/// received to `NgayHenTra`), the probability of a supplement request and the empirical
/// distribution of its delay, and the empirical distribution of the processing time in working
/// hours (received to end, supplement pauses excluded). Each field (`MaLinhVuc`) becomes a
/// pool without a staff limit: the log shows how long processing took, not how many people
/// did it, so the calibrated model is a delay model; set pool sizes to study staffing.
public enum Calibration {
    public struct Summary: Sendable {
        public var scenario: JSONValue
        public var start: Timestamp
        public var days: Int
        public var dossiers: Int
        public var procedures: Int
        /// The staff estimate of each pool (staffing model); empty for the delay model.
        public var pools: [PoolEstimate] = []
        /// Working hours of the log's period on the calibration's calendar.
        public var workingHours: Double = 0
        public var workingHoursPerDay: Double = 0
    }

    /// What the staffing model assumes, since a log without step history shows how long
    /// dossiers took, not how much work they were: the work minutes of one dossier of each
    /// procedure code, from the catalog (`PhutXuLy`) or a flag.
    public struct Staffing: Sendable {
        /// Work minutes by procedure code, and where each came from (`catalog`, `--work-minutes`).
        public var workMinutes: [String: (minutes: Double, source: String)]
        /// For codes not in `workMinutes`.
        public var defaultMinutes: (minutes: Double, source: String)?
        /// Pool name by field (`MaLinhVuc`), for pools named after departments.
        public var departments: [String: String]
        /// Staff counted in a step log (`calibrate --steps`), by pool name (`key` of the
        /// department's name), with where it came from: such a pool takes this size instead of the
        /// Erlang C fit, since the log shows who worked, not only how long dossiers took.
        public var observedStaff: [String: (staff: Int, source: String)] = [:]

        public init(
            workMinutes: [String: (minutes: Double, source: String)] = [:],
            defaultMinutes: (minutes: Double, source: String)? = nil, departments: [String: String] = [:]
        ) {
            self.workMinutes = workMinutes
            self.defaultMinutes = defaultMinutes
            self.departments = departments
        }

        func minutes(_ code: String) -> (minutes: Double, source: String)? { workMinutes[code] ?? defaultMinutes }
    }

    /// A pool's size as the staffing model estimates it: the work that arrived (dossiers per
    /// working hour × work content) is the staff kept busy full time (the offered load); the
    /// size is the staff with which an M/M/c queue carrying that load waits on average closest
    /// to what the log's dossiers waited beyond their work (Erlang C, in working hours).
    public struct PoolEstimate: Sendable {
        public var pool: String
        public var fields: [String]
        public var received: Int
        public var finished: Int
        public var arrivalsPerWorkingHour: Double
        public var throughputPerWorkingHour: Double
        /// Mean work content of a dossier, in minutes, and where the minutes came from.
        public var workMinutes: Double
        public var sources: [String]
        public var offeredStaff: Double
        /// The log's mean processing time of finished dossiers less their work, in working hours.
        public var observedWaitHours: Double
        public var staff: Int
        /// Erlang C's mean wait with `staff`, in working hours.
        public var modelWaitHours: Double
        /// Where `staff` was counted when not fitted by Erlang C (`Staffing.observedStaff`).
        public var staffFrom: String? = nil
    }

    /// Procedure codes the staffing model has no work content for.
    public struct MissingWorkContent: Error, Sendable {
        public var codes: [String]
    }

    /// At most `count` evenly spaced order statistics of `values` (sorted), rounded.
    static func quantiles(_ values: [Double], count: Int = 101, digits: Double = 1000) -> [JSONValue] {
        let sorted = values.sorted()
        guard sorted.count > count else { return sorted.map { .number(($0 * digits).rounded() / digits) } }
        return (0..<count).map { k in
            let x = sorted[Int((Double(k) / Double(count - 1) * Double(sorted.count - 1)).rounded())]
            return .number((x * digits).rounded() / digits)
        }
    }

    /// Quantiles of the Kaplan-Meier estimate from `events` (observed values) and `censored`
    /// (values known only to be exceeded). The mass left beyond the largest observation when it
    /// is censored is put at twice that value (an assumption: nothing was seen beyond it).
    static func kaplanMeierQuantiles(events: [Double], censored: [Double], count: Int, digits: Double = 1000)
        -> [JSONValue]
    {
        guard !censored.isEmpty else { return quantiles(events, count: count, digits: digits) }
        let masses = kaplanMeierMasses(events: events, censored: censored)
        guard !masses.isEmpty else { return [] }
        var result: [JSONValue] = []
        var cumulative = 0.0
        var j = 0
        for k in 0..<count {
            let q = (Double(k) + 0.5) / Double(count)
            while j < masses.count - 1 && cumulative + masses[j].mass < q {
                cumulative += masses[j].mass
                j += 1
            }
            result.append(.number((masses[j].value * digits).rounded() / digits))
        }
        return result
    }

    /// The Kaplan-Meier estimate from `events` (observed values) and `censored` (values known
    /// only to be exceeded), as masses at values in increasing order, summing to 1. The mass
    /// left beyond the largest observation when it is censored is put at twice that value (an
    /// assumption: nothing was seen beyond it). Without censoring: each event weighs 1/n.
    static func kaplanMeierMasses(events: [Double], censored: [Double]) -> [(value: Double, mass: Double)] {
        guard !censored.isEmpty else { return events.sorted().map { ($0, 1 / Double(events.count)) } }
        var points = events.map { ($0, true) } + censored.map { ($0, false) }
        // Events before censorings at equal values (the usual convention).
        points.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 && !$1.1) }
        var atRisk = Double(points.count)
        var survival = 1.0
        var masses: [(value: Double, mass: Double)] = []
        for (value, isEvent) in points {
            if isEvent {
                let next = survival * (1 - 1 / atRisk)
                masses.append((value, survival - next))
                survival = next
            }
            atRisk -= 1
        }
        if survival > 1e-12 { masses.append(((points.last?.0 ?? 0) * 2, survival)) }
        return masses
    }

    /// A quantile function with a jump at `threshold`, as an empirical distribution with
    /// knots (`"probabilities"`): the values at or below the threshold fill probabilities
    /// 0...F and those above it F...1, where F is their exact share, each part by its own
    /// evenly spaced quantiles (about `count` knots in all).
    ///
    /// Evenly spaced quantiles of the whole sample, interpolated linearly, would smear the
    /// knot that straddles the threshold across it: for shares of the time to the due date
    /// (threshold 1), that moves up to 1/`count` of the dossiers between on time and late,
    /// which is the size of the effect the on-time rate has to reproduce.
    static func splitQuantiles(
        _ masses: [(value: Double, mass: Double)], at threshold: Double, count: Int, digits: Double
    ) -> JSONValue {
        let total = masses.reduce(0) { $0 + $1.mass }
        let lower = masses.filter { $0.value <= threshold }, upper = masses.filter { $0.value > threshold }
        let split = ((lower.reduce(0) { $0 + $1.mass } / total) * 1e9).rounded() / 1e9
        var values: [JSONValue] = [], probabilities: [JSONValue] = []
        func append(_ part: [(value: Double, mass: Double)], from p0: Double, to p1: Double, above: Bool) {
            guard !part.isEmpty else { return }
            let partTotal = part.reduce(0) { $0 + $1.mass }
            let knots = max(2, min(part.count + 1, Int((Double(count) * (p1 - p0)).rounded())))
            var cumulative = 0.0, j = 0
            for k in 0..<knots {
                let q = Double(k) / Double(knots - 1) * partTotal
                // The smallest value whose cumulative mass reaches q (the first value at q = 0).
                while j < part.count - 1 && cumulative + part[j].mass < q * (1 - 1e-12) {
                    cumulative += part[j].mass
                    j += 1
                }
                // Rounded away from the threshold's other side, so no value changes sides.
                let scaled = part[j].value * digits
                values.append(.number((above ? scaled.rounded(.up) : scaled.rounded()) / digits))
                let p = k == knots - 1 ? p1 : p0 + (p1 - p0) * Double(k) / Double(knots - 1)
                probabilities.append(.number((p * 1e9).rounded() / 1e9))
            }
        }
        append(lower, from: 0, to: upper.isEmpty ? 1 : split, above: false)
        append(upper, from: lower.isEmpty ? 0 : split, to: 1, above: true)
        return .object([
            .init("dist", .string("empirical")), .init("values", .array(values)),
            .init("probabilities", .array(probabilities)),
        ])
    }

    /// The run that reproduces a calibrated log's on-time rate: the log's `days`, then up to a
    /// year with arrivals stopped, so every dossier received in the period finishes and is
    /// judged when it does.
    ///
    /// The processing times are estimated from the dossiers that finished within the log, so
    /// they already are those of dossiers that finished by the log's end. Judging the simulated
    /// dossiers at that end again would drop the slow ones received near it (still open, so
    /// not in the on-time rate) a second time: the simulated rate would come out too high by
    /// about the share of late dossiers among those received in the last deadline's span
    /// (0.1 point on 6-month synthetic logs, more on shorter ones). Followed to their end, the simulated dossiers have
    /// the log's own mix of processing times, whatever the log's period.
    public static func reproductionLength(days: Int) -> RunLength {
        RunLength(seconds: Double(days) * 86_400, drain: 366 * 86_400)
    }

    /// A pool's or procedure's name in a scenario: letters and digits kept, anything else `_`.
    public static func key(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return cleaned.isEmpty ? "unknown" : cleaned
    }

    static func share(_ a: Int, _ b: Int) -> JSONValue {
        .number(b == 0 ? 0 : (Double(a) / Double(b) * 10_000).rounded() / 10_000)
    }

    /// - Parameter censorOpen: also learn from the dossiers still open at the end of the log:
    ///   those already overdue form a population that does not finish within the horizon, the
    ///   others are censored observations (Kaplan-Meier). Off by default: it reproduces the
    ///   in-progress and progress figures better, the on-time rate of finished dossiers less well.
    /// - Parameter staffing: fit staff pools to work content (`Staffing`); nil for the delay
    ///   model, whose pools have no staff limit and whose processing is the elapsed time.
    public static func calibrate(
        _ log: [ObservedDossier], calendar: WorkCalendar = WorkCalendar(), censorOpen: Bool = false,
        staffing: Staffing? = nil
    ) throws(MissingWorkContent) -> Summary? {
        let received = log.filter { $0.received != nil && $0.status.isReceived }
        guard let first = received.map({ $0.received!.dayNumber }).min(),
            let last = received.map({ $0.received!.dayNumber }).max()
        else { return nil }
        let days = last - first + 1
        let asOf = Timestamp(seconds: Int64(last + 1) * 86_400)
        // How many times each weekday occurs in the observed days: an hour-of-week rate is the
        // count in that hour divided by the occurrences of its weekday.
        var occurrences = [Double](repeating: 0, count: 7)
        for day in first...last { occurrences[CivilDate.isoWeekday(dayNumber: day) - 1] += 1 }
        var order: [String] = []
        var groups: [String: [ObservedDossier]] = [:]
        for d in received {
            if groups[d.procedure] == nil { order.append(d.procedure) }
            groups[d.procedure, default: []].append(d)
        }
        if let staffing {
            let missing = order.filter { staffing.minutes($0) == nil }
            guard missing.isEmpty else { throw MissingWorkContent(codes: missing) }
        }
        var pools: [JSONValue.Member] = []
        var procedures: [JSONValue.Member] = []
        let perDay = Double(calendar.workingSecondsPerDay)
        let classifier = DossierClassifier(calendar: calendar)
        let start = Timestamp(seconds: Int64(first) * 86_400)
        let workingHours =
            Double(calendar.workingSeconds(from: start, to: Timestamp(seconds: Int64(last + 1) * 86_400))) / 3600
        var record = DossierRecord()
        // Per pool: received, finished, work minutes of the received, elapsed working hours of
        // the finished beyond their work, fields and sources.
        var tallies:
            [String: (received: Int, finished: Int, work: Double, wait: Double, fields: [String], sources: [String])] =
                [:]
        var poolOrder: [String] = []
        for code in order {
            let ds = groups[code]!
            let field = ds.first { !$0.field.isEmpty }?.field ?? "processing"
            let pool = staffing?.departments[field].map(key) ?? key(field)
            if !poolOrder.contains(pool) { poolOrder.append(pool) }
            var sample = ProcedureSample()
            for d in ds {
                sample.add(
                    d, calendar: calendar, asOf: asOf, censorOpen: censorOpen, classifier: classifier, record: &record)
            }
            let work = staffing?.minutes(code)
            if let work {
                var t = tallies[pool] ?? (0, 0, 0, 0, [], [])
                t.received += sample.count
                t.finished += sample.processing.count
                t.work += Double(sample.count) * work.minutes
                t.wait += sample.processing.reduce(0) { $0 + max(0, $1 - work.minutes / 60) }
                if !t.fields.contains(field) { t.fields.append(field) }
                if !t.sources.contains(work.source) { t.sources.append(work.source) }
                tallies[pool] = t
            }
            let members = sample.members(
                code: code, field: field, pool: pool, occurrences: occurrences, perDay: perDay,
                workMinutes: work?.minutes)
            var name = key(code)
            while procedures.contains(where: { $0.key == name }) { name += "_" }
            procedures.append(.init(name, .object(members)))
        }
        var estimates: [PoolEstimate] = []
        for pool in poolOrder {
            guard let t = tallies[pool] else {
                // The delay model: no staff limit (the log shows durations, not who worked).
                pools.append(
                    .init(pool, .object([.init("size", .number(10_000)), .init("discipline", .string("fifo"))])))
                continue
            }
            let meanWork = t.received > 0 ? t.work / Double(t.received) : 0
            let lambda = workingHours > 0 ? Double(t.received) / workingHours : 0
            let offered = lambda * meanWork / 60
            let observed = t.finished > 0 ? t.wait / Double(t.finished) : 0
            // Waits under a twentieth of the work content count as that (an M/M/c queue never
            // waits exactly 0 on average); without finished dossiers, size for rho below 0.9.
            let counted = staffing?.observedStaff[pool]
            let staff =
                counted.map { max(1, $0.staff) }
                ?? (t.finished > 0
                    ? ErlangC.staff(
                        offered: offered, meanService: meanWork / 60, closestTo: max(observed, meanWork / 60 / 20))
                    : max(1, Int((offered / 0.9).rounded(.down)) + 1))
            estimates.append(
                PoolEstimate(
                    pool: pool, fields: t.fields, received: t.received, finished: t.finished,
                    arrivalsPerWorkingHour: lambda,
                    throughputPerWorkingHour: workingHours > 0 ? Double(t.finished) / workingHours : 0,
                    workMinutes: meanWork, sources: t.sources, offeredStaff: offered, observedWaitHours: observed,
                    staff: staff,
                    modelWaitHours: ErlangC.meanWait(servers: staff, offered: offered, meanService: meanWork / 60),
                    staffFrom: counted?.source))
            // Earliest due first: staff who know the deadlines work to them; Erlang C's mean
            // wait is the same under any order that keeps the staff busy.
            pools.append(
                .init(
                    pool, .object([.init("size", .number(Double(staff))), .init("discipline", .string("edf"))])))
        }
        let scenario = encodedScenario(
            dossiers: received.count, start: start, days: days, pools: pools, procedures: procedures)
        var summary = Summary(
            scenario: scenario, start: start, days: days, dossiers: received.count, procedures: procedures.count)
        summary.pools = estimates
        summary.workingHours = workingHours
        summary.workingHoursPerDay = perDay / 3600
        return summary
    }

    /// The calibrated scenario: the log's period on the office calendar without overtime, no
    /// warmup, and the estimated pools and procedures.
    static func encodedScenario(
        dossiers: Int, start: Timestamp, days: Int, pools: [JSONValue.Member], procedures: [JSONValue.Member]
    ) -> JSONValue {
        JSONValue.object([
            .init("name", .string("calibrated from \(dossiers) dossiers")),
            .init("start", .string(start.date.description)), .init("days", .number(Double(days))),
            .init("warmup", .string("0d")),
            .init("calendar", .string("office")), .init("overtime", .bool(false)),
            .init("arrivals", .object([.init("scale", .number(1))])),
            .init("pools", .object(pools)), .init("procedures", .object(procedures)),
        ])
    }
}
