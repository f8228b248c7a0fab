import CivilTime
import Records
import TestSupport
import Testing
import WorkingTime

@testable import Metrics

/// `KPICounts.add`, which adds every count's 0 or 1 instead of branching on the flags, against
/// the rules written out as plain `if`s, on seeded random dossiers that reach every status,
/// channel, level, flag value (absent, false, true), payment code, catalog default and
/// progress class, with and without a classification.
@Suite struct BranchFreeCountsTests {
    /// The core report's rules, one `if` per count (README, "How each dossier is classified").
    static func obviousCounts(
        _ record: DossierRecord, terms: ProcedureCatalog.Terms?, classification: Classification?
    ) -> KPICounts {
        var c = KPICounts()
        if record.status == .new || record.status == .notAccepted {
            c.notReceived += 1
            return c
        }
        c.received += 1
        if record.channel == 2 { c.online += 1 }
        if record.channel == 3 { c.postal += 1 }
        var level = Int(record.level)
        if level == 0, let catalogLevel = terms?.level { level = catalogLevel }
        if level == 4 {
            c.fullOnlineEligible += 1
            if record.fullOnline == true { c.fullOnline += 1 }
        }
        var fee = false
        if let recorded = record.feeBearing {
            fee = recorded
        } else if let catalogFee = terms?.feeBearing {
            fee = catalogFee
        }
        if fee {
            c.feeBearing += 1
            if record.paidOnline == 1 || record.paidOnline == 2 { c.paidOnline += 1 }
        }
        if record.digitized == true { c.digitized += 1 }
        if record.status == .withdrawn {
            c.withdrawn += 1
            return c
        }
        guard let classification else {
            c.inProgress += 1
            return c
        }
        let progress = classification.progress
        switch progress {
        case .early: c.early += 1
        case .onTime: c.onTime += 1
        case .late:
            c.late += 1
            if record.apology == true { c.lateWithApology += 1 }
        case .finishedWithoutDue, .inProgressWithoutDue: c.noDue += 1
        case .inProgressWithin: c.inProgressWithin += 1
        case .inProgressOverdue: c.inProgressOverdue += 1
        case .notReceived, .withdrawn: break
        }
        if [.early, .onTime, .late, .finishedWithoutDue].contains(progress) {
            c.finished += 1
            if record.electronicResult == true { c.electronicResult += 1 }
        } else {
            c.inProgress += 1
        }
        return c
    }

    static let progressClasses: [ProgressClass] = [
        .notReceived, .withdrawn, .early, .onTime, .late, .finishedWithoutDue, .inProgressWithin,
        .inProgressOverdue, .inProgressWithoutDue,
    ]

    static func flag(_ rng: inout SplitMix64) -> Bool? { [nil, false, true][Int.random(in: 0..<3, using: &rng)] }

    static func randomRecord(_ rng: inout SplitMix64) -> DossierRecord {
        var record = DossierRecord()
        record.status = DossierStatus.allCases.randomElement(using: &rng)!
        record.channel = UInt8.random(in: 0...3, using: &rng)
        record.level = [0, 2, 3, 4].randomElement(using: &rng)!
        record.fullOnline = flag(&rng)
        record.feeBearing = flag(&rng)
        record.paidOnline = [nil, 0, 1, 2].randomElement(using: &rng)!
        record.digitized = flag(&rng)
        record.electronicResult = flag(&rng)
        record.apology = flag(&rng)
        return record
    }

    static func randomTerms(_ rng: inout SplitMix64) -> ProcedureCatalog.Terms? {
        guard Bool.random(using: &rng) else { return nil }
        return ProcedureCatalog.Terms(
            deadline: .workingDays(3), level: [nil, 2, 3, 4].randomElement(using: &rng)!, feeBearing: flag(&rng))
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func sumsAgreeWithTheObviousCounts(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var fast = KPICounts()
        var obvious = KPICounts()
        for i in 0..<20_000 {
            var record = Self.randomRecord(&rng)
            let terms = Self.randomTerms(&rng)
            let classification =
                Bool.random(using: &rng)
                ? Classification(
                    progress: Self.progressClasses.randomElement(using: &rng)!, effectiveDue: nil,
                    processingWorkingSeconds: nil, pausedWorkingSeconds: 0) : nil
            var one = KPICounts()
            one.add(&record, terms: terms, classification: classification)
            let expected = Self.obviousCounts(record, terms: terms, classification: classification)
            if one != expected {
                Issue.record("seed \(seed) record \(i): \(one) != \(expected)")
                return
            }
            fast.add(&record, terms: terms, classification: classification)
            obvious.merge(expected)
        }
        #expect(fast == obvious)
    }

    /// Every combination of the flags that `addReceived` reads, each once, with every class.
    @Test func everyFlagCombinationWithEveryClass() {
        let flags: [Bool?] = [nil, false, true]
        var checked = 0
        for status in DossierStatus.allCases {
            for channel in UInt8(0)...3 {
                for level in [UInt8(0), 2, 4] {
                    for fullOnline in flags {
                        for fee in flags {
                            for paid in [nil, UInt8(0), 1, 2] {
                                for progress in [nil] + Self.progressClasses.map(Optional.some) {
                                    var record = DossierRecord()
                                    record.status = status
                                    record.channel = channel
                                    record.level = level
                                    record.fullOnline = fullOnline
                                    record.feeBearing = fee
                                    record.paidOnline = paid
                                    record.digitized = fee
                                    record.electronicResult = fullOnline
                                    record.apology = fee
                                    let terms = ProcedureCatalog.Terms(deadline: .sameDay, level: 4, feeBearing: true)
                                    let classification = progress.map {
                                        Classification(
                                            progress: $0, effectiveDue: nil, processingWorkingSeconds: nil,
                                            pausedWorkingSeconds: 0)
                                    }
                                    for terms in [nil, terms] {
                                        var counts = KPICounts()
                                        counts.add(&record, terms: terms, classification: classification)
                                        #expect(
                                            counts
                                                == Self.obviousCounts(
                                                    record, terms: terms, classification: classification))
                                        checked += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 10 * 4 * 3 * 3 * 3 * 4 * 10 * 2)
    }
}
