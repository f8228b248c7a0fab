import CivilTime
import WorkingTime
import _TextSupport

/// A mistake in a scenario file: the dotted path of the offending value and what was expected.
public struct ScenarioError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    /// True when the path came from a `--set` override rather than the file.
    public var fromOverride = false
    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
    public var description: String {
        (fromOverride ? "--set " : "") + (path.isEmpty ? message : "\(path): \(message)")
    }
}

/// How a pool picks the next dossier from its queue.
public enum QueueDiscipline: String, Sendable, CaseIterable {
    case fifo
    /// Earliest due date first (ties in arrival order).
    case earliestDueFirst = "edf"
    /// Lowest procedure `priority` number first (ties in arrival order).
    case priority
}

/// The channel of a dossier, with its `KenhThucHien` code.
public enum SimChannel: Int, Sendable, CaseIterable {
    case inPerson = 1
    case online = 2
    case postal = 3

    public var scenarioName: String {
        switch self {
        case .inPerson: return "in_person"
        case .online: return "online"
        case .postal: return "postal"
        }
    }
}

/// A staff pool: `size` interchangeable servers working the scenario's calendar.
public struct PoolSpec: Sendable {
    public var name: String
    public var size: Int
    public var discipline: QueueDiscipline
}

/// One step of a procedure's route.
public struct StepSpec: Sendable {
    public var name: String
    public var pool: Int
    /// Work content in seconds (working seconds on an office calendar).
    public var service: Distribution
    /// Bit set of channel codes (1 << code) that go through this step.
    public var channelMask: UInt8
    /// The step hands the result back: processing is finished before it starts.
    public var returnsResult: Bool
    /// The service value is a share of the working time left until the dossier's due date when
    /// the step starts (what `tthc calibrate` fits: it keeps how close to the deadline work ends).
    public var relativeToDue: Bool = false
    /// Work content of the dossiers that get a supplement request at this step (the procedure's
    /// supplement step), when it differs from `service`: such dossiers are often the harder
    /// ones. Nil: the same as `service`.
    public var serviceWithSupplement: Distribution? = nil
}

/// How a procedure's dossiers arrive.
public enum ArrivalPattern: Sendable {
    /// A constant rate per second, around the clock.
    case constant(Double)
    /// Rates per second for each hour of the week (Monday 00-01 first), 168 values.
    case hourOfWeek([Double])
    /// Counter dossiers at `counter` per working second of office time, online dossiers at
    /// `online` per second around the clock.
    case weekly(counter: Double, online: Double)
    /// Arrivals at the given instants (seconds, sorted), e.g. a hand-made test or a backlog.
    case fixed([Double])
}

/// A procedure (TTHC) as the simulator sees it.
public struct ProcedureSpec: Sendable {
    public var name: String
    public var code: String
    public var field: String
    public var agency: String
    public var arrivals: ArrivalPattern
    /// Multipliers of the arrival rate by month (January first), 12 values.
    public var monthly: [Double]
    /// Channel probabilities indexed by channel code 1...3 (index 0 unused).
    public var channelMix: [Double]
    public var deadline: Deadline?
    public var afternoonCutoff: Int?
    public var level: Int
    public var fullOnlineShare: Double
    public var feeShare: Double
    public var onlinePaymentShare: Double
    /// Share of in-person and postal fee-bearing dossiers paid online anyway.
    public var counterPaymentShare: Double = 0
    /// Share of dossiers whose log record lacks a due date (`NgayHenTra`), as real exports have.
    public var missingDueShare: Double = 0
    /// Probability that a dossier with a supplement request gets a second one.
    public var supplementRepeatProbability: Double = 0
    public var digitizedShare: Double
    public var electronicResultShare: Double
    public var supplementProbability: Double
    public var supplementDelay: Distribution
    public var supplementStep: Int
    /// Work content of re-processing after the supplement comes back, as a share of the step's.
    public var reworkShare: Double
    public var priority: Int
    public var steps: [StepSpec]

