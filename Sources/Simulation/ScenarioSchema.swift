import _TextSupport

/// Which keys a scenario allows where: a misspelt key (`"sise"`, `"suplement"`) or a `--set`
/// path that names nothing is an error that names the path, the keys allowed there and the
/// closest one, never a value silently ignored.
///
/// One walk (`position(after:key:in:)`) serves both the file check and the `--set` check.
enum ScenarioSchema {
    /// Where a value sits in a scenario, which decides the keys it may hold.
    enum Position: Equatable {
        case top
        /// `pools`, `procedures`: objects keyed by names the scenario chooses.
        case pools, procedures
        case pool, procedure, arrivals, channels, fee, supplement, step, distribution
        /// `steps`: an array of steps.
        case steps
        /// An array of numbers or times (`monthly`, `hour_of_week`, `values`, `arrivals_at`).
        case list
        /// A scalar (or a knob, whose shape is its users' business).
        case leaf
    }

    static let topKeys = [
        "name", "start", "days", "warmup", "customers", "calendar", "calendar_files", "overtime", "agency",
        "arrivals", "pools", "procedures", "steps",
    ]
    static let poolKeys = ["size", "discipline"]
    static let procedureKeys = [
        "code", "field", "agency", "rate_per_hour", "arrivals_per_week", "hour_of_week", "arrivals_at", "monthly",
        "channels", "deadline_days", "deadline_hours", "afternoon_cutoff", "level", "full_online_share", "fee",
        "digitized", "e_result", "missing_due_share", "supplement", "priority", "steps",
    ]
    static let channelKeys = SimChannel.allCases.map(\.scenarioName)
    static let feeKeys = ["share", "online_payment", "counter_online_payment"]
    static let supplementKeys = ["probability", "repeat_probability", "delay", "at_step", "rework_share"]
    static let stepKeys = [
        "name", "pool", "service", "channels", "returns_result", "relative_to_due", "service_with_supplement",
    ]
    /// The parameters of each distribution kind, beside `dist` and `unit`.
    static let distributionParameters: [(kind: String, keys: [String])] = [
        ("constant", ["value"]), ("exponential", ["mean", "rate"]), ("lognormal", ["mean", "sd", "mu", "sigma"]),
        ("gamma", ["mean", "sd", "shape", "scale"]), ("triangular", ["min", "mode", "max"]),
        ("uniform", ["min", "max"]), ("empirical", ["values", "probabilities"]),
    ]

    /// The top-level keys that some value refers to as `"$key"`: the scenario's knobs.
    static func knobs(_ tree: JSONValue) -> [String] {
        var found: [String] = []
        func visit(_ v: JSONValue) {
            switch v {
            case .string(let s) where s.hasPrefix("$"):
                let name = String(s.dropFirst())
                if !found.contains(name) { found.append(name) }
            case .array(let items): items.forEach(visit)
            case .object(let members): members.forEach { visit($0.value) }
            default: break
            }
        }
        visit(tree)
        return found
    }

    /// The keys an object at `position` may hold; nil where any name is allowed.
    static func allowedKeys(_ position: Position, value: JSONValue?, root: JSONValue, original: JSONValue? = nil)
        -> [String]?
    {
        switch position {
        case .top:
            var names = knobs(root)
            if let original { names += knobs(original).filter { !names.contains($0) } }
            return topKeys + names.filter { !topKeys.contains($0) }
        case .pools, .procedures: return nil
        case .pool: return poolKeys
        case .procedure: return procedureKeys
        case .arrivals: return ["scale"]
        case .channels: return channelKeys
        case .fee: return feeKeys
        case .supplement: return supplementKeys
        case .step: return stepKeys
        case .distribution:
            var kind = "exponential"
            if case .string(let k)? = value?["dist"] { kind = k }
            // An unknown kind is reported by the reader, with the kinds there are.
            let parameters =
                distributionParameters.first { $0.kind == kind }?.keys
                ?? distributionParameters.flatMap(\.keys).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            return ["dist", "unit"] + parameters
        case .steps, .list, .leaf: return []
        }
    }

