import TestSupport
import Testing

@testable import Ingest

/// `Fingerprint.of` against the same hash written the slow, obvious way (each word and the tail
/// put together byte by byte): the fast path's loads, shifts and wrapping arithmetic must not
/// change a single value (duplicate counts and step partitions depend on them).
@Suite struct FingerprintTests {
    static func reference(_ bytes: [UInt8]) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var k = value
            k ^= k >> 33
            k = k &* 0xFF51_AFD7_ED55_8CCD
            k ^= k >> 33
            k = k &* 0xC4CE_B9FE_1A85_EC53
            k ^= k >> 33
            return k
        }
        func word(_ slice: ArraySlice<UInt8>) -> UInt64 {
            var w: UInt64 = 0
            for (k, b) in slice.enumerated() { w |= UInt64(b) << (8 * UInt64(k)) }
            return w
        }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let whole = bytes.count / 8 * 8
        for i in stride(from: 0, to: whole, by: 8) {
            h = (h ^ word(bytes[i..<(i + 8)])) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
        }
        if whole < bytes.count {
            h = (h ^ mix(word(bytes[whole...]))) &* 0xC4CE_B9FE_1A85_EC53
        }
        return mix(h)
    }

    @Test func matchesTheByteByByteHashAtEveryLength() {
        var rng = SplitMix(seed: 5)
        for n in 0...100 {
            for _ in 0..<20 {
                let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                // Inside a larger buffer, so a load past either end would change the value.
                let padded = [0xAA, 0xBB] + bytes + [0xCC, 0xDD]
                let fast = padded.withUnsafeBytes { Fingerprint.of(UnsafeRawBufferPointer(rebasing: $0[2..<(2 + n)])) }
                #expect(fast == Self.reference(bytes), "length \(n)")
            }
        }
        #expect(Fingerprint.of(UnsafeRawBufferPointer(start: nil, count: 0)) == Self.reference([]))
    }

    /// The step's rotation (`__rolq` on x86_64) against its two shifts, on seeded words and each
    /// single bit.
    @Test func rotationMatchesTheShifts() {
        var rng = SplitMix(seed: 31)
        var words = (0..<64).map { UInt64(1) << UInt64($0) } + [0, ~0]
        for _ in 0..<10_000 { words.append(rng.next()) }
        for h in words {
            #expect(Fingerprint.rotatedLeft31(h) == Fingerprint.portableRotatedLeft31(h), "\(h)")
            #expect(Fingerprint.rotatedLeft31(h) == (h << 31) | (h >> 33))
        }
    }

    /// Ids one byte apart (the usual duplicate-free log: a running number) never collide here.
    @Test func idsOneDigitApartDiffer() {
        var seen = Set<UInt64>()
        for i in 0..<100_000 {
            let number = String(i)
            let id = Array("000.36.20.H26-260330-\(String(repeating: "0", count: 8 - number.count))\(number)".utf8)
            seen.insert(id.withUnsafeBytes { Fingerprint.of($0) })
        }
        #expect(seen.count == 100_000)
    }
}