    /// The step whose pool a dossier belongs to in the breakdown by pool: the one named
    /// `processing`, else the supplement step.
    public var processingStep: Int { steps.firstIndex { $0.name == "processing" } ?? supplementStep }
}

/// A parsed, fully resolved scenario.
public struct Scenario: Sendable {
    public var name: String
    public var start: Timestamp
    /// Nil for a 24/7 calendar.
    public var calendar: WorkCalendar?
    public var overtime: Bool
    public var days: Double?
    public var customers: Int?
    public var warmup: Warmup
    public var pools: [PoolSpec]
    public var procedures: [ProcedureSpec]
    /// The tree it was read from, after `--set` overrides.
    public var source: JSONValue
    /// `calendar_files`: calendar overlays (paths, relative to the scenario file) the office
    /// calendar is built with; the command reads them (the library reads no file).
    public var calendarFiles: [String] = []

    /// An initial period whose dossiers are not measured.
    public enum Warmup: Sendable, Equatable {
        case none
        case seconds(Double)
        case customers(Int)

        /// `12h`, `5d`, `1000c`; a bare number is days.
        public static func parse(_ text: String) -> Warmup? {
            let t = text.trimmingCharacters(in: [" "])
            guard let last = t.last else { return nil }
            let unit: Character = last.isLetter ? last : "d"
            let number = last.isLetter ? String(t.dropLast()) : t
            guard let x = Double(number), x >= 0 else { return nil }
            switch unit {
            case "h": return .seconds(x * 3600)
            case "d": return .seconds(x * 86_400)
            case "c": return x == 0 ? Warmup.none : .customers(Int(x))
            default: return nil
            }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - Reading

extension Scenario {
    /// Reads a scenario from JSON text, applying `overrides` (dotted path, value) first.
    /// - Parameter calendar: the office calendar (with local overlays) instead of the standard one.
    public static func read(
        text: String, overrides: [(path: String, value: JSONValue)] = [], calendar: WorkCalendar? = nil
    ) throws -> Scenario {
        var tree: JSONValue
        do { tree = try JSONValue.parse(text) } catch { throw ScenarioError("", "invalid JSON at \(error)") }
        let original = tree
        for (path, value) in overrides {
            let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            do { try ScenarioSchema.checkOverride(parts, in: tree) } catch {
                var marked = error
                marked.fromOverride = true
                throw marked
            }
            tree = tree.setting(path: parts, to: value)
        }
        return try Scenario(tree: tree, calendar: calendar, knobsOf: original)
    }

    public init(tree: JSONValue, calendar office: WorkCalendar? = nil) throws {
        try self.init(tree: tree, calendar: office, knobsOf: tree)
    }

    /// - Parameter knobsOf: the file's tree before overrides, whose knobs stay known when an
    ///   override replaces the value that referred to them.
    init(tree: JSONValue, calendar office: WorkCalendar?, knobsOf original: JSONValue) throws {
        guard tree.members != nil else { throw ScenarioError("", "a scenario is a JSON object") }
        try ScenarioSchema.check(tree, knobsOf: original)
        let r = Reader(root: tree)
        source = tree
        name = try r.string(tree["name"], "name") ?? "scenario"
        if let startText = try r.string(tree["start"], "start") {
            guard let date = CivilDate(iso: startText) else {
                throw ScenarioError("start", "expected yyyy-MM-dd, got '\(startText)'")
            }
            guard WorkCalendar.coveredYears.contains(date.year) else {
                throw ScenarioError("start", "\(startText) is outside the calendar's years 1900-2100")
            }
            start = Timestamp(date: date)
        } else {
            start = Timestamp(year: 2026, month: 1, day: 5)
        }
        switch try r.string(tree["calendar"], "calendar") ?? "office" {
        case "24/7", "always": calendar = nil
        case "office": calendar = office ?? WorkCalendar()
        case let other: throw ScenarioError("calendar", "expected \"office\" or \"24/7\", got '\(other)'")
        }
        overtime = try r.bool(tree["overtime"], "overtime") ?? false
        if let files = try r.resolve(tree["calendar_files"], "calendar_files") {
            guard case .array(let items) = files else {
                throw ScenarioError("calendar_files", "expected an array of calendar file paths")
            }
            calendarFiles = try items.enumerated().map { i, item in
                guard case .string(let path) = item, !path.isEmpty else {
                    throw ScenarioError("calendar_files.\(i)", "expected a calendar file path")
                }
                return path
            }
        }
        days = try r.number(tree["days"], "days", atLeast: 0, inclusive: false)
        customers = try r.wholeNumber(tree["customers"], "customers", atLeast: 1)
        if let w = try r.string(tree["warmup"], "warmup") {
            guard let parsed = Warmup.parse(w) else {
                throw ScenarioError("warmup", "expected 12h, 5d or 1000c, got '\(w)'")
            }
            warmup = parsed
        } else if let w = try r.number(tree["warmup"], "warmup", atLeast: 0) {
            warmup = .seconds(w * 86_400)
        } else {
            warmup = Warmup.none
        }
        let scale = try r.number(tree["arrivals"]?["scale"], "arrivals.scale", atLeast: 0) ?? 1

        guard let poolMembers = tree["pools"]?.members, !poolMembers.isEmpty else {
            throw ScenarioError("pools", "expected an object of staff pools, e.g. {\"reception\": {\"size\": 2}}")
        }
        var pools: [PoolSpec] = []
        for m in poolMembers {
            let p = "pools.\(m.key)"
            guard let size = try r.wholeNumber(m.value["size"], p + ".size", atLeast: 1) else {
                throw ScenarioError(p + ".size", "required: the number of staff (1 or more)")
            }
            let d = try r.string(m.value["discipline"], p + ".discipline") ?? "fifo"
            guard let discipline = QueueDiscipline(rawValue: d) else {
                throw ScenarioError(p + ".discipline", "expected fifo, edf or priority, got '\(d)'")
            }
            pools.append(PoolSpec(name: m.key, size: size, discipline: discipline))
        }
        self.pools = pools

        guard let procedureMembers = tree["procedures"]?.members, !procedureMembers.isEmpty else {
            throw ScenarioError("procedures", "expected an object of procedures")
        }
        let defaultSteps = tree["steps"]
        var procedures: [ProcedureSpec] = []
        for m in procedureMembers {
            procedures.append(
                try r.procedure(
                    m.key, m.value, defaultSteps: defaultSteps, pools: pools, scale: scale, calendar: calendar))
        }
        self.procedures = procedures
    }
}

/// Resolves `"$name"` references to top-level values and converts types with path-named errors.
private struct Reader {
    var root: JSONValue

    func resolve(_ value: JSONValue?, _ path: String) throws -> JSONValue? {
        guard let value else { return nil }
        if case .string(let s) = value, s.hasPrefix("$") {
            guard let target = root[String(s.dropFirst())] else {
                throw ScenarioError(path, "refers to \(s) but the scenario has no top-level '\(s.dropFirst())'")
            }
            return try resolve(target, path)
        }
        if case .null = value { return nil }
        return value
    }

    func number(_ value: JSONValue?, _ path: String) throws -> Double? {
        guard let v = try resolve(value, path) else { return nil }
        switch v {
        case .number(let x): return x
        case .string(let s):
            if let x = Double(s) { return x }
            throw ScenarioError(path, "expected a number, got '\(s)'")
        default: throw ScenarioError(path, "expected a number")
        }
    }

    /// A number at least `bound` (above it when not `inclusive`).
    func number(_ value: JSONValue?, _ path: String, atLeast bound: Double, inclusive: Bool = true) throws -> Double? {
        guard let x = try number(value, path) else { return nil }
        guard x.isFinite, inclusive ? x >= bound : x > bound else {
            let what =
                bound == 0
                ? (inclusive ? "a number of 0 or more" : "a positive number")
                : "a number of at least \(JSONValue.numberLiteral(bound))"
            throw ScenarioError(path, "expected \(what), got \(JSONValue.numberLiteral(x))")
        }
        return x
    }

    /// A whole number at least `bound`.
    func wholeNumber(_ value: JSONValue?, _ path: String, atLeast bound: Int) throws -> Int? {
        guard let x = try number(value, path) else { return nil }
        guard x == x.rounded(), x >= Double(bound), x < 1e9 else {
            throw ScenarioError(path, "expected a whole number of \(bound) or more, got \(JSONValue.numberLiteral(x))")
        }
        return Int(x)
    }

    /// At most one of `keys` in `object`; with two, the second would be ignored silently.
    func oneOf(_ keys: [String], in object: JSONValue?, _ path: String) throws {
        let present = keys.filter { object?[$0] != nil }
        guard present.count <= 1 else {
            throw ScenarioError(
                path, "give one of \(keys.joined(separator: ", ")), not \(present.joined(separator: " and "))")
        }
    }

    func string(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let v = try resolve(value, path) else { return nil }
        switch v {
        case .string(let s): return s
        case .number(let x): return JSONValue.numberLiteral(x)
        default: throw ScenarioError(path, "expected a string")
        }
    }

    func bool(_ value: JSONValue?, _ path: String) throws -> Bool? {
        guard let v = try resolve(value, path) else { return nil }
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        default: throw ScenarioError(path, "expected true or false")
        }
    }

    func numbers(_ value: JSONValue?, _ path: String, count: Int? = nil, nonNegative: Bool = true) throws -> [Double]? {
        guard let v = try resolve(value, path) else { return nil }
        guard case .array(let items) = v else { throw ScenarioError(path, "expected an array of numbers") }
        let xs = try items.enumerated().map {
            try number($0.element, "\(path).\($0.offset)", atLeast: nonNegative ? 0 : -.infinity) ?? 0
        }
        if let count, xs.count != count { throw ScenarioError(path, "expected \(count) numbers, got \(xs.count)") }
        return xs
    }

    func share(_ value: JSONValue?, _ path: String, default d: Double) throws -> Double {
        guard let x = try number(value, path) else { return d }
        guard (0...1).contains(x) else { throw ScenarioError(path, "expected a share between 0 and 1, got \(x)") }
        return x
    }

    /// `MucDo`: online service level 1 to 4 (default 3).
    func level(_ value: JSONValue?, _ path: String) throws -> Int {
        guard let x = try wholeNumber(value, path, atLeast: 1) else { return 3 }
        guard x <= 4 else { throw ScenarioError(path, "expected an online level from 1 to 4, got \(x)") }
        return x
    }

    func seconds(ofClock text: String, _ path: String) throws -> Int {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m)
        else {
            throw ScenarioError(path, "expected HH:mm, got '\(text)'")
        }
        return h * 3600 + m * 60
    }

