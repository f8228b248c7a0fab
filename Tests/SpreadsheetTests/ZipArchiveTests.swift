import Testing
import _Randomness

@testable import Spreadsheet

@Suite struct ZipArchiveTests {
    @Test(
        arguments: [
            ("", 0x0000_0000), ("a", 0xE8B7_BE43), ("123456789", 0xCBF4_3926),
            ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
        ] as [(String, UInt32)])
    func crcMatchesPublishedCheckValues(text: String, expected: UInt32) {
        #expect(Zlib.crc32(Array(text.utf8)) == expected)
        #expect(referenceCRC32(Array(text.utf8)) == expected)
    }

    @Test func entriesReadBackWithTheirBytesNamesAndCRCs() throws {
        for seed in UInt64(1)...30 {
            var random = SplitMix64(seed: seed)
            func next() -> UInt64 { random.next() }
            var zip = ZipArchive()
            var expected: [(String, [UInt8], ZipArchive.Method)] = []
            for i in 0..<Int(next() % 6) + 1 {
                let count = Int(next() % 5000)
                // Half the payloads repetitive text, half noise: deflate must handle both.
                let noisy = next() % 2 == 0
                let bytes = (0..<count).map { j in noisy ? UInt8(truncatingIfNeeded: next()) : UInt8(65 + j % 7) }
                let method: ZipArchive.Method = next() % 3 == 0 ? .stored : .deflated
                let name = "dir/ệ-\(i).xml"
                try zip.add(name, bytes, method: method)
                expected.append((name, bytes, method))
            }
            let read = try ZipReader(zip.bytes)
            #expect(read.entries.count == expected.count, "seed \(seed)")
            for (entry, want) in Swift.zip(read.entries, expected) {
                #expect(entry.name == want.0, "seed \(seed)")
                #expect(entry.bytes == want.1, "seed \(seed)")
                #expect(entry.method == want.2.rawValue, "seed \(seed)")
                #expect(entry.crc == referenceCRC32(want.1), "seed \(seed)")
            }
        }
    }

    @Test func deflateShrinksRepetitiveText() throws {
        let text = Array(String(repeating: "<c r=\"A1\" t=\"s\"><v>0</v></c>", count: 1000).utf8)
        var zip = ZipArchive()
        try zip.add("a.xml", text)
        #expect(zip.bytes.count < text.count / 10)
    }

    @Test func theSameContentGivesTheSameBytes() throws {
        var a = ZipArchive()
        var b = ZipArchive()
        try a.add("x.xml", Array("same".utf8))
        try b.add("x.xml", Array("same".utf8))
        #expect(a.bytes == b.bytes)
    }

    @Test func badNamesAreRefused() {
        var zip = ZipArchive()
        #expect(throws: ZipError.badName("/abs")) { try zip.add("/abs", []) }
        #expect(throws: ZipError.badName("")) { try zip.add("", []) }
    }
}
