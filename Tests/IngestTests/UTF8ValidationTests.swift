import TestSupport
import Testing

@testable import Ingest

/// The word-at-a-time checks against the obvious byte-by-byte answers: `isASCII` and
/// `foldedBytes` (overlapping loads of 16, 4, 2 and 1 bytes) against "every byte below
/// 0x80", and `firstInvalid` against the standard library's UTF-8 decoding.
@Suite struct UTF8ValidationTests {
    /// Every length up to 80 (the 4- and 16-byte load edges and the loop past 32), with one
    /// high byte at each position in turn, and none.
    @Test func oneHighByteAnywhereIsFound() {
        for n in 0...80 {
            let ascii = [UInt8]((0..<n).map { UInt8(0x20 + $0 % 90) })
            #expect(ascii.withUnsafeBytes { UTF8Validation.isASCII($0) }, "length \(n)")
            for position in 0..<n {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[position] = high
                    #expect(!bytes.withUnsafeBytes { UTF8Validation.isASCII($0) }, "length \(n), at \(position)")
                }
            }
        }
    }

    /// Values inside a larger buffer (the loads stay within the value: bytes around it are high).
    @Test func readsOnlyTheValue() {
        let high = [UInt8](repeating: 0xFF, count: 16)
        let buffer = high + [UInt8](repeating: 0x41, count: 64) + high
        buffer.withUnsafeBytes { all in
            for start in 16...80 {
                for n in 0...(80 - start) {
                    let value = UnsafeRawBufferPointer(rebasing: all[start..<(start + n)])
                    #expect(UTF8Validation.isASCII(value), "start \(start), length \(n)")
                }
            }
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func agreesWithTheByteByByteAnswerOnSeededValues(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for _ in 0..<20_000 {
            let bytes = Self.value(&rng)
            let ascii = bytes.allSatisfy { $0 < 0x80 }
            let folded = bytes.withUnsafeBytes { UTF8Validation.foldedBytes($0) }
            #expect(UTF8Validation.isASCII(folded: folded) == ascii, "\(bytes)")
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((bytes.withUnsafeBytes { UTF8Validation.firstInvalid($0) } == nil) == valid, "\(bytes)")
        }
    }

    /// Several values folded into one test: ASCII exactly when each is.
    @Test func foldedValuesTestTogether() {
        var rng = SplitMix(seed: 9)
        for _ in 0..<5_000 {
            let values = (0..<3).map { _ in Self.value(&rng) }
            var folded = SIMD16<UInt8>()
            for value in values { folded |= value.withUnsafeBytes { UTF8Validation.foldedBytes($0) } }
            let ascii = values.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
            #expect(UTF8Validation.isASCII(folded: folded) == ascii, "\(values)")
        }
    }

    /// Mostly ASCII, of lengths around the load sizes, sometimes with Vietnamese letters, bytes
    /// that start no sequence, or a sequence cut short at the end.
    static func value(_ rng: inout SplitMix) -> [UInt8] {
        let n = [0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 64][rng.below(18)] + rng.below(3)
        var bytes = (0..<n).map { _ in UInt8(0x20 + rng.below(95)) }
        if n > 0 && rng.below(3) == 0 {
            let insert: [[UInt8]] = [
                Array("ư".utf8), Array("Đ".utf8), Array("ệ".utf8), [0xFF], [0x80], [0xE1, 0xBB], [0xED, 0xA0, 0x80],
            ]
            let at = rng.below(n + 1)
            bytes.insert(contentsOf: insert[rng.below(insert.count)], at: at)
        }
        return bytes
    }
}
