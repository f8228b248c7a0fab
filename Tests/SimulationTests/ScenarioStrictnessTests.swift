import Testing
import _TextSupport

@testable import Simulation

/// A scenario never ignores what it does not understand: an unknown key or `--set` path, and a
/// value out of range, are errors naming the path, the keys allowed there and the closest one.
@Suite("Strict scenarios")
struct ScenarioStrictnessTests {
    static let base = """
        { "name": "t", "start": "2026-03-02", "calendar": "office", "rate": 2,
          "pools": { "land": { "size": 2, "discipline": "edf" } },
          "procedures": { "p": { "code": "X", "rate_per_hour": "$rate", "deadline_days": 3,
              "supplement": { "probability": 0.1, "delay": { "dist": "constant", "value": 1 } },
              "steps": [ { "name": "processing", "pool": "land",
                           "service": { "dist": "gamma", "mean": 1, "sd": 0.5 } } ] } } }
        """

    /// The error of reading `text` with `overrides`, or nil when it reads.
    func error(_ text: String = base, _ overrides: [(String, JSONValue)] = []) -> ScenarioError? {
        do {
            _ = try Scenario.read(text: text, overrides: overrides.map { (path: $0.0, value: $0.1) })
            return nil
        } catch let e as ScenarioError {
            return e
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    func replacing(_ old: String, _ new: String) -> String {
        precondition(Self.base.contains(old))
        return Self.base.replacingOccurrences(of: old, with: new)
    }

    @Test("The base scenario reads, and its knob can be set")
    func baseReads() throws {
        #expect(error() == nil)
        let s = try Scenario.read(text: Self.base, overrides: [(path: "rate", value: .number(5))])
        guard case .constant(let perSecond) = s.procedures[0].arrivals else {
            Issue.record("expected a constant rate")
            return
        }
        #expect(abs(perSecond * 3600 - 5) < 1e-12)
    }

    @Test(
        "Misspelt keys in the file name the path, the keys allowed and the closest",
        arguments: [
            (#""size": 2"#, #""sise": 2"#, "pools.land.sise", "size"),
            (#""supplement": {"#, #""suplement": {"#, "procedures.p.suplement", "supplement"),
            (#""deadline_days": 3"#, #""deadline_day": 3"#, "procedures.p.deadline_day", "deadline_days"),
            (#""probability": 0.1"#, #""probabilty": 0.1"#, "procedures.p.supplement.probabilty", "probability"),
            (#""sd": 0.5"#, #""sd": 0.5, "mode": 1"#, "procedures.p.steps.0.service.mode", nil),
            (#""name": "processing""#, #""nmae": "processing""#, "procedures.p.steps.0.nmae", "name"),
        ] as [(String, String, String, String?)])
    func unknownKeyInFile(old: String, new: String, path: String, closest: String?) throws {
        let e = try #require(error(replacing(old, new)))
        #expect(e.path == path)
        #expect(e.message.contains("unknown key"))
        #expect(e.message.contains("allowed here:"))
        if let closest { #expect(e.message.contains("did you mean '\(closest)'?"), "\(e)") }
        #expect(!e.fromOverride)
    }

    @Test("A top-level key nothing refers to is unknown; one a value refers to is a knob")
    func knobs() throws {
        let e = try #require(error(replacing(#""rate": 2,"#, #""rate": 2, "foo": 1,"#)))
        #expect(e.path == "foo")
        #expect(error(replacing(#""rate": 2,"#, #""rate": 2, "unused": 1,"#))?.path == "unused")
    }

    @Test(
        "--set paths must name what the scenario has",
        arguments: [
            ("pools.land.sise", "pools.land.sise", "did you mean 'size'?"),
            ("pools.lnad.size", "pools.lnad", "did you mean 'land'?"),
            ("foo", "foo", "allowed here:"),
            ("procedures.p.steps.3.service.mean", "procedures.p.steps.3", "expected an index from 0 to 0"),
            ("procedures.p.code.x", "procedures.p.code.x", "is a single value"),
            (
                "procedures.p.steps.0.service.rate", "procedures.p.steps.0.service.rate",
                "allowed here: dist, unit, mean, sd, shape, scale"
            ),
        ])
    func unknownOverride(path: String, errorPath: String, says: String) throws {
        let e = try #require(error(Self.base, [(path, .number(4))]))
        #expect(e.fromOverride)
        #expect(e.path == errorPath, "\(e)")
        #expect(e.message.contains(says), "\(e)")
        #expect(e.description.hasPrefix("--set \(errorPath): "))
    }

    @Test("A --set of an allowed key that is not in the file yet is fine")
    func allowedNewKey() {
        #expect(error(Self.base, [("procedures.p.digitized", .number(0.5))]) == nil)
        #expect(error(Self.base, [("arrivals.scale", .number(2))]) == nil)
    }

    @Test(
        "Values out of range are errors",
        arguments: [
            ("pools.land.size", JSONValue.number(0), "pools.land.size"),
            ("pools.land.size", .number(2.5), "pools.land.size"),
            ("procedures.p.supplement.probability", .number(1.5), "procedures.p.supplement.probability"),
            ("procedures.p.rate_per_hour", .number(-1), "procedures.p.rate_per_hour"),
            ("arrivals.scale", .number(-0.5), "arrivals.scale"),
            ("procedures.p.steps.0.service.mean", .number(0), "procedures.p.steps.0.service.mean"),
            ("procedures.p.steps.0.service.sd", .number(-1), "procedures.p.steps.0.service.sd"),
            ("procedures.p.deadline_days", .number(-2), "procedures.p.deadline_days"),
            ("procedures.p.digitized", .number(2), "procedures.p.digitized"),
            ("days", .number(0), "days"),
            ("start", .string("2150-01-01"), "start"),
        ])
    func outOfRange(path: String, value: JSONValue, errorPath: String) throws {
        let e = try #require(error(Self.base, [(path, value)]))
        #expect(e.path == errorPath, "\(e)")
        #expect(!e.fromOverride)
    }

    @Test("A service time with no positive mass is an error; a zero supplement delay is not")
    func noPositiveMass() throws {
        let constant = replacing(#"{ "dist": "gamma", "mean": 1, "sd": 0.5 }"#, #"{ "dist": "constant", "value": 0 }"#)
        #expect(error(constant)?.path == "procedures.p.steps.0.service.value")
        let empirical = replacing(
            #"{ "dist": "gamma", "mean": 1, "sd": 0.5 }"#, #"{ "dist": "empirical", "values": [0, 0, 0] }"#)
        #expect(error(empirical)?.path == "procedures.p.steps.0.service.values")
        let negative = replacing(
            #"{ "dist": "gamma", "mean": 1, "sd": 0.5 }"#, #"{ "dist": "uniform", "min": -1, "max": 1 }"#)
        #expect(error(negative)?.path == "procedures.p.steps.0.service.min")
        #expect(error(replacing(#""value": 1 }"#, #""value": 0 }"#)) == nil)
    }

    @Test("Keys that would hide each other are errors")
    func conflictingKeys() throws {
        let e = try #require(error(Self.base, [("procedures.p.deadline_hours", .number(4))]))
        #expect(e.path == "procedures.p" && e.message.contains("deadline_days, deadline_hours"), "\(e)")
        let arrivals = try #require(error(Self.base, [("procedures.p.arrivals_per_week", .number(4))]))
        #expect(arrivals.message.contains("not rate_per_hour and arrivals_per_week"), "\(arrivals)")
    }

    @Test("An unknown distribution names the kinds, with the closest")
    func unknownDistribution() throws {
        let e = try #require(error(Self.base, [("procedures.p.steps.0.service.dist", .string("gama"))]))
        #expect(e.path == "procedures.p.steps.0.service.dist")
        #expect(e.message.contains("did you mean 'gamma'?"), "\(e)")
    }

    @Test("The closest name: edit distance with transpositions, within a third of the length")
    func closestName() {
        #expect(ClosestName.match("sise", in: ["size", "discipline"]) == "size")
        #expect(ClosestName.match("ezis", in: ["size"]) == nil)
        #expect(ClosestName.match("dsicipline", in: ["size", "discipline"]) == "discipline")
        #expect(ClosestName.match("foo", in: ScenarioSchema.topKeys) == nil)
        #expect(ClosestName.match("LAND", in: ["land", "leader"]) == "land")
        // Reference values of the distance (Damerau-Levenshtein, optimal string alignment).
        let cases: [(String, String, Int)] = [
            ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ca", "ac", 1), ("abcd", "acbd", 1),
            ("suplement", "supplement", 1), ("deadline_day", "deadline_days", 1),
        ]
        for (a, b, d) in cases {
            #expect(ClosestName.distance(Array(a.unicodeScalars), Array(b.unicodeScalars)) == d, "\(a) \(b)")
        }
    }
}
