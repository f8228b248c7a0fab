import Foundation
import Metrics
import Output
import Testing
import _Randomness
import _TextSupport

@testable import Targets

/// Hand-made counts: 4,100 finished with a due of which 41 + 59 late, etc.
func sampleCounts() -> KPICounts {
    var c = KPICounts()
    c.received = 5000
    c.withdrawn = 10
    c.early = 1000
    c.onTime = 3000
    c.late = 100
    c.finished = 4150
    c.noDue = 50
    c.inProgress = 840
    c.inProgressWithin = 800
    c.inProgressOverdue = 40
    c.online = 2000
    c.postal = 100
    c.fullOnlineEligible = 1000
    c.fullOnline = 150
    c.feeBearing = 400
    c.paidOnline = 100
    c.digitized = 4500
    c.electronicResult = 4150
    c.lateWithApology = 60
    return c
}

@Suite struct TargetParsingTests {
    @Test(arguments: KPI.allCases, Comparison.allCases)
    func everyKPIAndOperatorParses(kpi: KPI, op: Comparison) throws {
        let target = try Target.parse("\(kpi.rawValue)\(op.rawValue)99.5")
        #expect(target.metric == .rate(kpi))
        #expect(target.comparison == op)
        #expect(target.threshold == Threshold(units: 995, scale: 1))
        #expect(try Target.parse(target.description) == target)
        // Spaces and a percent sign are allowed.
        #expect(try Target.parse(" \(kpi.rawValue) \(op.rawValue) 99.5 % ") == target)
    }

    @Test(arguments: CountMetric.allNames)
    func everyCountNameParses(name: String) throws {
        let dashed = name.replacingOccurrences(of: "_", with: "-")
        // A count sharing a KPI's name needs the `count:` prefix; any count accepts it.
        let sharesKPIName = KPI(rawValue: dashed) != nil
        for text in (sharesKPIName ? [] : [name, dashed]) + ["count:" + name, "count:" + dashed] {
            let target = try Target.parse("\(text)<=0")
            #expect(target.metric == .count(CountMetric(name)!))
            #expect(target.description == (sharesKPIName ? "count:" : "") + "\(dashed)<=0")
            #expect(try Target.parse(target.description) == target)
        }
        if sharesKPIName {
            #expect(try Target.parse("\(name)<=0").metric == .rate(KPI(rawValue: dashed)!))
        }
    }

    @Test func aliases() throws {
        #expect(try Target.parse("overdue-in-progress<=0").metric.description == "in-progress-overdue")
        #expect(try Target.parse("in-progress-overdue<=0").metric.description == "in-progress-overdue")
        #expect(try Target.parse("ON-TIME>=99").metric == .rate(.onTime))
        #expect(try Target.parse("late==0").comparison == .equal)
    }

    @Test(arguments: [
        "on-time", "on-time>=", "on-time>=abc", "on-time=>99", "speed>=5", ">=5", "on-time>=-1", "on-time>=99.12345",
        "late<=0.5", "late<=1%", "on-time>=1e2", "on-time>99..5", "count:progress>=1", "count:>=1",
    ])
    func rejectsMalformed(text: String) {
        #expect(throws: TargetError.self) { try Target.parse(text) }
    }

    @Test func thresholdsAreExactDecimals() {
        #expect(Threshold("99.50") == Threshold("99.5"))
        #expect(Threshold("0.25")?.description == "0.25")
        #expect(Threshold("100.0")?.description == "100")
        #expect(Threshold("0.0001")?.description == "0.0001")
        #expect(Threshold("07")?.description == "7")
        #expect(Threshold(".5") == nil)
    }
}

