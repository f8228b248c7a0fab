import Engine
import Foundation
import Metrics
import TestSupport
import Testing

@testable import Engine

/// A report by two dimensions finds a record's group from the pair of its inputs
/// (`PairSlotMemo`); a report by the same two and the second again takes the general path (the
/// values, then the hash table). Both must give the same groups, for any split of the log.
@Suite struct PairSlotMemoTests {
    let temporary = TemporaryDirectory("tthc-pair-slots")

    @Test(arguments: [
        [GroupDimension.month, .agency], [.agency, .month], [.day, .field], [.channel, .procedure],
        [.agency, .channel], [.quarter, .week], [.field, .agency],
    ])
    func twoDimensionsMatchTheGeneralPath(dimensions: [GroupDimension]) throws {
        try TextKeySlotTests.eachSplit(ofLogs: [41, 42], in: temporary.url) { report, split in
            let memo = try report(dimensions)
            let general = try report(dimensions + [dimensions[1]])
            let context = "\(split) \(dimensions)"
            #expect(memo.groups.count >= 3, "\(context)")
            #expect(memo.totals == general.totals, "\(context)")
            #expect(
                memo.groups.map(\.key.values) == general.groups.map { Array($0.key.values.prefix(2)) }, "\(context)")
            #expect(memo.groups.map(\.aggregate) == general.groups.map(\.aggregate), "\(context)")
        }
    }

    @Test func aPairSharingAnEntryIsNotTakenForAnother() {
        var memo = PairSlotMemo(entries: 4)
        var rng = SplitMix(seed: 7)
        var truth: [UInt64: Int] = [:]
        for step in 0..<10_000 {
            let pair = PairSlotMemo.pack(
                Int32(truncatingIfNeeded: rng.next() % 9) - 1, Int32(truncatingIfNeeded: rng.next() % 9))
            if let slot = memo.slot(of: pair) {
                #expect(slot == truth[pair], "step \(step)")
            } else {
                let slot = truth[pair] ?? truth.count
                truth[pair] = slot
                memo.remember(pair, slot: slot)
                #expect(memo.slot(of: pair) == slot)
            }
        }
        #expect(PairSlotMemo.pack(-1, 0) != PairSlotMemo.pack(0, -1))
        #expect(PairSlotMemo.pack(Int32.min, 5) != PairSlotMemo.pack(5, Int32.min))
    }
}
