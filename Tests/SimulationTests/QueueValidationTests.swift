import Foundation
import Testing

@testable import Simulation

/// Erlang C, computed here independently of the simulator: the probability that an arrival
/// waits in M/M/c, through the Erlang B recursion.
func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
    var b = 1.0
    for k in 1...c { b = a * b / (Double(k) + a * b) }
    return Double(c) * b / (Double(c) - a * (1 - b))
}

func mmcScenario(lambda: Double, mu: Double, servers: Int) throws -> Scenario {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Datasets/scenarios/mmc.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try Scenario.read(
        text: text,
        overrides: [
            ("arrival_rate", .number(lambda)), ("service_rate", .number(mu)), ("servers", .number(Double(servers))),
        ])
}

@Suite("M/M/c validation against Erlang C and Little's law")
struct QueueValidationTests {
    struct Case: CustomStringConvertible, Sendable {
        var servers: Int
        var utilization: Double
        var customers: Int
        var description: String { "M/M/\(servers) at rho=\(utilization)" }
    }

    /// Run lengths that keep the debug test suite to a few seconds. The estimators of the mean
    /// wait near saturation need millions of customers for a 2% tolerance (see the long test
    /// below), so this test checks Erlang C against the replications' interval, the 2% tolerance
    /// where the run is long enough for it, and Little's law on every replication.
    static let cases: [Case] = [
        Case(servers: 1, utilization: 0.5, customers: 20_000), Case(servers: 1, utilization: 0.8, customers: 20_000),
        Case(servers: 1, utilization: 0.9, customers: 20_000), Case(servers: 10, utilization: 0.5, customers: 20_000),
        Case(servers: 10, utilization: 0.8, customers: 20_000), Case(servers: 10, utilization: 0.9, customers: 20_000),
    ]