@Suite struct TargetEvaluationTests {
    @Test func handWorkedRates() throws {
        let c = sampleCounts()
        // on-time: 4,000 / 4,100 = 97.56%. 99% of 4,100 = 4,059, so 59 late dossiers must have been on time.
        let onTime = try Target.parse("on-time>=99").evaluate(c)
        #expect(onTime.status == .missed)
        #expect(onTime.value == 4000 && onTime.denominator == 4100)
        #expect(onTime.gap == .dossiers(59))
        #expect(onTime.measuredText == "97.56%")
        #expect(
            onTime.gapSentence == "59 more dossiers needed to be on time instead of late (of 4,100 finished with a due)"
        )
        // > 99 needs strictly more than 4,059: 4,060.
        #expect(try Target.parse("on-time>99").evaluate(c).gap == .dossiers(60))
        // online: 2,000 / 5,000 = 40%; 60% needs 3,000, so 1,000 more.
        let online = try Target.parse("online>=60").evaluate(c)
        #expect(online.gap == .dossiers(1000))
        #expect(
            online.gapSentence
                == "reaching 60% online needs 1,000 more online dossiers (instead of in person or by post) at today's volume (5,000 received)"
        )
        // full-online 150 / 1,000 = 15%, 20% needs 50 more.
        #expect(try Target.parse("full-online>=20").evaluate(c).gap == .dossiers(50))
        // progress: (4,000 + 800) / (4,100 + 840) = 97.17%; 100% needs all 140 late or overdue.
        #expect(try Target.parse("progress>=100").evaluate(c).gap == .dossiers(140))
        // apology: 60 / 100 late.
        #expect(try Target.parse("apology>=100").evaluate(c).gap == .dossiers(40))
        // Met targets have no gap.
        let digitization = try Target.parse("digitization>=80").evaluate(c)
        #expect(digitization.status == .met && digitization.gap == nil && digitization.gapSentence == nil)
        // At most: online <= 30% means 500 fewer online dossiers.
        #expect(try Target.parse("online<=30").evaluate(c).gap == .dossiers(-500))
        #expect(try Target.parse("online<30").evaluate(c).gap == .dossiers(-501))
        // Exactly 25% of 1,000 is 250; exactly 33.3333% of 1,000 is no whole number.
        #expect(try Target.parse("full-online=25").evaluate(c).gap == .dossiers(100))
        #expect(try Target.parse("full-online=33.3333").evaluate(c).gap == .impossible)
    }

    @Test func impossibleTargets() throws {
        let c = sampleCounts()
        let over = try Target.parse("on-time>100").evaluate(c)
        #expect(over.status == .missed && over.gap == .impossible)
        #expect(over.gapSentence == "on-time > 100% cannot be met at today's volume (4,100 finished with a due)")
        #expect(try Target.parse("online>=101").evaluate(c).gap == .impossible)
        #expect(try Target.parse("online<0").evaluate(c).gap == .impossible)
        #expect(try Target.parse("late<0").evaluate(c).gap == .impossible)
        // >= 100 is possible: every bad dossier moves.
        #expect(try Target.parse("on-time>=100").evaluate(c).gap == .dossiers(100))
    }

    @Test func countTargets() throws {
        let c = sampleCounts()
        let late = try Target.parse("late<=0").evaluate(c)
        #expect(late.status == .missed && late.gap == .dossiers(-100) && late.measuredText == "100")
        #expect(late.gapSentence == "100 fewer late dossiers needed")
        #expect(try Target.parse("in-progress-overdue<=0").evaluate(c).gap == .dossiers(-40))
        #expect(try Target.parse("late-without-apology<=0").evaluate(c).gap == .dossiers(-40))
        #expect(try Target.parse("in-person<1000").evaluate(c).gap == .dossiers(-1901))
        #expect(try Target.parse("received>=6000").evaluate(c).gap == .dossiers(1000))
        #expect(try Target.parse("received=5000").evaluate(c).status == .met)
        #expect(try Target.parse("received>5000").evaluate(c).gap == .dossiers(1))
    }

    @Test func emptyDenominatorIsNoData() throws {
        let evaluation = try Target.parse("on-time>=99").evaluate(KPICounts())
        #expect(evaluation.status == .noData && evaluation.gap == nil && evaluation.measuredText == "n/a")
        // A count target on empty counts is judged.
        #expect(try Target.parse("late<=0").evaluate(KPICounts()).status == .met)
    }

    @Test func boundaryIsExact() throws {
        // 4,059 / 4,100 is exactly 99%: met by >= and =, missed by >.
        var c = KPICounts()
        c.onTime = 4059
        c.late = 41
        #expect(try Target.parse("on-time>=99").evaluate(c).status == .met)
        #expect(try Target.parse("on-time=99").evaluate(c).status == .met)
        #expect(try Target.parse("on-time>99").evaluate(c).gap == .dossiers(1))
        #expect(try Target.parse("on-time<99").evaluate(c).gap == .dossiers(-1))
        #expect(try Target.parse("on-time<=99").evaluate(c).status == .met)
        // 1 / 3 against 33.3333 (just below a third) and 33.3334 (just above).
        var third = KPICounts()
        third.onTime = 1
        third.late = 2
        #expect(try Target.parse("on-time>=33.3333").evaluate(third).status == .met)
        #expect(try Target.parse("on-time>=33.3334").evaluate(third).gap == .dossiers(1))
    }

    @Test func percentTextTruncates() {
        #expect(NumberText.percentText(98_999, of: 100_000) == "98.99%")
        #expect(NumberText.percentText(24_749, of: 25_000) == "98.99%")  // 98.996%: never shown as 99.00%
        #expect(NumberText.percentText(100, of: 100) == "100.00%")
        #expect(NumberText.percentText(0, of: 7) == "0.00%")
        #expect(NumberText.percentText(0, of: 0) == "n/a")
        #expect(NumberText.percentText(40, of: 41) == "97.56%")
        #expect(NumberText.percentText(29, of: 100) == "29.00%")  // 0.29 * 100 is 28.999999999999996 in binary
        #expect(NumberText.grouped(1240) == "1,240")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(-1000) == "-1,000")
    }
}

