import Foundation
import Records
import TestSupport
import Testing

@testable import Ingest

/// Every JSONL line is held to RFC 8259, under keys the engine reads or not.
@Suite struct JSONLStrictnessTests {
    static let fixtures = String(#filePath).replacingOccurrences(
        of: "JSONLStrictnessTests.swift", with: "Fixtures/JSONTestSuite")

    /// The JSONTestSuite cases: name and bytes.
    static let cases: [(name: String, bytes: [UInt8])] = {
        let names = try! FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".json") }
        return names.sorted().map { ($0, Array(FileManager.default.contents(atPath: fixtures + "/" + $0)!)) }
    }()

    /// The `i_` cases tthc accepts: numbers of any size. Every other `i_` case is rejected.
    static func acceptsImplementationDefined(_ name: String) -> Bool { name.hasPrefix("i_number_") }

    static func expectedValid(_ name: String) -> Bool {
        name.hasPrefix("y_") || (name.hasPrefix("i_") && acceptsImplementationDefined(name))
    }

    static let prefix = Array(#"{"MaHoSo":"X","TrangThaiHoSo":1,"Extra":"#.utf8)

    /// A dossier line with `value`, trimmed, under a key the engine does not read.
    static func embedded(_ value: [UInt8], id: String = "X") -> [UInt8] {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var v = value[...]
        while let f = v.first, space.contains(f) { v = v.dropFirst() }
        while let l = v.last, space.contains(l) { v = v.dropLast() }
        return Array(#"{"MaHoSo":"\#(id)","TrangThaiHoSo":1,"Extra":"#.utf8) + v + Array("}".utf8)
    }

    static func hasInnerLineEnd(_ bytes: [UInt8]) -> Bool {
        embedded(bytes).contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// Parses one line (up to its first line feed) on its own buffer.
    static func parse(_ line: [UInt8]) -> RecordParse {
        var parser = JSONLRecordParser()
        defer { parser.deallocate() }
        var record = DossierRecord()
        return line.withUnsafeBytes { parser.parse($0, at: 0, atEnd: true, into: &record) }
    }

    @Test func jsonTestSuiteCasesUnderAnUnreadKey() throws {
        #expect(Self.cases.count == 316)
        for (name, bytes) in Self.cases {
            var value = bytes
            // JSONL keeps a record on one line: the y_ cases' line ends (outside strings) become spaces.
            if name.hasPrefix("y_") { value = value.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 } }
            let outcome = Self.parse(Self.embedded(value))
            switch outcome {
            case .record:
                #expect(Self.expectedValid(name), "\(name) was accepted")
            case .invalid(_, _, let rule, _, _):
                #expect(!Self.expectedValid(name), "\(name) was rejected: \(rule)")
                guard case .malformedJSON = rule else {
                    Issue.record("\(name): \(rule), expected malformed JSON")
                    continue
                }
            default:
                Issue.record("\(name): \(outcome)")
            }
        }
    }

    @Test func theSameCasesAsTheDossierLineItself() throws {
        // A case in place of the whole line: only objects can be dossiers, and none of the
        // y_ objects has MaHoSo, so every line is invalid, but never read as a record.
        for (name, bytes) in Self.cases where !bytes.contains(0x0A) {
            if case .record = Self.parse(bytes) { Issue.record("\(name) read as a dossier") }
        }
    }

    @Test(arguments: [(1, 1 << 20), (2, 64), (2, 7)])
    func aFileOfTheCasesCountsEachInvalidLineOnce(workers: Int, chunkSize: Int) throws {
        let files = TestFiles()
        defer { files.remove() }
        // Cases with a NUL byte would make the file "binary"; those with line ends inside are not one line.
        let usable = Self.cases.filter { !$0.bytes.contains(0) && !Self.hasInnerLineEnd($0.bytes) }
        var text: [UInt8] = []
        for (name, bytes) in usable {
            text += Self.embedded(bytes, id: name)
            text.append(0x0A)
        }
        let path = files.write("cases.jsonl", bytes: text)
        let rejects = files.path("rejects.txt")
        let (rows, summary) = try scanSkippingInvalid(path, rejects: rejects, workers: workers, chunkSize: chunkSize)
        let valid = usable.filter { Self.expectedValid($0.name) }.map(\.name)
        #expect(rows.map(\.id) == valid)
        #expect(summary.records == usable.count)
        #expect(summary.rejected == usable.count - valid.count)
        // Rejected lines are written verbatim, invalid UTF-8 included.
        let written = String(decoding: try #require(FileManager.default.contents(atPath: rejects)), as: UTF8.self)
        #expect(written.components(separatedBy: "# \(path):").count - 1 == summary.rejected)
        #expect(written.contains("malformed JSON"))
    }

    @Test func nestingPastTheLimitIsAnErrorNotACrash() throws {
        let hundredThousand = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let openArrayObject = Array(String(repeating: "[{\"\":", count: 50_000).utf8)
        for value in [hundredThousand, openArrayObject] {
            guard case .invalid(_, _, let rule, _, let offset) = Self.parse(Self.embedded(value)) else {
                Issue.record("accepted")
                continue
            }
            #expect("\(rule)".contains("nested deeper than 128 levels"))
            // The object is level 1, so the 128th bracket of the value is the first too many.
            #expect(offset == Self.prefix.count + (value == hundredThousand ? 127 : 63 * 5 + 1))
        }
        // Exactly at the limit: the object and 127 arrays.
        let deepest = String(repeating: "[", count: 127) + String(repeating: "]", count: 127)
        guard case .record = Self.parse(Self.embedded(Array(deepest.utf8))) else {
            Issue.record("127 nested arrays under the object were rejected")
            return
        }
        let tooDeep = "[" + deepest + "]"
        guard case .invalid = Self.parse(Self.embedded(Array(tooDeep.utf8))) else {
            Issue.record("128 nested arrays under the object were accepted")
            return
        }
    }

    /// The issue's examples, each under a key the engine does not read: line, column, rule, fix.
    @Test(arguments: [
        (#"[1 true]"#, 3, "expected ',' or ']' after a list item"),
        (#"{"a":1,}"#, 7, "JSON allows no trailing comma"),
        (#"[1,]"#, 3, "JSON allows no trailing comma"),
        (#"'single quotes'"#, 0, "single-quoted string (JSON strings take double quotes)"),
        (#""bad \x escape""#, 5, "bad escape '\\x'"),
        (#"NaN"#, 0, "NaN and Infinity are not JSON"),
        (#"-Infinity"#, 0, "a '-' must be followed by digits"),
        (#"0123"#, 0, "leading zero"),
        (#"1."#, 0, "a digit must follow the decimal point"),
        (#""\uD800""#, 1, "lone UTF-16 surrogate \\uD800"),
        (#"tru"#, 0, "unquoted text"),
        ("\"tab\there\"", 4, "unescaped control character 0x09"),
    ])
    func anInvalidValueIsAnErrorNamingWhereAndHow(value: String, offset: Int, message: String) throws {
        let files = TestFiles()
        defer { files.remove() }
        let first = #"{"MaHoSo":"A","TrangThaiHoSo":1}"#
        let line = #"{"MaHoSo":"B","TrangThaiHoSo":1,"GhiChu":"# + value + "}"
        let path = files.write("bad.jsonl", bytes: Array((first + "\n" + line + "\n").utf8))
        do {
            _ = try scan([path])
            Issue.record("accepted \(value)")
        } catch let error as IngestError {
            #expect(error.line == 2)
            // Columns count characters from 1; the value starts after `"GhiChu":`.
            #expect(error.column == 42 + offset)
            #expect(error.description.contains("bad.jsonl:2:\(42 + offset): malformed JSON: "))
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func invalidUTF8IsNamedWithItsByte() throws {
        let files = TestFiles()
        defer { files.remove() }
        var line = Array(#"{"MaHoSo":"B","TrangThaiHoSo":1,"GhiChu":"x"#.utf8)
        line += [0xC3, 0x28]  // a lead byte followed by ASCII
        line += Array("\"}\n".utf8)
        let path = files.write("utf8.jsonl", bytes: line)
        let error = try #require(throws: IngestError.self) { try scan([path]) }
        #expect(error.line == 1 && error.column == 44)
        #expect(error.description.contains("invalid UTF-8 at byte 0xC3"))
        #expect(error.description.contains("re-save the file as UTF-8"))
    }

    @Test func damageUnderAReadKeyIsCaughtToo() throws {
        for line in [
            #"{"MaHoSo":"A","TrangThaiHoSo":nul}"#, #"{"MaHoSo":"A","TrangThaiHoSo":01}"#,
            #"{"MaHoSo":"A","TrangThaiHoSo":1,"DanhSachLePhi":[{"Gia":1,}]}"#,
            #"{"MaHoSo":"A","TrangThaiHoSo":1,"TaiLieuNop":[{"DuocSoHoa":1}{"DuocSoHoa":0}]}"#,
            #"{"MaHoSo":"A","TrangThaiHoSo":1,"DanhSachLePhi":[{"Gia":1,"x":[1 2]}]}"#,
            #"{"MaHoSo":"A\q","TrangThaiHoSo":1}"#, #"{"MaHoSo":"A","TrangThaiHoSo":1,}"#,
            #"{"MaHoSo":"A" "TrangThaiHoSo":1}"#, #"{"MaHoSo":"A","TrangThaiHoSo":1} {}"#,
        ] {
            guard case .invalid(_, _, let rule, _, _) = Self.parse(Array(line.utf8)) else {
                Issue.record("accepted \(line)")
                continue
            }
            guard case .malformedJSON = rule else {
                Issue.record("\(line): \(rule)")
                continue
            }
        }
    }

    @Test func aRawLineFeedInsideAStringSplitsTheRecordAndBothHalvesAreRejected() throws {
        let files = TestFiles()
        defer { files.remove() }
        let text = """
            {"MaHoSo":"A","TrangThaiHoSo":1,"GhiChu":"one
            two"}
            {"MaHoSo":"B","TrangThaiHoSo":1}

            """
        let path = files.write("split.jsonl", bytes: Array(text.utf8))
        let (rows, summary) = try scan([path]) { $0.skipInvalid = true }
        #expect(rows.map(\.id) == ["B"])
        #expect(summary.records == 3 && summary.rejected == 2)
    }

    /// JSONSyntax.skipValue against the slow reference on seeded random values, most of them
    /// damaged by a few random edits.
    @Test(arguments: [1, 2, 3, 4])
    func skipValueAgreesWithTheReference(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var outcomes = (valid: 0, invalid: 0)
        defer { #expect(outcomes.valid > 500 && outcomes.invalid > 500, "\(outcomes)") }
        for round in 0..<3000 {
            var text = Array(Self.randomValue(&random, depth: 0).utf8)
            let edits = Int(random.next() % 4)
            for _ in 0..<edits { Self.edit(&text, &random) }
            let depth = Int(random.next() % 3) + 1
            let expected = JSONReference.isValid(text, depth: depth)
            if expected { outcomes.valid += 1 } else { outcomes.invalid += 1 }
            let accepted = text.withUnsafeBufferPointer { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                var cursor = JSONCursor(base: base, position: 0, end: buffer.count)
                do {
                    try JSONSyntax.skipValue(&cursor, depth: depth)
                    cursor.skipSpaces()
                    return cursor.position == buffer.count
                } catch {
                    return false
                }
            }
            #expect(
                accepted == expected,
                "seed \(seed) round \(round): '\(String(decoding: text, as: UTF8.self))' reference says \(expected)")
        }
    }

    static let alphabet: [UInt8] =
        Array(#"{}[],:"\/ubfnrtuD8C0019.eE+-xlasN "#.utf8) + [0x09, 0x0D, 0x00, 0x1F, 0x7F]
        + [0xC3, 0xA1, 0xE1, 0xBB, 0x99, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x90, 0xC0, 0xFF]

    static func edit(_ text: inout [UInt8], _ random: inout SplitMix) {
        let position = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count + 1))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 3 {
        case 0: text.insert(byte, at: position)
        case 1 where position < text.count: text.remove(at: position)
        default: if position < text.count { text[position] = byte } else { text.append(byte) }
        }
    }

    static func randomValue(_ random: inout SplitMix, depth: Int) -> String {
        let pick = random.next() % (depth > 4 ? 6 : 8)
        switch pick {
        case 0: return ["true", "false", "null"][Int(random.next() % 3)]
        case 1:
            return ["0", "-0", "12", "-3.25", "1e10", "2E-3", "0.5e+2", "123456789012345678901234567890"][
                Int(random.next() % 8)]
        case 2, 3, 4, 5:
            let pieces = [
                "a", "Bộ phận Một cửa", "\\\"", "\\\\", "\\/", "\\n", "\\u00e3", "\\uD83D\\uDE00", "😀", " ", "x,y",
            ]
            var s = "\""
            for _ in 0..<Int(random.next() % 4) { s += pieces[Int(random.next() % UInt64(pieces.count))] }
            return s + "\""
        case 6:
            let n = Int(random.next() % 4)
            return "[" + (0..<n).map { _ in randomValue(&random, depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            let n = Int(random.next() % 4)
            return "{"
                + (0..<n).map { i in "\"k\(i)\": " + randomValue(&random, depth: depth + 1) }.joined(separator: ",")
                + "}"
        }
    }
}
