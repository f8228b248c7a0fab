import CivilTime
import Metrics
import Records
import TestSupport
import Testing

/// The verdict of a finished dossier against the 766 rule written out with both dates: late
/// when end > due, early when the date of end is before the date of due, else on time. Seeded
/// instants cluster around midnights (either side of the epoch) and around the due itself, where
/// a day-boundary test could slip; processing time is W(end) - W(received), never negative.
@Suite struct FinishedVerdictTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func verdictMatchesTheRuleWrittenOut(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let classifier = DossierClassifier()
        let asOf = Timestamp(seconds: Int64.max / 4)
        for i in 0..<20_000 {
            let day = Int64(rng.below(200 * 365)) - 70 * 365
            let dueSeconds = day * 86_400 + [0, 1, 86_399, 43_200, Int64(rng.below(86_400))][rng.below(5)]
            let offsets: [Int64] = [0, -1, 1, -86_400, 86_400, -86_401, Int64(rng.below(800_000)) - 400_000]
            let endSeconds = dueSeconds + offsets[rng.below(offsets.count)]
            var record = DossierRecord()
            record.status = .finished
            record.received = Timestamp(seconds: endSeconds - Int64(rng.below(900_000)))
            record.due = Timestamp(seconds: dueSeconds)
            record.processingEnd = Timestamp(seconds: endSeconds)
            let c = classifier.classify(&record, terms: nil, asOf: asOf)
            let end = Timestamp(seconds: endSeconds), due = Timestamp(seconds: dueSeconds)
            let expected: ProgressClass =
                end > due ? .late : end.dayNumber < due.dayNumber ? .early : .onTime
            if c.progress != expected {
                Issue.record(
                    "seed \(seed) case \(i): end \(endSeconds) due \(dueSeconds): \(c.progress) != \(expected)")
                return
            }
            let processing = classifier.calendar.workingSeconds(from: record.received!, to: end)
            #expect(c.processingWorkingSeconds == max(0, processing))
            #expect(c.effectiveDue == due)
        }
    }
}
