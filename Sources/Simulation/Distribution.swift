#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A non-negative random duration or quantity, in the unit the scenario gives (converted to
/// seconds by the scenario reader).
public enum Distribution: Hashable, Sendable {
    case constant(Double)
    /// Exponential with this mean (sampled by the ziggurat method).
    case exponential(mean: Double)
    /// Lognormal of the underlying normal's `mu` and `sigma`.
    case lognormal(mu: Double, sigma: Double)
    /// Gamma of shape `k` and scale `theta` (mean k·theta), sampled by Marsaglia-Tsang.
    case gamma(shape: Double, scale: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case uniform(min: Double, max: Double)
    /// Observed values, sorted; sampled by linear interpolation of the empirical quantile
    /// function (a resample that stays inside the observed range).
    case empirical([Double])
    /// A piecewise-linear quantile function through the knots (`probabilities[k]`,
    /// `values[k]`): probabilities rise from 0 to 1, values never fall. Two knots at the same
    /// probability make a jump, so the mass on each side of a threshold (a deadline) is exact
    /// instead of smeared across it by the interpolation.
    case quantiles(values: [Double], probabilities: [Double])

    /// Lognormal with the given mean and standard deviation of the variable itself.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log(1 + sd * sd / (mean * mean))
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    public var mean: Double {
        switch self {
        case .constant(let c): return c
        case .exponential(let m): return m
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .gamma(let k, let theta): return k * theta
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .uniform(let a, let b): return (a + b) / 2
        case .empirical(let values):
            guard values.count > 1 else { return values.first ?? 0 }
            // Mean of the piecewise-linear quantile function.
            var total = 0.0
            for i in 1..<values.count { total += (values[i - 1] + values[i]) / 2 }
            return total / Double(values.count - 1)
        case .quantiles(let values, let probabilities):
            guard values.count > 1 else { return values.first ?? 0 }
            var total = 0.0
            for i in 1..<values.count {
                total += (values[i - 1] + values[i]) / 2 * (probabilities[i] - probabilities[i - 1])
            }
            return total
        }
    }

    /// The same distribution with every value multiplied by `factor`.
    public func scaled(by factor: Double) -> Distribution {
        switch self {
        case .constant(let c): return .constant(c * factor)
        case .exponential(let m): return .exponential(mean: m * factor)
        case .lognormal(let mu, let sigma): return .lognormal(mu: mu + log(factor), sigma: sigma)
        case .gamma(let k, let theta): return .gamma(shape: k, scale: theta * factor)
        case .triangular(let a, let c, let b): return .triangular(min: a * factor, mode: c * factor, max: b * factor)
        case .uniform(let a, let b): return .uniform(min: a * factor, max: b * factor)
        case .empirical(let values): return .empirical(values.map { $0 * factor })
        case .quantiles(let values, let probabilities):
            return .quantiles(values: values.map { $0 * factor }, probabilities: probabilities)
        }
    }

    @inlinable
    public func sample(_ rng: inout Xoshiro256StarStar) -> Double {
        sample(&rng, ziggurat: ExponentialZiggurat.shared)
    }

    /// `sample` with the exponential tables passed in (the engine holds them, saving the
    /// global's lazy-initialization check on every draw).
    @inlinable
    func sample(_ rng: inout Xoshiro256StarStar, ziggurat: ExponentialZiggurat) -> Double {
        switch self {
        case .constant(let c): return c
        case .exponential(let m): return ziggurat.sample(&rng) * m
        case .lognormal(let mu, let sigma): return exp(mu + sigma * Distribution.standardNormal(&rng))
        case .gamma(let k, let theta): return Distribution.standardGamma(k, &rng) * theta
        case .triangular(let a, let c, let b):
            let u = rng.uniform()
            let split = (c - a) / (b - a)
            return u < split ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .uniform(let a, let b): return a + (b - a) * rng.uniform()
        case .empirical(let values):
            guard values.count > 1 else { return values.first ?? 0 }
            let x = rng.uniform() * Double(values.count - 1)
            let i = Int(x)
            return values[i] + (values[i + 1] - values[i]) * (x - Double(i))
        case .quantiles(let values, let probabilities):
            return Distribution.quantile(values, probabilities, at: rng.uniform())
        }
    }

    /// The piecewise-linear quantile function of `.quantiles` at `u` in [0, 1).
    @usableFromInline
    static func quantile(_ values: [Double], _ probabilities: [Double], at u: Double) -> Double {
        guard values.count > 1 else { return values.first ?? 0 }
        // The last knot whose probability is <= u (binary search), then the segment after it.
        var lo = 0, hi = probabilities.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if probabilities[mid] <= u { lo = mid } else { hi = mid }
        }
        let width = probabilities[hi] - probabilities[lo]
        guard width > 0 else { return values[hi] }
        return values[lo] + (values[hi] - values[lo]) * ((u - probabilities[lo]) / width)
    }

    /// Standard normal by the Marsaglia polar method (one value used per call, so the stream
    /// position does not depend on a cached spare).
    @inlinable
    public static func standardNormal(_ rng: inout Xoshiro256StarStar) -> Double {
        while true {
            let u = 2 * rng.uniform() - 1
            let v = 2 * rng.uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// Gamma(k, 1) by Marsaglia and Tsang (2000); for k < 1, Gamma(k+1)·U^(1/k).
    @inlinable
    public static func standardGamma(_ k: Double, _ rng: inout Xoshiro256StarStar) -> Double {
        if k < 1 {
            let g = standardGamma(k + 1, &rng)
            return g * pow(rng.uniformPositive(), 1 / k)
        }
        let d = k - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = standardNormal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.uniformPositive()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