    /// A distribution object: `{"dist": "exponential", "mean": 1, "unit": "hours"}`; the result
    /// is in seconds.
    /// - Parameter allowZero: a distribution that may be 0 throughout (a supplement delay);
    ///   service times need some positive mass.
    func distribution(_ value: JSONValue?, _ path: String, defaultUnit: String = "hours", allowZero: Bool = false)
        throws -> Distribution?
    {
        guard let v = try resolve(value, path) else { return nil }
        if case .number = v {
            let x = try number(v, path, atLeast: 0, inclusive: allowZero)!
            return .constant(x * (try unitSeconds(defaultUnit, path)))
        }
        guard v.members != nil else {
            throw ScenarioError(path, "expected a distribution object such as {\"dist\": \"exponential\", \"mean\": 1}")
        }
        let kind = try string(v["dist"], path + ".dist") ?? "exponential"
        let unit = try unitSeconds(try string(v["unit"], path + ".unit") ?? defaultUnit, path + ".unit")
        // Every parameter must be finite and every value a duration: no negative time, and some
        // mass above 0 (a service that always takes no time means a step that is not there).
        func need(_ key: String, positive: Bool = false) throws -> Double {
            guard let x = try number(v[key], "\(path).\(key)", atLeast: 0, inclusive: !positive) else {
                throw ScenarioError("\(path).\(key)", "required for a \(kind) distribution")
            }
            return x
        }
        let d: Distribution
        switch kind {
        case "constant": d = .constant(try need("value", positive: !allowZero))
        case "exponential":
            try oneOf(["mean", "rate"], in: v, path)
            if v["rate"] != nil {
                d = .exponential(mean: 1 / (try need("rate", positive: true)))
            } else {
                d = .exponential(mean: try need("mean", positive: true))
            }
        case "lognormal":
            if v["mu"] != nil || v["sigma"] != nil {
                try oneOf(["mu", "mean"], in: v, path)
                try oneOf(["sigma", "sd"], in: v, path)
                guard let mu = try number(v["mu"], path + ".mu") else {
                    throw ScenarioError(path + ".mu", "required with sigma")
                }
                d = .lognormal(mu: mu, sigma: try need("sigma"))
            } else {
                d = .lognormal(mean: try need("mean", positive: true), sd: try need("sd"))
            }
        case "gamma":
            try oneOf(["shape", "mean"], in: v, path)
            try oneOf(["scale", "sd"], in: v, path)
            if v["shape"] != nil || v["scale"] != nil {
                d = .gamma(shape: try need("shape", positive: true), scale: try need("scale", positive: true))
            } else {
                let mean = try need("mean", positive: true), sd = try need("sd", positive: true)
                d = .gamma(shape: mean * mean / (sd * sd), scale: sd * sd / mean)
            }
        case "triangular":
            let a = try need("min"), c = try need("mode"), b = try need("max", positive: true)
            guard a <= c, c <= b, a < b else { throw ScenarioError(path, "expected min <= mode <= max and min < max") }
            d = .triangular(min: a, mode: c, max: b)
        case "uniform":
            let a = try need("min"), b = try need("max", positive: !allowZero)
            guard a <= b else { throw ScenarioError(path, "expected min <= max") }
            d = .uniform(min: a, max: b)
        case "empirical":
            guard let values = try numbers(v["values"], path + ".values"), !values.isEmpty else {
                throw ScenarioError(path + ".values", "expected a non-empty array of observed values")
            }
            guard allowZero || values.contains(where: { $0 > 0 }) else {
                throw ScenarioError(path + ".values", "every value is 0: the distribution has no positive mass")
            }
            if let probabilities = try numbers(v["probabilities"], path + ".probabilities") {
                // Knots of a quantile function (see `Distribution.quantiles`).
                guard probabilities.count == values.count, probabilities.first == 0, probabilities.last == 1,
                    zip(probabilities, probabilities.dropFirst()).allSatisfy({ $0 <= $1 }),
                    zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 })
                else {
                    throw ScenarioError(
                        path + ".probabilities",
                        "expected one probability per value, rising from 0 to 1, with values that never fall")
                }
                d = .quantiles(values: values, probabilities: probabilities)
            } else {
                d = .empirical(values.sorted())
            }
        default:
            let kinds = ScenarioSchema.distributionParameters.map(\.kind)
            let hint = ClosestName.match(kind, in: kinds).map { "; did you mean '\($0)'?" } ?? ""
            throw ScenarioError(
                path + ".dist", "expected \(kinds.joined(separator: ", ")), got '\(kind)'\(hint)")
        }
        return d.scaled(by: unit)
    }

    func unitSeconds(_ unit: String, _ path: String) throws -> Double {
        switch unit {
        case "seconds", "s": return 1
        case "minutes", "min": return 60
        case "hours", "h": return 3600
        case "days", "d": return 86_400
        default: throw ScenarioError(path, "expected seconds, minutes, hours or days, got '\(unit)'")
        }
    }

    func procedure(
        _ name: String, _ v: JSONValue, defaultSteps: JSONValue?, pools: [PoolSpec], scale: Double,
        calendar: WorkCalendar?
    ) throws -> ProcedureSpec {
        let p = "procedures.\(name)"
        var mix = [0.0, 0.0, 0.0, 0.0]
        if let channels = try resolve(v["channels"], p + ".channels") {
            guard let ms = channels.members else {
                throw ScenarioError(p + ".channels", "expected {\"in_person\": 0.5, \"online\": 0.5}")
            }
            for m in ms {
                guard let c = SimChannel.allCases.first(where: { $0.scenarioName == m.key }) else {
                    throw ScenarioError("\(p).channels.\(m.key)", "expected in_person, online or postal")
                }
                mix[c.rawValue] = try share(m.value, "\(p).channels.\(m.key)", default: 0)
            }
        } else {
            mix[1] = 1
        }
        let total = mix.reduce(0, +)
        guard total > 0 else { throw ScenarioError(p + ".channels", "the channel shares sum to 0") }
        mix = mix.map { $0 / total }

        try oneOf(["arrivals_at", "rate_per_hour", "hour_of_week", "arrivals_per_week"], in: v, p)
        try oneOf(["deadline_days", "deadline_hours"], in: v, p)
        let arrivals: ArrivalPattern
        if case .array(let items)? = try resolve(v["arrivals_at"], p + ".arrivals_at") {
            var times: [Double] = []
            for (i, item) in items.enumerated() {
                guard case .string(let text) = item, let t = TimestampParser.parse(text) else {
                    throw ScenarioError("\(p).arrivals_at.\(i)", "expected a time such as 2026-01-05T16:00")
                }
                guard WorkCalendar.coveredYears.contains(t.date.year) else {
                    throw ScenarioError("\(p).arrivals_at.\(i)", "\(text) is outside the calendar's years 1900-2100")
                }
                times.append(Double(t.seconds))
            }
            arrivals = .fixed(times.sorted())
        } else if let rate = try number(v["rate_per_hour"], p + ".rate_per_hour", atLeast: 0) {
            arrivals = .constant(rate * scale / 3600)
        } else if let table = try numbers(v["hour_of_week"], p + ".hour_of_week", count: 168) {
            arrivals = .hourOfWeek(table.map { $0 * scale / 3600 })
        } else if let weekly = try number(v["arrivals_per_week"], p + ".arrivals_per_week", atLeast: 0) {
            let workingPerWeek = Double(calendar?.workingSecondsPerDay ?? 86_400) * (calendar == nil ? 7 : 5)
            let online = mix[SimChannel.online.rawValue]
            arrivals = .weekly(
                counter: weekly * scale * (1 - online) / workingPerWeek, online: weekly * scale * online / (7 * 86_400))
        } else {
            throw ScenarioError(p, "needs rate_per_hour, arrivals_per_week or hour_of_week")
        }
        let monthly = try numbers(v["monthly"], p + ".monthly", count: 12) ?? Array(repeating: 1, count: 12)

        var deadline: Deadline?
        if let d = try wholeNumber(v["deadline_days"], p + ".deadline_days", atLeast: 0) {
            deadline = d == 0 ? .sameDay : .workingDays(d)
        } else if let h = try wholeNumber(v["deadline_hours"], p + ".deadline_hours", atLeast: 1) {
            deadline = .workingHours(h)
        }
        let cutoff = try string(v["afternoon_cutoff"], p + ".afternoon_cutoff").map {
            try seconds(ofClock: $0, p + ".afternoon_cutoff")
        }

        let stepsValue = try resolve(v["steps"], p + ".steps") ?? defaultSteps
        guard case .array(let stepItems)? = stepsValue, !stepItems.isEmpty else {
            throw ScenarioError(p + ".steps", "expected a non-empty array of steps (or top-level \"steps\")")
        }
        var steps: [StepSpec] = []
        for (i, item) in stepItems.enumerated() {
            let sp = "\(p).steps.\(i)"
            guard let poolName = try string(item["pool"], sp + ".pool") else {
                throw ScenarioError(sp + ".pool", "required")
            }
            guard let pool = pools.firstIndex(where: { $0.name == poolName }) else {
                throw ScenarioError(
                    sp + ".pool", "no pool named '\(poolName)'; pools are \(pools.map(\.name).joined(separator: ", "))")
            }
            let relative = try bool(item["relative_to_due"], sp + ".relative_to_due") ?? false
            guard
                let service = try distribution(
                    item["service"], sp + ".service", defaultUnit: relative ? "seconds" : "hours")
            else {
                throw ScenarioError(sp + ".service", "required")
            }
            var mask: UInt8 = 0b1110
            if case .array(let cs)? = try resolve(item["channels"], sp + ".channels") {
                mask = 0
                for c in cs {
                    guard case .string(let s) = c, let ch = SimChannel.allCases.first(where: { $0.scenarioName == s })
                    else {
                        throw ScenarioError(sp + ".channels", "expected in_person, online or postal")
                    }
                    mask |= 1 << UInt8(ch.rawValue)
                }
            }
            steps.append(
                StepSpec(
                    name: try string(item["name"], sp + ".name") ?? poolName, pool: pool, service: service,
                    channelMask: mask, returnsResult: try bool(item["returns_result"], sp + ".returns_result") ?? false,
                    relativeToDue: relative,
                    serviceWithSupplement: try distribution(
                        item["service_with_supplement"], sp + ".service_with_supplement",
                        defaultUnit: relative ? "seconds" : "hours")))
        }
        let supplement = v["supplement"]
        var supplementStep = 0
        if let stepName = try string(supplement?["at_step"], p + ".supplement.at_step") {
            guard let i = steps.firstIndex(where: { $0.name == stepName }) else {
                throw ScenarioError(p + ".supplement.at_step", "no step named '\(stepName)'")
            }
            supplementStep = i
        } else {
            supplementStep = steps.count > 1 ? 1 : 0
        }
        let fee = v["fee"]
        var spec = ProcedureSpec(
            name: name, code: try string(v["code"], p + ".code") ?? name,
            field: try string(v["field"], p + ".field") ?? "",
            agency: try string(v["agency"], p + ".agency") ?? (try string(root["agency"], "agency") ?? ""),
            arrivals: arrivals, monthly: monthly, channelMix: mix, deadline: deadline, afternoonCutoff: cutoff,
            level: try level(v["level"], p + ".level"),
            fullOnlineShare: try share(v["full_online_share"], p + ".full_online_share", default: 0),
            feeShare: try share(fee?["share"], p + ".fee.share", default: 0),
            onlinePaymentShare: try share(fee?["online_payment"], p + ".fee.online_payment", default: 0),
            digitizedShare: try share(v["digitized"], p + ".digitized", default: 0),
            electronicResultShare: try share(v["e_result"], p + ".e_result", default: 0),
            supplementProbability: try share(supplement?["probability"], p + ".supplement.probability", default: 0),
            supplementDelay: try distribution(
                supplement?["delay"], p + ".supplement.delay", defaultUnit: "days", allowZero: true)
                ?? .constant(2 * 86_400),
            supplementStep: supplementStep,
            reworkShare: try number(supplement?["rework_share"], p + ".supplement.rework_share", atLeast: 0) ?? 0.5,
            priority: try wholeNumber(v["priority"], p + ".priority", atLeast: 0) ?? 0,
            steps: steps)
        spec.counterPaymentShare = try share(
            fee?["counter_online_payment"], p + ".fee.counter_online_payment", default: 0)
        spec.missingDueShare = try share(v["missing_due_share"], p + ".missing_due_share", default: 0)
        spec.supplementRepeatProbability = try share(
            supplement?["repeat_probability"], p + ".supplement.repeat_probability", default: 0)
        return spec
    }
}
