import Foundation
import Testing
import _TextSupport

@testable import Simulation

@Suite("Engine building blocks")
struct EngineTests {
    @Test("The event heap pops in (time, sequence) order, like a stable sort", arguments: [1, 2, 3, 42])
    func eventQueueMatchesStableSort(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        var queue = EventQueue()
        var reference: [(time: Double, sequence: Int)] = []
        var popped: [(time: Double, sequence: Int)] = []
        var sequence = 0
        for _ in 0..<3000 {
            if rng.uniform() < 0.6 || queue.isEmpty {
                // Few distinct times, so ties are frequent.
                let t = Double(Int(rng.uniform() * 20)) + (popped.last?.time ?? 0)
                queue.schedule(at: t, kind: 0, target: Int32(sequence))
                reference.append((t, sequence))
                sequence += 1
            } else {
                // Both removal styles; `takeFirst` removes lazily, on the next operation.
                let e = rng.uniform() < 0.5 ? queue.pop()! : queue.takeFirst()!
                popped.append((e.time, Int(e.target)))
                let best = reference.indices.min { a, b in
                    (reference[a].time, reference[a].sequence) < (reference[b].time, reference[b].sequence)
                }!
                #expect(reference[best].sequence == Int(e.target), "seed \(seed)")
                reference.remove(at: best)
            }
        }
        #expect(queue.count == reference.count)
    }

    @Test("Streams are reproducible and distinct by replication and purpose")
    func streams() {
        var a = Xoshiro256StarStar(seed: 7, replication: 3, purpose: 11)
        var b = Xoshiro256StarStar(seed: 7, replication: 3, purpose: 11)
        var c = Xoshiro256StarStar(seed: 7, replication: 4, purpose: 11)
        var d = Xoshiro256StarStar(seed: 7, replication: 3, purpose: 12)
        let xa = (0..<8).map { _ in a.next() }
        #expect(xa == (0..<8).map { _ in b.next() })
        #expect(xa != (0..<8).map { _ in c.next() })
        #expect(xa != (0..<8).map { _ in d.next() })
        #expect(streamPurpose("land") == streamPurpose("land"))
        #expect(streamPurpose("land") != streamPurpose("justice"))
    }

    @Test("xoshiro256** matches the reference implementation's first outputs")
    func xoshiroReference() {
        // State (1, 2, 3, 4): outputs of the C reference (prng.di.unimi.it/xoshiro256starstar.c).
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect(g.next() == 11520)
        #expect(g.next() == 0)
        #expect(g.next() == 1_509_978_240)
        #expect(g.next() == 1_215_971_899_390_074_240)
    }

    struct Moments: CustomStringConvertible, Sendable {
        var distribution: Distribution
        var mean: Double
        var variance: Double
        var description: String { "\(distribution)" }
    }

    static let moments: [Moments] = [
        Moments(distribution: .exponential(mean: 2), mean: 2, variance: 4),
        Moments(distribution: .lognormal(mean: 3, sd: 1.5), mean: 3, variance: 2.25),
        Moments(distribution: .gamma(shape: 2.5, scale: 2), mean: 5, variance: 10),
        Moments(distribution: .gamma(shape: 0.4, scale: 3), mean: 1.2, variance: 3.6),
        Moments(
            distribution: .triangular(min: 1, mode: 2, max: 6), mean: 3, variance: (1 + 4 + 36 - 2 - 6 - 12) / 18.0),
        Moments(distribution: .uniform(min: 2, max: 4), mean: 3, variance: 1.0 / 3),
        // Linear interpolation between sorted values 0, 1, 3: piecewise uniform on [0,1] and [1,3].
        Moments(distribution: .empirical([0, 1, 3]), mean: 1.25, variance: (1.0 / 3 + 13.0 / 3) / 2 - 1.5625),
    ]

    @Test("Samples have the distribution's mean and variance", arguments: moments)
    func sampleMoments(_ m: Moments) {
        var rng = Xoshiro256StarStar(seed: 2024, replication: 0, purpose: 1)
        var stats = RunningStatistics()
        for _ in 0..<120_000 { stats.add(m.distribution.sample(&rng)) }
        #expect(abs(stats.mean - m.mean) / m.mean < 0.015, "mean \(stats.mean) vs \(m.mean)")
        #expect(abs(stats.variance - m.variance) / m.variance < 0.05, "variance \(stats.variance) vs \(m.variance)")
        #expect(abs(m.distribution.mean - m.mean) < 1e-9)
    }

    @Test("Student t quantiles: table values and the large-df expansion")
    func studentT() {
        #expect(studentT975(degreesOfFreedom: 1) == 12.706)
        #expect(studentT975(degreesOfFreedom: 9) == 2.262)
        #expect(abs(studentT975(degreesOfFreedom: 40) - 2.0211) < 1e-3)
        #expect(abs(studentT975(degreesOfFreedom: 120) - 1.9799) < 1e-3)
        let e = Estimate(values: [1, 2, 3, 4, 5])
        #expect(e.mean == 3)
        #expect(abs(e.halfWidth - 2.776 * (2.5).squareRoot() / (5.0).squareRoot()) < 1e-12)
    }
}

@Suite("Scenario files")
struct ScenarioFileTests {
    static let text = """
        // a comment
        { "rate": 4, /* inline */ "servers": 2, "calendar": "24/7",
          "pools": { "desk": { "size": "$servers", "discipline": "edf" } },
          "procedures": { "p": { "rate_per_hour": "$rate", "deadline_days": 2,
              "steps": [ { "pool": "desk", "service": { "dist": "gamma", "mean": 30, "sd": 15, "unit": "minutes" } } ] } },
        }
        """

    @Test("Comments, $references and --set overrides")
    func readsAndOverrides() throws {
        let s = try Scenario.read(text: Self.text)
        #expect(s.pools[0].size == 2)
        #expect(s.pools[0].discipline == .earliestDueFirst)
        #expect(s.calendar == nil)
        guard case .constant(let r) = s.procedures[0].arrivals else { Issue.record("pattern"); return }
        #expect(abs(r - 4.0 / 3600) < 1e-15)
        #expect(abs(s.procedures[0].steps[0].service.mean - 1800) < 1e-9)

        let o = try Scenario.read(
            text: Self.text,
            overrides: [
                ("servers", .number(5)), ("pools.desk.discipline", .string("fifo")), ("arrivals.scale", .number(2)),
            ])
        #expect(o.pools[0].size == 5)
        #expect(o.pools[0].discipline == .fifo)
        guard case .constant(let r2) = o.procedures[0].arrivals else { Issue.record("pattern"); return }
        #expect(abs(r2 - 8.0 / 3600) < 1e-15)
    }

    @Test("Errors name the path and what was expected")
    func errors() {
        #expect(throws: ScenarioError.self) {
            try Scenario.read(text: Self.text, overrides: [("pools.desk.discipline", .string("lifo"))])
        }
        do {
            _ = try Scenario.read(text: Self.text, overrides: [("procedures.p.steps.0.pool", .string("nowhere"))])
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.path == "procedures.p.steps.0.pool")
            #expect(error.message.contains("desk"))
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: ScenarioError.self) { try Scenario.read(text: "{ \"pools\": ") }
    }

    @Test("JSON round trip keeps order and values")
    func jsonRoundTrip() throws {
        let v = try JSONValue.parse(#"{"b": [1, 2.5, "x\"y"], "a": {"z": null, "y": true}}"#)
        let again = try JSONValue.parse(v.text)
        #expect(v == again)
        #expect(v.members?.map(\.key) == ["b", "a"])
    }
}
