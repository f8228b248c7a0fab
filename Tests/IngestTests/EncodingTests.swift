import Foundation
import TestSupport
import Testing

@testable import Ingest

/// UTF-16 with a byte-order mark, legacy Vietnamese encodings through iconv, and text that is
/// not UTF-8.
@Suite struct EncodingTests {
    let files = TestFiles()
    static let header = "MaHoSo,DonViXuLy,TrangThaiHoSo,NgayTiepNhan\n"
    static let twins = String(#filePath).replacingOccurrences(
        of: "Tests/IngestTests/EncodingTests.swift", with: "Datasets/encodings/")

    func rows(_ path: String, _ configure: (inout ScanOptions) -> Void = { _ in }) throws -> [CollectingConsumer.Row] {
        try scan([path], configure).0
    }

    /// The agency of each row as bytes: `String ==` would call NFD and NFC text equal.
    func agencyBytes(_ rows: [CollectingConsumer.Row]) -> [[UInt8]] { rows.map { Array(($0.agency ?? "").utf8) } }

    func firstError(_ path: String, _ configure: (inout ScanOptions) -> Void = { _ in }) -> IngestError? {
        do {
            _ = try scan([path], configure)
        } catch let error as IngestError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    /// "UBND xã Bắc Sơn" precomposed (NFC), spelled by code point.
    static let bacSon = "UBND x\u{E3} B\u{1EAF}c S\u{1A1}n"

    @Test func windows1258WithCombiningMarksComesOutPrecomposed() throws {
        // Windows-1258 (Microsoft's table, also unicode.org MAPPINGS/VENDORS/MICSFT/WINDOWS/
        // CP1258.TXT) has no "ắ" or "ã": they are a + U+0303 (0xDE) and ă (0xE3) + U+0301 (0xEC);
        // ơ is 0xF5.
        let name: [UInt8] =
            Array("UBND xa".utf8) + [0xDE] + Array(" B".utf8) + [0xE3, 0xEC] + Array("c S".utf8)
            + [0xF5] + Array("n".utf8)
        let bytes = Array(Self.header.utf8) + Array("H1,".utf8) + name + Array(",2,20260302081500\n".utf8)
        let path = files.write("cp1258.csv", bytes: bytes)
        let read = try rows(path) { $0.encoding = TextEncoding(named: "cp1258") }
        #expect(agencyBytes(read) == [Array(Self.bacSon.utf8)])
        // Read as UTF-8, the same file is refused with the fix.
        let error = try #require(firstError(path))
        #expect(error.rule == .invalidUTF8 && error.field == "DonViXuLy" && error.line == 2)
        #expect(error.description.contains("--encoding cp1258") && error.description.contains("--encoding tcvn3"))
    }

    @Test func tcvn3ComesOutPrecomposed() throws {
        // TCVN 5712:1993 VN3 (the ABC fonts): ã 0xB7, ắ 0xBE, ơ 0xAC.
        let name: [UInt8] =
            Array("UBND x".utf8) + [0xB7] + Array(" B".utf8) + [0xBE] + Array("c S".utf8) + [0xAC]
            + Array("n".utf8)
        let bytes = Array(Self.header.utf8) + Array("H1,".utf8) + name + Array(",2,20260302081500\n".utf8)
        let path = files.write("tcvn3.csv", bytes: bytes)
        #expect(agencyBytes(try rows(path) { $0.encoding = TextEncoding(named: "tcvn3") }) == [Array(Self.bacSon.utf8)])
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMarkIsDecoded(bigEndian: Bool) throws {
        let text =
            Self.header + "H1,\(Self.bacSon),2,20260302081500\r\nH2,\"Phường Đống Đa, Hà Nội\",2,20260302081500\r\n"
        // Swift's own UTF-16, not iconv, writes the file.
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bigEndian ? pair.reversed() : pair
        }
        let read = try rows(files.write("utf16.csv", bytes: bytes))
        #expect(read.map(\.id) == ["H1", "H2"])
        #expect(agencyBytes(read) == [Array(Self.bacSon.utf8), Array("Phường Đống Đa, Hà Nội".utf8)])
    }

    @Test func utf16WithoutByteOrderMarkNamesTheFix() throws {
        let bytes = (Self.header + "H1,A,2,20260302081500\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let path = files.write("utf16-no-bom.csv", bytes: bytes)
        let error = try #require(firstError(path))
        #expect(error.rule == .utf16WithoutByteOrderMark(bigEndian: false))
        #expect(error.description.contains("--encoding utf-16le"))
        // And that fix works.
        #expect(try rows(path) { $0.encoding = TextEncoding(named: "utf-16le") }.map(\.id) == ["H1"])
    }

    /// Each twin in Datasets/encodings (see its README for how they were made) reads as the
    /// UTF-8 original, byte for byte: NFC names, the same records.
    @Test(
        arguments: [
            ("dossiers-cp1258.csv", "cp1258"), ("dossiers-tcvn3.csv", "tcvn3"), ("dossiers-utf16le.csv", nil),
            ("dossiers-utf16be.csv", nil),
        ] as [(String, String?)])
    func sampleTwinsReadAsTheOriginal(file: String, encoding: String?) throws {
        let original = try rows(Self.twins + "dossiers.csv")
        #expect(original.count == 200)
        for chunkSize in [1 << 20, 4096, 700] {
            let twin = try rows(Self.twins + file) {
                $0.encoding = encoding.map { TextEncoding(named: $0) }
                $0.chunkSize = chunkSize
            }
            #expect(twin == original)
            #expect(agencyBytes(twin) == agencyBytes(original))
        }
    }

    @Test func bytesTheEncodingLacksAreAnErrorWithLineAndOffset() throws {
        // 0x81 has no character in Windows-1258.
        let bytes =
            Array(Self.header.utf8) + Array("H1,A,2,20260302081500\nH2,B".utf8) + [0x81]
            + Array(",2,20260302081500\n".utf8)
        let path = files.write("bad-cp1258.csv", bytes: bytes)
        let error = try #require(firstError(path) { $0.encoding = TextEncoding(named: "cp1258") })
        #expect(error.rule == .undecodable(encoding: "cp1258"))
        #expect(error.line == 3 && error.byteOffset == bytes.firstIndex(of: 0x81))
        #expect(error.text?.hasPrefix("\\x81,") == true)
    }

    @Test func invalidUTF8IsAnInvalidRecordNamingTheByte() throws {
        // A lone continuation byte in a unit name, on the clean path and on the general path
        // (a quoted field with a doubled quote), and in JSONL.
        let good = "H1,A,2,20260302081500\n"
        let bad: [UInt8] = Array("H2,B\u{1EAF}".utf8) + [0xAF] + Array("c,2,20260302081500\n".utf8)
        let quoted: [UInt8] = Array("H3,\"B\"\"".utf8) + [0xE1, 0xBA] + Array("\",2,20260302081500\n".utf8)
        let bytes =
            Array((Self.header + good).utf8) + bad + quoted
            + Array(good.replacingOccurrences(of: "H1", with: "H4").utf8)
        let path = files.write("bad-utf8.csv", bytes: bytes)
        let error = try #require(firstError(path))
        let offset = Self.header.utf8.count + good.utf8.count + 7
        #expect(error.rule == .invalidUTF8 && error.field == "DonViXuLy")
        #expect(error.line == 3 && error.column == 6 && error.byteOffset == offset)
        #expect(error.description.contains("byte \(offset) of the file"))
        #expect(!error.description.contains("\u{FFFD}"))
        let (rows, summary) = try scan([path]) { $0.skipInvalid = true }
        #expect(rows.map(\.id) == ["H1", "H4"])
        #expect(summary.records == 4 && summary.rejected == 2)

        let jsonl: [UInt8] =
            Array("{\"MaHoSo\":\"J1\",\"TrangThaiHoSo\":1,\"DonViXuLy\":\"B".utf8) + [0xC3] + Array("\"}\n".utf8)
        // In JSONL the strict grammar (`JSONSyntax`) finds it, at the byte.
        let jsonError = try #require(firstError(files.write("bad.jsonl", bytes: jsonl)))
        guard case .malformedJSON(let detail) = jsonError.rule else {
            Issue.record("\(jsonError.rule)")
            return
        }
        #expect(detail.contains("invalid UTF-8") && jsonError.column == jsonl.firstIndex(of: 0xC3)! + 1)
        #expect(jsonError.description.contains("--encoding cp1258"))
    }

    @Test func headerNotInUTF8SuggestsTheEncoding() throws {
        // Vietnamese column names saved in Windows-1258 ("Mã hồ sơ": ã 0xE3, ồ = ô 0xF4 + U+0300
        // 0xCC, ơ 0xF5) match no field.
        let header: [UInt8] =
            Array("M".utf8) + [0xE3] + Array(" h".utf8) + [0xF4, 0xCC] + Array(" s".utf8) + [0xF5]
            + Array(",TrangThaiHoSo\nH1,2\n".utf8)
        let error = try #require(firstError(files.write("header-cp1258.csv", bytes: header)))
        #expect(error.rule == .invalidUTF8 && error.line == 1 && error.byteOffset == 1)
    }

    @Test func encodingNamesMapToTheSystemsIconv() {
        #expect(TextEncoding(named: "cp1258").iconvName == "CP1258")
        #expect(TextEncoding(named: "Windows-1258").iconvName == "CP1258")
        #expect(TextEncoding(named: "TCVN3").iconvName == "TCVN5712-1")
        #expect(TextEncoding(named: "cp1258").isKnown && TextEncoding(named: "tcvn3").isKnown)
        #expect(!TextEncoding(named: "no-such-encoding").isKnown)
        #expect(TextEncoding.isUTF8("UTF-8") && TextEncoding.isUTF8("utf8") && !TextEncoding.isUTF8("utf-16"))
    }

    /// The transcoder normalises block by block: whatever the block size, its output is the NFC
    /// of the whole text (Foundation's normalisation of the whole text is the reference).
    @Test(arguments: [1, 2, 3, 5, 16, 61, 4096])
    func transcodedTextIsNFCWhateverTheBlockSize(blockSize: Int) throws {
        var random = SplitMix(seed: UInt64(blockSize))
        let pieces = [
            "Ha\u{300} No\u{323}\u{302}i", "\u{110}o\u{302}\u{301}ng \u{110}a", "x\u{61}\u{303}", ",", "\n", "B",
            "\u{1EAF}",
        ]
        var text = ""
        for _ in 0..<3000 { text += pieces[Int(random.next() % UInt64(pieces.count))] }
        let path = files.write("nfd-utf16.txt", bytes: text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let source = try InputSource(path: path)
        let transcoder = try Transcoder(
            source: source, encoding: TextEncoding(named: "utf-16le"), offset: 0, blockSize: blockSize)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 777)
        while !transcoder.reachedEnd {
            let n = try buffer.withUnsafeMutableBytes { try transcoder.read(into: $0.baseAddress!, count: $0.count) }
            out += buffer[0..<n]
        }
        #expect(out == Array(text.precomposedStringWithCanonicalMapping.utf8))
    }
}

extension EncodingTests {
    @Test func dataFilesThatAreNotUTF8NameTheByte() throws {
        // A catalog saved in Windows-1258: "Chứng thực" has ư as 0xFD.
        let bytes = Array("code,deadline,name\n2.000815,4h,Ch".utf8) + [0xFD, 0xEC] + Array("ng th\u{1EF1}c\n".utf8)
        #expect {
            _ = try CatalogReader.read(csv: bytes, name: "catalog.csv")
        } throws: { error in
            guard let error = error as? DataFileError else { return false }
            return error.line == 2 && error.column == 15 && error.message.contains("byte 33 of the file is not UTF-8")
        }
    }
}
