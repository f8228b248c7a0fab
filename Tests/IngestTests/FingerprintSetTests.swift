import TestSupport
import Testing

@testable import Ingest

/// `FingerprintSet.countRepeats` against a `Set`: for each top byte, in the order the buckets
/// are counted (several top bytes on one set, tables that shrink and grow, the same top byte
/// twice, the value 0), the count of values equal to an earlier one.
@Suite struct FingerprintSetTests {
    static func reference(_ parts: [[UInt64]]) -> Int {
        var seen = Set<UInt64>()
        var repeats = 0
        for v in parts.joined() where !seen.insert(v).inserted { repeats += 1 }
        return repeats
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func countsMatchASetAcrossTopBytes(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        var set = FingerprintSet()
        defer { set.deallocate() }
        // Top bytes as one worker takes them, then some again, 0 and 255 among them.
        let tops = [0, 3, 6, 255, 9, 9, 0, 128, 1, 2, 254, 255]
        for top in tops {
            let size = [0, 1, 5, 40, 700, 3000][rng.below(6)]
            // Few distinct low parts, so values repeat; some are 0 (top byte 0 only).
            let distinct = max(1, size / (1 + rng.below(4)))
            var parts: [[UInt64]] = [[], [], []]
            for _ in 0..<size {
                var v = UInt64(top) << 56 | (rng.next() % UInt64(distinct)) &* 0x9E37_79B9
                if top == 0 && rng.below(50) == 0 { v = 0 }
                parts[rng.below(parts.count)].append(v)
            }
            let buffers = parts.map { part in
                let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, part.count))
                _ = buffer.initialize(from: part)
                return buffer
            }
            defer { for buffer in buffers { buffer.deallocate() } }
            let runs = zip(buffers, parts).map { UnsafeBufferPointer(rebasing: $0.0[0..<$0.1.count]) }
            #expect(set.countRepeats(runs, top: top) == Self.reference(parts), "top \(top), \(size) values")
        }
    }
}