    /// The position of member `key` of a value at `position`.
    static func position(after position: Position, key: String) -> Position {
        switch (position, key) {
        case (.top, "arrivals"): return .arrivals
        case (.top, "pools"): return .pools
        case (.top, "procedures"): return .procedures
        case (.top, "steps"), (.procedure, "steps"): return .steps
        case (.top, "calendar_files"): return .list
        case (.pools, _): return .pool
        case (.procedures, _): return .procedure
        case (.steps, _): return .step
        case (.procedure, "channels"): return .channels
        case (.procedure, "fee"): return .fee
        case (.procedure, "supplement"): return .supplement
        case (.procedure, "hour_of_week"), (.procedure, "monthly"), (.procedure, "arrivals_at"): return .list
        case (.supplement, "delay"), (.step, "service"), (.step, "service_with_supplement"): return .distribution
        case (.step, "channels"), (.distribution, "values"), (.distribution, "probabilities"): return .list
        default: return .leaf
        }
    }

    /// `value` with `"$knob"` references followed to the top-level value they name.
    static func resolved(_ value: JSONValue, root: JSONValue) -> JSONValue {
        var v = value
        var hops = 0
        while case .string(let s) = v, s.hasPrefix("$"), let target = root[String(s.dropFirst())], hops < 16 {
            v = target
            hops += 1
        }
        return v
    }

    static func unknownKey(_ key: String, at path: String, allowed: [String]) -> ScenarioError {
        let full = path.isEmpty ? key : path + "." + key
        let hint = ClosestName.match(key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        let list = allowed.isEmpty ? "no keys are allowed here" : "allowed here: " + allowed.joined(separator: ", ")
        return ScenarioError(full, "unknown key '\(key)' (\(list))\(hint)")
    }

    /// Checks every object of the scenario for keys it does not know; the knobs of `original`
    /// (the file before overrides) count as known.
    static func check(_ root: JSONValue, knobsOf original: JSONValue? = nil) throws(ScenarioError) {
        try check(root, at: .top, path: "", root: root, original: original)
    }

    static func check(
        _ raw: JSONValue, at position: Position, path: String, root: JSONValue, original: JSONValue? = nil
    ) throws(ScenarioError) {
        let value = position == .top ? raw : resolved(raw, root: root)
        switch value {
        case .object(let members):
            if let allowed = allowedKeys(position, value: value, root: root, original: original), position != .leaf {
                for m in members where !allowed.contains(m.key) {
                    throw unknownKey(m.key, at: path, allowed: allowed)
                }
            }
            guard position != .leaf else { return }
            for m in members {
                let child = path.isEmpty ? m.key : path + "." + m.key
                try check(m.value, at: ScenarioSchema.position(after: position, key: m.key), path: child, root: root)
            }
        case .array(let items) where position == .steps:
            for (i, item) in items.enumerated() { try check(item, at: .step, path: "\(path).\(i)", root: root) }
        default:
            return
        }
    }

    /// Checks that a `--set` path names a value the scenario has, or a key allowed where it
    /// points: pools, procedures and array items must exist (a typo must not create a new pool).
    static func checkOverride(_ path: [String], in root: JSONValue) throws(ScenarioError) {
        var position = Position.top
        var value: JSONValue? = root
        var walked = ""
        for key in path {
            let here = value.map { position == .top ? $0 : resolved($0, root: root) }
            let full = walked.isEmpty ? key : walked + "." + key
            switch position {
            case .top where !topKeys.contains(key) && knobs(root).contains(key):
                return  // a knob: its shape is for the values that refer to it
            case .pools, .procedures:
                let names = here?.members?.map(\.key) ?? []
                guard names.contains(key) else {
                    let what = position == .pools ? "pool" : "procedure"
                    let hint = ClosestName.match(key, in: names).map { "; did you mean '\($0)'?" } ?? ""
                    throw ScenarioError(
                        full, "no \(what) named '\(key)' (the scenario has \(names.joined(separator: ", ")))\(hint)")
                }
            case .steps, .list:
                var count = 0
                if case .array(let items)? = here { count = items.count }
                guard let i = Int(key), (0..<count).contains(i) else {
                    throw ScenarioError(
                        full,
                        count == 0 ? "\(walked) has no items to set" : "expected an index from 0 to \(count - 1)")
                }
            case .leaf:
                throw ScenarioError(full, "\(walked) is a single value, it has no '\(key)'")
            default:
                if let allowed = allowedKeys(position, value: here, root: root), !allowed.contains(key) {
                    throw unknownKey(key, at: walked, allowed: allowed)
                }
            }
            if position == .steps || position == .list {
                if case .array(let items)? = here, let i = Int(key) { value = items[i] }
            } else {
                value = here?[key]
            }
            position = ScenarioSchema.position(after: position, key: key)
            walked = full
        }
    }
}
