import Testing

@testable import Simulation
@testable import Targets

/// The verdict rule: met when the 95% interval clears the target, likely when only the mean
/// does, missed otherwise; significance of a paired difference.
@Suite("Verdicts against targets")
struct VerdictTests {
    /// An estimate with the given mean and half-width (two values either side of the mean).
    func estimate(_ mean: Double, _ halfWidth: Double?) -> Estimate {
        guard let halfWidth else { return Estimate(values: [mean]) }
        // Two values m ± d have sd d·√2 and half-width t(1)·d·√2/√2 = 12.706·d.
        let d = halfWidth / 12.706
        return Estimate(values: [mean - d, mean + d])
    }

    func target(_ text: String) throws -> Target { try Target.parse(text) }

    @Test("At least: the lower bound decides met, the mean likely")
    func atLeast() throws {
        let t = try target("on-time>=99")
        #expect(KPIVerdict.judge(estimate(99.5, 0.4), t) == .met)
        #expect(KPIVerdict.judge(estimate(99.5, 0.49), t) == .met)
        #expect(KPIVerdict.judge(estimate(99.5, 0.6), t) == .likely)
        #expect(KPIVerdict.judge(estimate(98.9, 0.05), t) == .missed)
        #expect(KPIVerdict.judge(estimate(99.0, 0.2), t) == .likely)
        // One replication: no interval, so at best likely.
        #expect(KPIVerdict.judge(estimate(100, nil), t) == .likely)
        #expect(KPIVerdict.judge(estimate(100, 0.1), try target("on-time>100")) == .missed)
    }

    @Test("At most: the upper bound decides met")
    func atMost() throws {
        let t = try target("late<=10")
        #expect(KPIVerdict.judge(estimate(8, 1.9), t) == .met)
        #expect(KPIVerdict.judge(estimate(9.5, 1), t) == .likely)
        #expect(KPIVerdict.judge(estimate(11, 0.5), t) == .missed)
    }

    @Test("Lines: on-time and progress always, then each simulated target; others listed as not simulated")
    func lines() throws {
        let targets = [
            try target("online>60"), try target("digitization>=100"), try target("progress>=95"),
            try target("late<=0"),
        ]
        let estimates: [String: Estimate] = [
            "on_time": estimate(98, 0.5), "progress": estimate(96, 0.5), "online": estimate(59, 2),
            "late": estimate(3, 1),
        ]
        let lines = KPIVerdict.lines(targets: targets, estimate: { estimates[$0] })
        #expect(lines.map(\.metric) == ["on_time", "progress", "online", "late"])
        #expect(lines[0].target == nil && lines[0].judgement == nil)
        #expect(lines[1].judgement == .met)
        #expect(lines[2].judgement == .likely || lines[2].judgement == .missed)
        #expect(lines[3].judgement == .missed)
        #expect(KPIVerdict.notSimulated(targets).map(\.description) == ["digitization>=100"])
    }

    @Test("A paired difference is significant when its interval excludes 0")
    func significance() {
        var v = KPIVerdict(
            metric: "on_time", target: nil, estimate: estimate(99, 0.1), baseline: estimate(98, 0.1),
            difference: estimate(1, 0.5), judgement: nil)
        #expect(v.significant == true)
        v.difference = estimate(-1, 0.5)
        #expect(v.significant == true)
        v.difference = estimate(0.3, 0.5)
        #expect(v.significant == false)
        v.difference = estimate(0.3, nil)
        #expect(v.significant == nil)
        v.difference = nil
        #expect(v.significant == nil)
    }

    @Test("Erlang C of the calibration agrees with the factorial formula")
    func erlangC() {
        // C(c, a) = (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! + (a^c / c!) (c / (c - a))).
        func reference(_ c: Int, _ a: Double) -> Double {
            var sum = 0.0, term = 1.0
            for k in 0..<c {
                if k > 0 { term *= a / Double(k) }
                sum += term
            }
            let last = term * a / Double(c) * Double(c) / (Double(c) - a)
            return last / (sum + last)
        }
        for (c, a) in [(1, 0.5), (2, 1.5), (3, 2.4), (10, 9.0), (25, 20.0)] {
            #expect(abs(ErlangC.waitProbability(servers: c, offered: a) - reference(c, a)) < 1e-12, "\(c) \(a)")
        }
        #expect(ErlangC.meanWait(servers: 2, offered: 2, meanService: 1).isInfinite)
        // W(3 staff, a = 2.4, S = 0.5 h) and its neighbours: the closest to each is found.
        let w3 = ErlangC.meanWait(servers: 3, offered: 2.4, meanService: 0.5)
        #expect(ErlangC.staff(offered: 2.4, meanService: 0.5, closestTo: w3) == 3)
        #expect(ErlangC.staff(offered: 2.4, meanService: 0.5, closestTo: w3 * 1.3) == 3)
        #expect(ErlangC.staff(offered: 2.4, meanService: 0.5, closestTo: w3 / 1.3) == 3)
        #expect(ErlangC.staff(offered: 2.4, meanService: 0.5, closestTo: 1000) == 3)
        let w5 = ErlangC.meanWait(servers: 5, offered: 2.4, meanService: 0.5)
        #expect(ErlangC.staff(offered: 2.4, meanService: 0.5, closestTo: w5) == 5)
    }
}
