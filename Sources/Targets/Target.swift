import Foundation
import Metrics
import _TextSupport

/// How a KPI is compared with its threshold.
public enum Comparison: String, CaseIterable, Hashable, Sendable {
    case atLeast = ">="
    case greater = ">"
    case atMost = "<="
    case less = "<"
    case equal = "="

    /// Whether `lhs OP rhs`.
    @inlinable
    public func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .atLeast: return lhs >= rhs
        case .greater: return lhs > rhs
        case .atMost: return lhs <= rhs
        case .less: return lhs < rhs
        case .equal: return lhs == rhs
        }
    }
}

/// A non-negative decimal threshold kept exact: `units / 10^scale` (`99.5` is 995 / 10^1).
///
/// Exactness matters at the boundary: 99% of 4,100 dossiers is 4,059 exactly, and a `Double`
/// comparison of 4,059 / 4,100 x 100 against 99 may land on either side.
public struct Threshold: Hashable, Sendable, CustomStringConvertible {
    public var units: Int
    public var scale: Int

    /// The largest number of decimals accepted.
    public static let maxScale = 4

    public init(units: Int, scale: Int) {
        precondition(units >= 0 && scale >= 0 && scale <= Threshold.maxScale)
        self.units = units
        self.scale = scale
    }

    public init(_ integer: Int) { self.init(units: integer, scale: 0) }

    /// `10^scale`.
    public var denominator: Int {
        var d = 1
        for _ in 0..<scale { d *= 10 }
        return d
    }

    public var value: Double { Double(units) / Double(denominator) }

    /// Parses `99`, `99.5`, `0.25`; nil for negative numbers, exponents, more than 4 decimals or
    /// more than 12 integer digits.
    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first, !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var units = Int(whole)!
        var scale = 0
        if pieces.count == 2 {
            let fraction = pieces[1]
            guard !fraction.isEmpty, fraction.count <= Threshold.maxScale,
                fraction.allSatisfy({ $0.isASCII && $0.isNumber })
            else { return nil }
            for digit in fraction {
                units = units * 10 + Int(String(digit))!
                scale += 1
            }
        }
        // Drop trailing zeros so 99.50 and 99.5 are the same threshold.
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        self.init(units: units, scale: scale)
    }

    /// The shortest exact decimal text.
    public var description: String {
        if scale == 0 { return String(units) }
        let d = denominator
        var fraction = String(units % d)
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        return "\(units / d).\(fraction)"
    }
}

/// A count that a target can name: every count of `KPICounts` by its JSON name, plus a few
/// differences that plans ask about.
public struct CountMetric: Hashable, Sendable, CustomStringConvertible {
    /// The JSON name (`in_progress_overdue`).
    public let name: String

    init(name: String) { self.name = name }

    /// Counts that are differences of the stored counts.
    public static let derived: [(name: String, help: String)] = [
        ("late_without_apology", "late - late_with_apology"),
        ("in_person", "received - online - postal"),
    ]

    /// Every name a count target accepts (JSON spelling).
    public static var allNames: [String] { KPICounts.fields.map(\.name) + derived.map(\.name) }

    /// Other spellings users type, mapped to JSON names.
    static let aliases: [String: String] = [
        "overdue_in_progress": "in_progress_overdue", "overdue": "in_progress_overdue",
        "within_in_progress": "in_progress_within", "electronic_result": "e_result",
    ]

    /// `late`, `in-progress-overdue`, `in_progress_overdue`, `overdue-in-progress` ...
    public init?(_ text: String) {
        let snake = text.lowercased().replacingOccurrences(of: "-", with: "_")
        let name = CountMetric.aliases[snake] ?? snake
        guard CountMetric.allNames.contains(name) else { return nil }
        self.name = name
    }

    public func value(in counts: KPICounts) -> Int {
        switch name {
        case "late_without_apology": return counts.late - counts.lateWithApology
        case "in_person": return counts.received - counts.online - counts.postal
        default:
            let field = KPICounts.fields.first { $0.name == name }!
            return counts[keyPath: field.keyPath]
        }
    }

    /// The name as users type it (`in-progress-overdue`).
    public var description: String { name.replacingOccurrences(of: "_", with: "-") }
}

