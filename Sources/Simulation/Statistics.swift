#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Running mean and variance (Welford), mergeable.
public struct RunningStatistics: Sendable, Hashable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// Sample variance (n - 1 denominator); NaN below two values.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }
    public var standardDeviation: Double { variance.squareRoot() }
}

/// A KPI estimated over replications: mean and the half-width of its 95% confidence interval
/// from Student's t with n - 1 degrees of freedom (NaN with fewer than two replications).
public struct Estimate: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double
    public var halfWidth: Double

    public init(values: [Double]) {
        var s = RunningStatistics()
        for v in values where !v.isNaN { s.add(v) }
        count = s.count
        mean = s.count > 0 ? s.mean : .nan
        standardDeviation = s.standardDeviation
        halfWidth =
            s.count > 1
            ? studentT975(degreesOfFreedom: s.count - 1) * s.standardDeviation / Double(s.count).squareRoot() : .nan
    }

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }
}

/// The 0.975 quantile of Student's t distribution with `df` degrees of freedom.
///
/// Exact table to 30, then the Cornish-Fisher expansion around the normal quantile (error below
/// 1e-4 for df > 30).
public func studentT975(degreesOfFreedom df: Int) -> Double {
    let table: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ]
    precondition(df >= 1, "degrees of freedom must be positive")
    if df <= 30 { return table[df - 1] }
    let z = 1.959963984540054
    let n = Double(df)
    let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
}