/// The closed-form gap against a brute-force search: move one dossier at a time from the bad
/// side to the good side (or back) and re-judge with `Decimal` arithmetic, until the target holds.
@Suite struct GapReferenceTests {
    /// Moves `k` dossiers across the rate of `kpi` (k < 0 moves them from good to bad).
    static func move(_ counts: KPICounts, _ kpi: KPI, by k: Int) -> KPICounts {
        var c = counts
        switch kpi {
        case .progress, .onTime:
            c.onTime += k
            c.late -= k
        case .online: c.online += k
        case .fullOnline: c.fullOnline += k
        case .onlinePayment: c.paidOnline += k
        case .digitization: c.digitized += k
        case .electronicResult: c.electronicResult += k
        case .apology: c.lateWithApology += k
        }
        return c
    }

    /// The reference judgement: Decimal percent against the threshold's own text.
    static func referenceMeets(_ rate: Rate, _ op: Comparison, _ threshold: Threshold) -> Bool {
        let percent = Decimal(rate.numerator) * 100 / Decimal(rate.denominator)
        return op.holds(percent, Decimal(string: threshold.description)!)
    }

    static func randomCounts(_ rng: inout SplitMix64) -> KPICounts {
        var c = KPICounts()
        c.early = Int.random(in: 0...20, using: &rng)
        c.onTime = Int.random(in: 0...40, using: &rng)
        c.late = Int.random(in: 0...20, using: &rng)
        c.inProgressWithin = Int.random(in: 0...10, using: &rng)
        c.inProgressOverdue = Int.random(in: 0...10, using: &rng)
        c.finished = c.early + c.onTime + c.late
        c.received = c.finished + c.inProgressWithin + c.inProgressOverdue + Int.random(in: 0...5, using: &rng)
        c.online = Int.random(in: 0...c.received, using: &rng)
        c.fullOnlineEligible = Int.random(in: 0...c.received, using: &rng)
        c.fullOnline = Int.random(in: 0...c.fullOnlineEligible, using: &rng)
        c.feeBearing = Int.random(in: 0...c.received, using: &rng)
        c.paidOnline = Int.random(in: 0...c.feeBearing, using: &rng)
        c.digitized = Int.random(in: 0...c.received, using: &rng)
        c.electronicResult = Int.random(in: 0...c.finished, using: &rng)
        c.lateWithApology = Int.random(in: 0...c.late, using: &rng)
        return c
    }

    static let thresholds = [
        "0", "20", "33.3333", "33.3334", "50", "60", "66.6667", "80", "95", "99", "99.5", "100", "100.0001", "150",
    ]

    @Test func closedFormMatchesBruteForce() throws {
        let seed = UInt64(20_260_314)
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for round in 0..<300 {
            let counts = Self.randomCounts(&rng)
            for kpi in KPI.allCases {
                let base = counts.rate(kpi)
                guard base.denominator > 0 else { continue }
                for op in Comparison.allCases {
                    let text = Self.thresholds.randomElement(using: &rng)!
                    let target = Target(.rate(kpi), op, Threshold(text)!)
                    let evaluation = target.evaluate(counts)
                    // Brute force: k = 0, 1, 2, ... in the direction that can help.
                    var found: Int?
                    for magnitude in 0...base.denominator {
                        for k in magnitude == 0 ? [0] : [magnitude, -magnitude] {
                            let x = base.numerator + k
                            guard x >= 0, x <= base.denominator else { continue }
                            // Moving across the rate must stay within what the counts allow.
                            let moved = Self.move(counts, kpi, by: k).rate(kpi)
                            #expect(moved.denominator == base.denominator, "seed \(seed) round \(round)")
                            if Self.referenceMeets(moved, op, target.threshold) {
                                found = k
                                break
                            }
                        }
                        if found != nil { break }
                    }
                    let comment = Comment(
                        rawValue: "seed \(seed) round \(round) \(target) on \(base.numerator)/\(base.denominator)")
                    switch found {
                    case 0?:
                        #expect(evaluation.status == .met, comment)
                    case let k?:
                        #expect(evaluation.status == .missed, comment)
                        #expect(evaluation.gap == .dossiers(k), comment)
                    case nil:
                        #expect(evaluation.gap == .impossible, comment)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 5000)
    }

    @Test func countGapsMatchBruteForce() {
        let seed = UInt64(7)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let value = Int.random(in: 0...30, using: &rng)
            let bound = Int.random(in: 0...30, using: &rng)
            let op = Comparison.allCases.randomElement(using: &rng)!
            var counts = KPICounts()
            counts.late = value
            let evaluation = Target(.count(CountMetric("late")!), op, Threshold(bound)).evaluate(counts)
            var found: Int?
            search: for magnitude in 0...100 {
                for k in magnitude == 0 ? [0] : [magnitude, -magnitude] where value + k >= 0 {
                    if op.holds(value + k, bound) {
                        found = k
                        break search
                    }
                }
            }
            let comment = Comment(rawValue: "seed \(seed): late=\(value) \(op.rawValue) \(bound)")
            if found == 0 {
                #expect(evaluation.status == .met, comment)
            } else if let k = found {
                #expect(evaluation.gap == .dossiers(k), comment)
            } else {
                #expect(evaluation.gap == .impossible, comment)
            }
        }
    }
}