    func check(
        _ k: Case, replications: Int, strictTolerance: Bool, waitTolerance: Double = 0.02, pWaitTolerance: Double = 0.02
    ) throws {
        let mu = 1.0
        let lambda = k.utilization * Double(k.servers) * mu
        let model = ServiceCenterModel(scenario: try mmcScenario(lambda: lambda, mu: mu, servers: k.servers))
        let seed: UInt64 = 20_261_123
        let result = Experiment.run(
            model, seed: seed, replications: replications, workers: 2,
            length: RunLength(customers: k.customers, warmup: .customers(k.customers / 20)))
        let pWait = erlangC(servers: k.servers, offeredLoad: lambda / mu)
        let meanWait = pWait / (Double(k.servers) * mu - lambda)
        let w = result.estimate("mean_wait_hours")!
        let p = result.estimate("p_wait")!
        let u = result.estimate("utilization")!
        let message =
            "\(k) seed \(seed): wait \(w.mean) ± \(w.halfWidth) vs \(meanWait); P(wait) \(p.mean) ± \(p.halfWidth) vs \(pWait)"
        #expect(w.mean.isFinite && p.mean.isFinite && u.mean.isFinite, "\(message)")
        if strictTolerance {
            // The interval must be narrow enough for the tolerance to mean something.
            #expect(w.halfWidth / meanWait < waitTolerance / 2, "\(message)")
            #expect(p.halfWidth / pWait < pWaitTolerance / 2, "\(message)")
            #expect(abs(w.mean - meanWait) / meanWait < waitTolerance, "\(message)")
            #expect(abs(p.mean - pWait) / pWait < pWaitTolerance, "\(message)")
        } else {
            // 99.9% interval (t quantile ~ 1.6x the 95% one for these replication counts).
            #expect(abs(w.mean - meanWait) <= 1.7 * w.halfWidth, "\(message)")
            #expect(abs(p.mean - pWait) <= 1.7 * p.halfWidth, "\(message)")
            // The 2% tolerance wherever this run length resolves it.
            if p.halfWidth / pWait < 0.008 { #expect(abs(p.mean - pWait) / pWait < 0.02, "\(message)") }
            if w.halfWidth / meanWait < 0.008 { #expect(abs(w.mean - meanWait) / meanWait < 0.02, "\(message)") }
        }
        #expect(abs(u.mean - k.utilization) < 0.02, "\(message); utilization \(u.mean)")
        for (r, rep) in result.replications.enumerated() {
            // L = lambda W on the measured window of every replication.
            #expect(
                abs(rep.littleL - rep.littleLambdaW) / rep.littleL < 0.01,
                "\(k) replication \(r): L \(rep.littleL) vs lambda W \(rep.littleLambdaW)")
            #expect(rep.metrics.customers == k.customers)
        }
    }

    @Test("Mean wait and P(wait) agree with Erlang C; Little's law holds", arguments: cases)
    func erlangCAgreement(_ k: Case) throws {
        try check(k, replications: 5, strictTolerance: false)
    }

    /// The strict 2% check on long runs: `TTHC_LONG_TESTS=1 swift test -c release --filter QueueValidation`.
    @Test(
        "Within 2% of Erlang C on long runs",
        .enabled(if: ProcessInfo.processInfo.environment["TTHC_LONG_TESTS"] != nil),
        arguments: cases)
    func erlangCLong(_ k: Case) throws {
        var long = k
        long.customers = 2_000_000
        try check(long, replications: 10, strictTolerance: true)
    }

    /// The strict check at a size CI affords (a few seconds in a debug build): moderate loads,
    /// where 8 x 125,000 customers resolve P(wait) and the mean wait to about 1% and 3% (95%
    /// half-widths, checked to be under half the tolerance).
    static let ciCases: [Case] = [
        Case(servers: 1, utilization: 0.5, customers: 125_000), Case(servers: 2, utilization: 0.5, customers: 125_000),
    ]

    @Test("Within 6% (mean wait) and 2% (P(wait)) of Erlang C on CI-sized runs", arguments: ciCases)
    func erlangCStrictCI(_ k: Case) throws {
        try check(k, replications: 8, strictTolerance: true, waitTolerance: 0.06, pWaitTolerance: 0.02)
    }

    @Test("The same seed gives the same figures whatever the number of workers")
    func independentOfWorkers() throws {
        let model = ServiceCenterModel(scenario: try mmcScenario(lambda: 4, mu: 1, servers: 5))
        let length = RunLength(customers: 3000)
        let one = Experiment.runReplications(model, seed: 9, replications: 5, workers: 1, length: length)
        for workers in [2, 3, 8] {
            let many = Experiment.runReplications(model, seed: 9, replications: 5, workers: workers, length: length)
            for r in 0..<5 {
                #expect(
                    one[r].metrics.values.map(\.bitPattern) == many[r].metrics.values.map(\.bitPattern),
                    "workers \(workers) replication \(r)")
                #expect(one[r].counts == many[r].counts)
            }
        }
        let otherSeed = Experiment.runReplications(model, seed: 10, replications: 1, workers: 1, length: length)
        let wait = one[0].metrics.meanWaitHours, otherWait = otherSeed[0].metrics.meanWaitHours
        #expect(wait.isFinite && otherWait.isFinite, "mean waits \(wait), \(otherWait)")
        #expect(otherWait != wait)
    }

    @Test("Paired comparison: identical scenarios differ by exactly 0; one more server never increases a wait")
    func commonRandomNumbers() throws {
        let a = ServiceCenterModel(scenario: try mmcScenario(lambda: 8.5, mu: 1, servers: 10))
        let b = ServiceCenterModel(scenario: try mmcScenario(lambda: 8.5, mu: 1, servers: 11))
        let length = RunLength(customers: 5000)
        let same = Experiment.compare(a, a, seed: 3, replications: 4, workers: 2, length: length)
        for row in same.rows where !row.difference.mean.isNaN {
            #expect(row.difference.mean == 0, "\(row.name)")
        }
        // With common random numbers each customer keeps its arrival time and service time, and
        // FIFO waits are non-increasing in the number of servers, replication by replication.
        let cmp = Experiment.compare(a, b, seed: 3, replications: 4, workers: 2, length: length)
        let wait = cmp.rows.first { $0.name == "mean_wait_hours" }!
        #expect(wait.difference.mean < 0)
        #expect(wait.difference.upper < 0, "difference CI \(wait.difference.lower)...\(wait.difference.upper)")
        #expect(wait.difference.halfWidth < wait.a.halfWidth, "pairing should narrow the interval")
    }
}
