import Foundation
import Testing
import _Randomness
import _TextSupport

/// `CanonicalText.mayChange` says "no" only for text that NFC leaves alone: checked against
/// Foundation's normalization, code point by code point and in seeded random strings.
@Suite struct CanonicalTextTests {
    /// The code points `mayChange` clears besides ASCII.
    static let cleared: [UInt32] = Array(0xA0...0x24F) + Array(0x1E00...0x1EFF) + Array(0x2010...0x206F)

    static func foundationNFC(_ text: String) -> [UInt8] { Array(text.precomposedStringWithCanonicalMapping.utf8) }

    static func mayChange(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { CanonicalText.mayChange($0) }
    }

    @Test func everyClearedCodePointIsItsOwnNFCAfterAnyClearedOne() {
        let scalars = Self.cleared.map { Character(Unicode.Scalar($0)!) }
        for first in scalars {
            let alone = String(first)
            #expect(!Self.mayChange(alone), "U+\(String(first.unicodeScalars.first!.value, radix: 16))")
            #expect(Self.foundationNFC(alone) == Array(alone.utf8))
        }
        // Pairs (every fifth second one): none composes with the one before it.
        for first in scalars {
            for second in stride(from: 0, to: scalars.count, by: 5).map({ scalars[$0] }) {
                let pair = String([first, second])
                #expect(Self.foundationNFC(pair) == Array(pair.utf8))
            }
        }
    }

    @Test func vietnameseNamesAreClearedAndDecomposedOnesAreNot() {
        for name in ["UBND xã Dân Hòa", "Công an tỉnh", "Sở Tư pháp", "Đắk Lắk – “một cửa”", "Nguyễn Thị Ánh"] {
            #expect(!Self.mayChange(name), "\(name)")
            let decomposed = name.decomposedStringWithCanonicalMapping
            #expect(Self.mayChange(decomposed), "\(name), decomposed")
            #expect(Self.foundationNFC(decomposed) == Array(name.utf8))
        }
        // Other scripts, singletons and combining marks go through NFC.
        for text in ["Ω\u{2126}", "\u{212B}", "e\u{0301}", "한국", "日本", "\u{2000}", "\u{0085}"] {
            #expect(Self.mayChange(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func clearedTextIsAlwaysNFC(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Cleared code points, ASCII, combining marks and others, mixed.
        let pool: [UInt32] =
            Self.cleared + Array(0x20...0x7E) + Array(0x300...0x36F) + [
                0x2000, 0x2126, 0x212B, 0xAC00, 0x1100, 0x1161, 0x3099,
            ]
        for _ in 0..<5_000 {
            let length = 1 + Int(rng.next() % 8)
            let text = String(
                String.UnicodeScalarView(
                    (0..<length).map { _ in Unicode.Scalar(pool[Int(rng.next() % UInt64(pool.count))])! }))
            let bytes = Array(text.utf8)
            let cleared = !Self.mayChange(text)
            if cleared { #expect(Self.foundationNFC(text) == bytes, "\(text.unicodeScalars.map { $0.value })") }
            #expect(bytes.withUnsafeBytes { CanonicalText.nfc($0) } == Self.foundationNFC(text))
        }
    }

    @Test func brokenUTF8MayChange() {
        for bytes: [UInt8] in [
            [0xC3], [0xE1, 0xBA], [0xC3, 0x41], [0xE1, 0x41, 0x80], [0xFF], [0xF0, 0x9F, 0x98, 0x80],
        ] {
            #expect(bytes.withUnsafeBytes { CanonicalText.mayChange($0) }, "\(bytes)")
        }
    }
}