/// What a target measures: a rate KPI (percent) or a count.
public enum TargetMetric: Hashable, Sendable, CustomStringConvertible {
    case rate(KPI)
    case count(CountMetric)

    /// A KPI name (`on-time`, also `on_time`) is the rate; any other count name is the count.
    /// Counts that share a KPI's name (`online`, `on_time`, `full_online`, `e_result`) are named
    /// with the prefix `count:` (`count:online>=100`), which any count may carry.
    public init?(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("count:") {
            guard let count = CountMetric(String(lower.dropFirst(6))) else { return nil }
            self = .count(count)
        } else if let kpi = KPI(rawValue: lower.replacingOccurrences(of: "_", with: "-")) {
            self = .rate(kpi)
        } else if let count = CountMetric(lower) {
            self = .count(count)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .rate(let kpi): return kpi.rawValue
        case .count(let count):
            let plain = count.description
            return KPI(rawValue: plain) == nil ? plain : "count:" + plain
        }
    }

    public var isRate: Bool {
        if case .rate = self { return true }
        return false
    }
}

/// One target: a metric, a comparison and a threshold (`on-time>=99`, `late<=0`).
///
/// Rates are in percent; counts are whole dossiers. Every comparison is exact integer arithmetic:
/// a rate `n / d` meets `>= t` when `100 * n * 10^s >= units * d` for `t = units / 10^s`.
public struct Target: Hashable, Sendable, CustomStringConvertible {
    public var metric: TargetMetric
    public var comparison: Comparison
    public var threshold: Threshold

    public init(_ metric: TargetMetric, _ comparison: Comparison, _ threshold: Threshold) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Parses `NAME OP NUMBER` with optional spaces and an optional `%` after a rate threshold.
    public static func parse(_ text: String) throws(TargetError) -> Target {
        let trimmed = text.filter { !$0.isWhitespace }
        guard let opStart = trimmed.firstIndex(where: { "<>=".contains($0) }) else {
            throw TargetError(text: text, reason: "expected NAME OP NUMBER with OP one of >=, >, <=, <, =")
        }
        let name = String(trimmed[..<opStart])
        var rest = trimmed[opStart...]
        let op: Comparison
        if rest.hasPrefix(">=") {
            op = .atLeast
        } else if rest.hasPrefix("<=") {
            op = .atMost
        } else if rest.hasPrefix(">") {
            op = .greater
        } else if rest.hasPrefix("<") {
            op = .less
        } else {
            op = .equal
        }
        rest = rest.dropFirst(op.rawValue.count)
        if rest.hasPrefix("=") && op == .equal { rest = rest.dropFirst() }  // accept `==`
        guard !name.isEmpty, let metric = TargetMetric(name) else {
            let known =
                KPI.allCases.map(\.rawValue) + CountMetric.allNames.map { $0.replacingOccurrences(of: "_", with: "-") }
            throw TargetError(
                text: text,
                reason: "unknown KPI or count '\(name)'\(Suggestion.didYouMean(name, among: known)); expected one of "
                    + known.joined(separator: ", "))
        }
        var number = String(rest)
        if metric.isRate, number.hasSuffix("%") { number.removeLast() }
        guard let threshold = Threshold(number) else {
            throw TargetError(
                text: text, reason: "expected a non-negative number with at most 4 decimals after \(op.rawValue)")
        }
        if case .count = metric, threshold.scale > 0 {
            throw TargetError(text: text, reason: "a count target needs a whole number of dossiers")
        }
        return Target(metric, op, threshold)
    }

    /// The canonical text, which `parse` reads back.
    public var description: String { "\(metric)\(comparison.rawValue)\(threshold)" }

    /// The target as people say it: `on-time >= 99%`.
    public var displayText: String {
        "\(metric) \(comparison.rawValue) \(threshold)" + (metric.isRate ? "%" : "")
    }

    /// The integer `x` under test and the range it could take with the denominator held fixed.
    func subject(_ counts: KPICounts) -> (value: Int, denominator: Int?) {
        switch metric {
        case .rate(let kpi):
            let rate = counts.rate(kpi)
            return (rate.numerator, rate.denominator)
        case .count(let count):
            return (count.value(in: counts), nil)
        }
    }

