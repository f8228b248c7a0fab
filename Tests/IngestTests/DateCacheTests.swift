import CivilTime
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The cached fast path for `yyyyMMddHHmmss` must agree with the plain parser on every input.
@Suite struct DateCacheTests {
    /// Eight NUL bytes must not read as a date (nor as the empty slots' 1970-01-01), before or
    /// after real dates fill the slots.
    @Test func nulBytesAreNeverADate() {
        var cache = DateCache()
        defer { cache.deallocate() }
        let nul = [UInt8](repeating: 0, count: 8) + Array("120000".utf8)
        #expect(nul.withUnsafeBytes { cache.parse($0) } == nil)
        for day in ["20240228", "20141115", "19980410", "20260302"] {
            _ = Array((day + "080000").utf8).withUnsafeBytes { cache.parse($0) }
            #expect(nul.withUnsafeBytes { cache.parse($0) } == nil)
        }
    }

    @Test func agreesWithTheTimestampParserOnSeededInputs() {
        var rng = SplitMix(seed: 42)
        var cache = DateCache()
        defer { cache.deallocate() }
        let alphabet = Array("0123456789/-:T +Z".utf8)
        for i in 0..<200_000 {
            var bytes: [UInt8]
            if i % 3 == 0 {
                // Random digit strings, often near-valid.
                bytes = (0..<14).map { _ in UInt8(48 + rng.below(10)) }
                bytes[0] = UInt8(ascii: "2")
                bytes[1] = UInt8(ascii: "0")
            } else if i % 3 == 1 {
                // Valid timestamps from a small set of days, so the cache is hit and evicted.
                let day = CivilDate(dayNumber: 20_000 + rng.below(3000))
                let text = String(
                    format: "%04d%02d%02d%02d%02d%02d", day.year, day.month, day.day,
                    rng.below(25), rng.below(61), rng.below(61))
                bytes = Array(text.utf8)
            } else {
                bytes = (0..<(8 + rng.below(12))).map { _ in alphabet[rng.below(alphabet.count)] }
            }
            let fast = bytes.withUnsafeBytes { cache.parse($0) }
            // The parser's answer, within the calendar's years (the cache refuses the others).
            let plain = bytes.withUnsafeBytes { TimestampParser.parse($0) }.flatMap {
                (1900...2100).contains($0.date.year) ? $0 : nil
            }
            #expect(fast == plain, "\(String(decoding: bytes, as: UTF8.self))")
            if fast != plain { return }
        }
    }
}

/// An empty slot holds 1970-01-01 and its midnight: that date reads right before any other has
/// been cached, with a valid or an impossible time.
@Suite struct DateCacheEmptySlotTests {
    @Test func theEmptySlotsDateReadsAsItself() {
        var cache = DateCache()
        defer { cache.deallocate() }
        let texts = [
            "19700101000000", "19700101235959", "19700101240000", "19700101006000", "19700101", "19700132000000",
        ]
        for text in texts {
            let fast = Array(text.utf8).withUnsafeBytes { cache.parse($0) }
            #expect(fast == TimestampParser.parse(text), "\(text)")
        }
    }
}

/// Every byte value at every position of a valid timestamp, on a cache that holds its date and
/// on one that does not: the word tests (digits, ranges) against the plain parser.
@Suite struct DateCacheOneByteTests {
    @Test func everyByteAtEveryPositionAgreesWithTheParser() {
        for warm in [false, true] {
            var cache = DateCache()
            defer { cache.deallocate() }
            let valid = Array("20260330235959".utf8)
            if warm { _ = valid.withUnsafeBytes { cache.parse($0) } }
            for position in 0..<14 {
                for byte in 0...255 {
                    var bytes = valid
                    bytes[position] = UInt8(byte)
                    let fast = bytes.withUnsafeBytes { cache.parse($0) }
                    let plain = bytes.withUnsafeBytes { TimestampParser.parse($0) }.flatMap {
                        (1900...2100).contains($0.date.year) ? $0 : nil
                    }
                    #expect(fast == plain, "\(bytes)")
                }
            }
        }
    }
}

/// `DateCache.compact`, the clean path's reader, on its own: for fourteen digits it gives the
/// plain parser's answer within the calendar's years (nil for month 13, hour 24, ...), and nil
/// for anything that is not fourteen digits. (`parse` hides its misses behind the plain parser.)
@Suite struct DateCacheCompactTests {
    static func expected(_ bytes: [UInt8]) -> Timestamp? {
        guard bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return bytes.withUnsafeBytes { TimestampParser.parse($0) }.flatMap {
            (1900...2100).contains($0.date.year) ? $0 : nil
        }
    }

    static func text(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> [UInt8] {
        Array(String(format: "%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s).utf8)
    }

    @Test func everyBoundaryAgreesWithTheParser() {
        var cache = DateCache()
        defer { cache.deallocate() }
        var cases: [[UInt8]] = []
        for y in [1899, 1900, 2000, 2023, 2024, 2025, 2100, 2101] {
            for mo in [0, 1, 2, 4, 9, 10, 12, 13, 19, 20, 99] {
                for d in [0, 1, 28, 29, 30, 31, 32, 39, 40, 99] {
                    cases.append(Self.text(y, mo, d, 12, 30, 30))
                }
            }
        }
        for h in [0, 9, 10, 19, 20, 23, 24, 29, 30, 39, 99] {
            for mi in [0, 9, 59, 60, 69, 99] {
                for s in [0, 9, 59, 60, 69, 99] { cases.append(Self.text(2024, 2, 29, h, mi, s)) }
            }
        }
        // Twice: first with the dates new to the cache, then cached.
        for round in 0..<2 {
            for bytes in cases {
                let fast = bytes.withUnsafeBytes { cache.compact($0.baseAddress!) }
                #expect(fast == Self.expected(bytes), "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func agreesWithTheParserOnSeededValidAndInvalidInputs() {
        var rng = SplitMix(seed: 1407)
        var cache = DateCache()
        defer { cache.deallocate() }
        let others = Array("/-:T +Z.\u{0}".utf8) + [0x2F, 0x3A, 0x7F, 0x80, 0xB9, 0xC3, 0xFF]
        // Leap years (1996, 2000, 2024), years that are not (1900, 2023, 2100), and the
        // calendar's edges.
        let years = [1899, 1900, 1901, 1996, 2000, 2023, 2024, 2025, 2099, 2100, 2101]
        for i in 0..<300_000 {
            // Fields drawn around their limits, from a few thousand days so the cache both hits
            // and misses.
            var bytes = Self.text(
                years[rng.below(years.count)], rng.below(14), rng.below(33), rng.below(31), rng.below(62),
                rng.below(62))
            if i % 4 == 0 {
                // One to three bytes changed to any value, a digit or not.
                for _ in 0...rng.below(3) {
                    let b = rng.below(2) == 0 ? others[rng.below(others.count)] : UInt8(rng.below(256))
                    bytes[rng.below(14)] = b
                }
            }
            let fast = bytes.withUnsafeBytes { cache.compact($0.baseAddress!) }
            #expect(fast == Self.expected(bytes), "\(bytes)")
            if fast != Self.expected(bytes) { return }
        }
    }
}
