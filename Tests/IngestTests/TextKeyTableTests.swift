import TestSupport
import Testing

@testable import Ingest

/// `TextKeyTable` against a dictionary of byte arrays: equal bytes get one key, different bytes
/// different keys, keys are dense in order of first sight, and a value is `invalid` exactly when
/// the standard library does not read it as UTF-8.
@Suite struct TextKeyTableTests {
    /// Values that share their length, their first and last eight bytes, or all but one middle
    /// byte, so every part of the comparison is needed; some are not UTF-8.
    static func value(_ rng: inout SplitMix) -> [UInt8] {
        let stems = ["UBND phường Đống Đa, Hà Nội", "1.001612", "HoTich", "Công an", "x", "ab", "abc", "abcdefgh"]
        var bytes = Array(stems[rng.below(stems.count)].utf8)
        let length = rng.below(5) == 0 ? 1 + rng.below(90) : bytes.count
        while bytes.count < length { bytes.append(UInt8(ascii: "a") + UInt8(rng.below(3))) }
        if bytes.count > length { bytes.removeLast(bytes.count - length) }
        if rng.below(3) == 0 { bytes[rng.below(bytes.count)] = UInt8(ascii: "a") + UInt8(rng.below(2)) }
        if rng.below(25) == 0 { bytes[rng.below(bytes.count)] = [0xFF, 0xC3, 0x80, 0xED][rng.below(4)] }
        return bytes
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func keysMatchADictionaryOfTheBytes(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let table = TextKeyTable()
        defer { table.deallocate() }
        var reference: [[UInt8]: Int32] = [:]
        for _ in 0..<20_000 {
            let bytes = Self.value(&rng)
            let key = bytes.withUnsafeBytes { table.key(of: $0) }
            if String(validating: bytes, as: UTF8.self) == nil {
                #expect(key == TextKeyTable.invalid, "\(bytes)")
                continue
            }
            let expected = reference[bytes] ?? Int32(reference.count)
            reference[bytes] = expected
            #expect(key == expected, "\(bytes)")
        }
        #expect(table.count == reference.count)
        #expect(reference.count > 300, "the values repeat and differ")
    }

    @Test func tablesHaveTheirOwnTags() {
        let a = TextKeyTable()
        let b = TextKeyTable()
        defer {
            a.deallocate()
            b.deallocate()
        }
        #expect(a.tag != 0 && b.tag != 0 && a.tag != b.tag)
    }
}

/// The middle comparison (bytes 8 to n - 8, in overlapping 16-byte windows) at every length and
/// position: values that differ in one byte only get different keys, equal bytes in another
/// buffer the same key. Each test probes by `key(of:)` (the compare out of line) and by
/// `keyInline(of:)`.
@Suite struct TextKeyMiddleTests {
    static func key(_ table: TextKeyTable, _ bytes: UnsafeRawBufferPointer, inline: Bool) -> Int32 {
        inline ? table.keyInline(of: bytes) : table.key(of: bytes)
    }

    @Test(arguments: [false, true])
    func oneDifferentByteAtAnyPositionGivesANewKey(inline: Bool) {
        let table = TextKeyTable()
        defer { table.deallocate() }
        var seen: [[UInt8]: Int32] = [:]
        for n in 17...100 {
            let stem = [UInt8]((0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) })
            var values = [stem]
            for position in 8..<(n - 8) {
                var changed = stem
                changed[position] = UInt8(ascii: "Z")
                values.append(changed)
            }
            for value in values {
                let key = value.withUnsafeBytes { Self.key(table, $0, inline: inline) }
                let expected = seen[value] ?? Int32(seen.count)
                seen[value] = expected
                #expect(key == expected, "length \(n): \(String(decoding: value, as: UTF8.self))")
                // The same bytes at another address.
                let copy = [UInt8](repeating: 0x20, count: 3) + value
                let again = copy.withUnsafeBytes {
                    Self.key(table, UnsafeRawBufferPointer(rebasing: $0[3...]), inline: inline)
                }
                #expect(again == expected)
            }
        }
    }

    /// The windows stay inside the value: the same bytes between high bytes and between zero
    /// bytes (in another table) get the same key, at every length the fixed windows and the
    /// loop past 80 bytes cover.
    @Test(arguments: [false, true])
    func windowsReadOnlyTheValue(inline: Bool) {
        let table = TextKeyTable()
        defer { table.deallocate() }
        for n in 17...130 {
            let value = [UInt8]((0..<n).map { UInt8(ascii: "A") + UInt8($0 % 23) })
            let high = [UInt8](repeating: 0xFF, count: 32)
            let zero = [UInt8](repeating: 0, count: 32)
            let first = (high + value + high).withUnsafeBytes {
                Self.key(table, UnsafeRawBufferPointer(rebasing: $0[32..<(32 + n)]), inline: inline)
            }
            let second = (zero + value + zero).withUnsafeBytes {
                Self.key(table, UnsafeRawBufferPointer(rebasing: $0[32..<(32 + n)]), inline: inline)
            }
            #expect(first >= 0 && first == second, "length \(n)")
        }
    }
}