    /// Whether `x` meets the target: `x * scaleFactor OP bound` (see the type's discussion).
    func meets(_ x: Int, denominator: Int?) -> Bool {
        let (factor, bound) = linearForm(denominator: denominator)
        return comparison.holds(Int128(x) * factor, bound)
    }

    /// The target as `x * factor OP bound` on the integer `x`, in 128 bits so no threshold or
    /// volume can overflow.
    func linearForm(denominator: Int?) -> (factor: Int128, bound: Int128) {
        if let d = denominator {
            return (100 * Int128(threshold.denominator), Int128(threshold.units) * Int128(d))
        }
        return (Int128(threshold.denominator), Int128(threshold.units))
    }

    /// Evaluates the target against `counts`. A rate with an empty denominator has no value and
    /// is reported as `noData` (neither met nor missed).
    public func evaluate(_ counts: KPICounts) -> TargetEvaluation {
        let (x, denominator) = subject(counts)
        if let d = denominator, d == 0 {
            return TargetEvaluation(target: self, status: .noData, value: x, denominator: d, gap: nil)
        }
        if meets(x, denominator: denominator) {
            return TargetEvaluation(target: self, status: .met, value: x, denominator: denominator, gap: nil)
        }
        return TargetEvaluation(
            target: self, status: .missed, value: x, denominator: denominator,
            gap: Target.gap(
                x: x, comparison: comparison, linear: linearForm(denominator: denominator), upper: denominator))
    }

    /// The smallest change of `x` (within `0...upper`, `upper` nil meaning unbounded) after which
    /// `x * factor OP bound` holds.
    ///
    /// With the denominator held fixed, a change of `x` by `k` means `k` dossiers moving from the
    /// bad side of the rate to the good side (or back, for `<=` and `<`).
    /// - Complexity: O(1).
    static func gap(x: Int, comparison: Comparison, linear: (factor: Int128, bound: Int128), upper: Int?) -> Gap {
        let (a, b) = linear  // a > 0, b >= 0
        let limit = Int128(upper ?? Int.max)
        let x = Int128(x)
        func floorDiv(_ p: Int128, _ q: Int128) -> Int128 { p >= 0 ? p / q : -((-p + q - 1) / q) }
        func ceilDiv(_ p: Int128, _ q: Int128) -> Int128 { -floorDiv(-p, q) }
        switch comparison {
        case .atLeast, .greater:
            // Smallest x' with x' * a >= b (or > b).
            let needed = comparison == .atLeast ? ceilDiv(b, a) : floorDiv(b, a) + 1
            if x >= needed { return .dossiers(0) }
            return needed <= limit ? .dossiers(Int(needed - x)) : .impossible
        case .atMost, .less:
            // Largest x' with x' * a <= b (or < b).
            let allowed = comparison == .atMost ? floorDiv(b, a) : ceilDiv(b, a) - 1
            if x <= allowed { return .dossiers(0) }
            return allowed >= 0 ? .dossiers(Int(allowed - x)) : .impossible
        case .equal:
            guard b % a == 0, b / a <= limit else { return .impossible }
            return .dossiers(Int(b / a - x))
        }
    }
}

/// A target text that could not be read.
public struct TargetError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid target '\(text)': \(reason)" }
}

/// How far a missed target is from being met, with the denominator held fixed.
public enum Gap: Hashable, Sendable {
    /// The signed change of the numerator (or count) needed: +41 means 41 more dossiers on the
    /// good side of the rate, -3 means 3 fewer.
    case dossiers(Int)
    /// No number of dossiers moving sides can meet the target at this volume (`> 100`, `< 0`,
    /// or `=` a percentage that no whole number of dossiers gives).
    case impossible
}

/// The verdict of one target on one set of counts.
public struct TargetEvaluation: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case met
        case missed
        /// A rate whose denominator is 0: nothing to judge.
        case noData = "no-data"
    }

    public var target: Target
    public var status: Status
    /// The numerator of the rate, or the count.
    public var value: Int
    /// The denominator of the rate; nil for a count target.
    public var denominator: Int?
    /// Set when `status == .missed`.
    public var gap: Gap?

    /// The measured value in the target's unit: percent for a rate, dossiers for a count.
    public var measured: Double? {
        guard let d = denominator else { return Double(value) }
        return d == 0 ? nil : Double(value) * 100 / Double(d)
    }
}
