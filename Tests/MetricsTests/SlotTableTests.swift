import TestSupport
import Testing

@testable import Engine

/// The open-addressing table of group keys against `Dictionary`, on seeded random keys of the
/// shapes a report builds (one small id, an id with a time key, all four parts), through its
/// growth from 16 slots.
@Suite struct SlotTableTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = SlotTable()
        var reference: [LocalKey: Int] = [:]
        for _ in 0..<5_000 {
            var key = LocalKey()
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: key.a = Int32.random(in: -1..<300, using: &rng)
            case 1:
                key.a = Int32.random(in: 202_401..<202_413, using: &rng)
                key.b = Int32.random(in: -1..<60, using: &rng)
            default:
                key.a = Int32.random(in: Int32.min...Int32.max, using: &rng)
                key.b = Int32.random(in: 0..<4, using: &rng)
                key.c = Int32.random(in: 20_000..<20_400, using: &rng)
                key.d = Int32.random(in: -1..<3, using: &rng)
            }
            let found = table.slot(of: key)
            #expect(found == reference[key], "seed \(seed): \(key)")
            if found == nil {
                let slot = reference.count
                table.insert(key, slot: slot)
                reference[key] = slot
            }
        }
        #expect(table.count == reference.count)
        for (key, slot) in reference { #expect(table.slot(of: key) == slot) }
    }
}
