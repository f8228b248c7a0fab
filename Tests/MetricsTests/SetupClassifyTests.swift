import CivilTime
import Records
import TestSupport
import Testing
import WorkingTime

@testable import Engine
@testable import Metrics

/// The accumulator classifies through `AccumulatorSetup`'s out-of-line copies of the
/// classifier's received path (one with terms, one where they are known to be nil). On seeded
/// random judged dossiers (finished or not, with or without a due, zero to three pauses, open
/// or closed, both clocks, strict or lenient), both must agree with `DossierClassifier.classify`.
@Suite struct SetupClassifyTests {
    static let start = TimestampParser.parse("2026-01-05T07:00")!.seconds

    static func randomInstant(_ rng: inout SplitMix64, after base: Int64, within days: Int) -> Timestamp {
        Timestamp(seconds: base + Int64(rng.below(days * 86_400)))
    }

    static func randomJudgedRecord(_ rng: inout SplitMix64) -> DossierRecord {
        var record = DossierRecord()
        record.status = [.received, .processing, .waitingForSupplement, .stopped, .finished, .returned][rng.below(6)]
        let received = randomInstant(&rng, after: start, within: 120)
        record.received = received
        if rng.below(4) != 0 { record.due = randomInstant(&rng, after: received.seconds, within: 20) }
        if rng.below(3) != 0 { record.processingEnd = randomInstant(&rng, after: received.seconds, within: 40) }
        if rng.below(5) == 0 { record.returned = randomInstant(&rng, after: received.seconds, within: 45) }
        for _ in 0..<[0, 0, 0, 1, 1, 2, 3][rng.below(7)] {
            let pauseStart = randomInstant(&rng, after: received.seconds, within: 15)
            let pauseEnd = rng.below(4) == 0 ? nil : randomInstant(&rng, after: pauseStart.seconds, within: 6)
            record.pauses.append(PauseInterval(start: pauseStart, end: pauseEnd))
        }
        return record
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func setupPathsAgreeWithClassify(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for clock in Clock.allCases {
            for lenient in [false, true] {
                var options = ReportOptions()
                options.classifier.clock = clock
                options.classifier.lenientSupplements = lenient
                let setup = AccumulatorSetup(options: options)
                for i in 0..<3_000 {
                    let record = Self.randomJudgedRecord(&rng)
                    let terms =
                        rng.below(2) == 0
                        ? nil
                        : ProcedureCatalog.Terms(
                            deadline: [.workingDays(1 + rng.below(15)), .workingHours(1 + rng.below(40)), .sameDay][
                                rng.below(3)],
                            afternoonCutoff: rng.below(2) == 0 ? nil : (12 + rng.below(5)) * 3_600)
                    let asOf = Self.randomInstant(&rng, after: Self.start, within: 200)
                    var plain = record
                    let expected = options.classifier.classify(&plain, terms: terms, asOf: asOf)
                    var withTerms = record
                    let context = "seed \(seed) \(clock) lenient \(lenient) record \(i)"
                    #expect(setup.classifyReceived(&withTerms, terms: terms, asOf: asOf) == expected, "\(context)")
                    if terms == nil {
                        var withoutTerms = record
                        #expect(setup.classifyReceivedWithoutTerms(&withoutTerms, asOf: asOf) == expected, "\(context)")
                    }
                }
            }
        }
    }
}
