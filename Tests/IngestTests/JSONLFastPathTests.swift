import Records
import TestSupport
import Testing

@testable import Ingest

/// The JSONL fast paths (a predicted key matched whole, plain strings 16 bytes a step, plain
/// integers, the UTF-8 of a string checked whole) against the general paths and slow
/// references, on seeded random input.
@Suite struct JSONLFastPathTests {
    /// The bytes the tests draw from: plain ASCII, the bytes a string's run stops at, UTF-8.
    static let alphabet: [UInt8] =
        Array(#"aZ09 ,:{}[]"\/unbt.eE+-"#.utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F]
        + [0xC3, 0xA1, 0xE1, 0xBB, 0x99, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0xF4, 0x90, 0xC0, 0xBF, 0xFF]

    static func randomBytes(_ random: inout SplitMix, count: Int, plain: Double) -> [UInt8] {
        (0..<count).map { _ in
            random.chance(plain)
                ? UInt8(ascii: "a") + UInt8(random.below(26)) : alphabet[random.below(alphabet.count)]
        }
    }

    // MARK: - key patterns

    @Test(arguments: [1, 2, 3])
    func aKeyPatternMatchesExactlyItsBytes(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var matched = 0
        for round in 0..<6000 {
            let name = Self.randomBytes(&random, count: random.below(31), plain: 0.9)
            let afterComma = random.chance(0.5)
            let pattern = JSONKeyPattern(name: name, afterComma: afterComma)
            let text = (afterComma ? Array(",\"".utf8) : Array("\"".utf8)) + name + Array("\":".utf8)
            // The pattern's bytes at a random place, often damaged, with a random tail.
            var buffer = Self.randomBytes(&random, count: random.below(4), plain: 0.5) + text
            if random.chance(0.5), !buffer.isEmpty {
                buffer[random.below(buffer.count)] = Self.alphabet[random.below(Self.alphabet.count)]
            }
            let at = buffer.count - text.count
            buffer += Self.randomBytes(&random, count: random.below(12), plain: 0.5)
            let end = random.chance(0.2) ? random.below(buffer.count + 1) : buffer.count
            let plainName = name.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
            let same = at + text.count <= end && Array(buffer[at..<(at + text.count)]) == text
            let matches = buffer.withUnsafeBufferPointer { pattern.matches($0.baseAddress!, at: at, end: end) }
            // A match proves the bytes; the bytes of a plain key with room to read give a match.
            if matches {
                matched += 1
                #expect(same && plainName && pattern.length == text.count, "seed \(seed) round \(round)")
            } else if same && plainName && text.count <= JSONKeyPattern.maxLength && end - at >= max(text.count, 8) {
                Issue.record("seed \(seed) round \(round): \(text) not matched")
            }
        }
        #expect(matched > 900)
    }

    // MARK: - strings

    /// The first byte at or after `start` that ends a plain run, byte by byte.
    static func referenceRunEnd(_ bytes: [UInt8], from start: Int, end: Int, passingNonASCII: Bool) -> Int {
        var p = start
        while p < end {
            let b = bytes[p]
            if b == 0x22 || b == 0x5C || b < 0x20 || (b >= 0x80 && !passingNonASCII) { return p }
            p += 1
        }
        return end
    }

    @Test(arguments: [1, 2, 3])
    func aPlainRunEndsWhereTheByteByByteScanSays(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for round in 0..<6000 {
            let bytes = Self.randomBytes(&random, count: random.below(80), plain: 0.97)
            let end = random.below(bytes.count + 1)
            let start = random.below(end + 1)
            for passing in [false, true] {
                let expected = Self.referenceRunEnd(bytes, from: start, end: end, passingNonASCII: passing)
                let found = bytes.withUnsafeBufferPointer {
                    JSONSyntax.plainRunEnd($0.baseAddress!, from: start, end: end, passingNonASCII: passing)
                }
                #expect(found == expected, "seed \(seed) round \(round) passing \(passing)")
            }
        }
    }

    /// The offset of the first byte that starts no well-formed UTF-8 sequence, by the standard
    /// library's decoder; nil when there is none.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    static let stringPieces: [String] = [
        "a", "MaHoSo", "0123456789abcdef", "Bộ phận Một cửa phường Đống Đa, Hà Nội", "😀", "\\\"", "\\\\", "\\/",
        "\\n", "\\u00e3", "\\uD83D\\uDE00", "\\uDC00", "\\uD800x", "\\x", "\\u12G4", " ", "x,y", "\t",
    ]
    static let damage: [[UInt8]] = [
        [0xC3], [0xC3, 0x28], [0xE1, 0xBB], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0x01],
    ]

    /// A string (opening quote first) of random pieces, sometimes damaged or cut short.
    static func randomString(_ random: inout SplitMix) -> [UInt8] {
        var s: [UInt8] = [0x22]
        for _ in 0..<random.below(6) {
            s +=
                random.chance(0.1)
                ? damage[random.below(damage.count)] : Array(stringPieces[random.below(stringPieces.count)].utf8)
        }
        if !random.chance(0.1) { s.append(0x22) }
        return s
    }

    @Test(arguments: [1, 2, 3, 4])
    func scanStringAgreesWithTheReference(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var outcomes = (valid: 0, invalid: 0)
        for round in 0..<8000 {
            let text = Self.randomString(&random)
            let buffer = text + (random.chance(0.5) ? Array(#","MaTTHC":"1.001612"}"#.utf8) : [])
            var reference = JSONReference(bytes: buffer)
            let valid = reference.string()
            let result: Result<(Int, Int, Bool, Int), JSONLFailure> = buffer.withUnsafeBufferPointer { b in
                var cursor = JSONCursor(base: b.baseAddress!, position: 0, end: b.count)
                do throws(JSONLFailure) {
                    let span = try JSONSyntax.scanString(&cursor)
                    return .success((span.start, span.end, span.escaped, cursor.position))
                } catch {
                    return .failure(error)
                }
            }
            let label = "seed \(seed) round \(round): \(text)"
            switch result {
            case .success(let (start, end, escaped, position)):
                outcomes.valid += 1
                #expect(valid, "\(label) was accepted")
                #expect(start == 1 && position == reference.at && end == position - 1, "\(label)")
                #expect(escaped == buffer[1..<end].contains(0x5C), "\(label)")
            case .failure(let failure):
                outcomes.invalid += 1
                #expect(!valid, "\(label) was rejected: \(failure.rule)")
                // Invalid UTF-8 is named at its first bad byte, unless a fault comes before it.
                let message = "\(failure.rule)"
                if message.contains("invalid UTF-8") {
                    let contentEnd =
                        buffer[failure.offset...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? buffer.count
                    #expect(Self.firstInvalidUTF8(buffer[failure.offset..<contentEnd]) == 0, "\(label)")
                    #expect(Self.firstInvalidUTF8(buffer[1..<failure.offset]) == nil, "\(label)")
                }
            }
        }
        #expect(outcomes.valid > 2000 && outcomes.invalid > 800, "\(outcomes)")
    }

    // MARK: - numbers

    @Test(arguments: [1, 2, 3])
    func scanNumberAgreesWithTheReference(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let pieces = ["0", "1", "7", "10", "99", "100000", "-", ".", "e", "E", "+", "5", "00"]
        let tails = [",", "}", "]", " ", "x", ""]
        var plain = 0
        for round in 0..<6000 {
            var text = ""
            for _ in 0..<(1 + random.below(4)) { text += pieces[random.below(pieces.count)] }
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || (48...57).contains(first) else { continue }
            let buffer = Array((text + tails[random.below(tails.count)]).utf8)
            var reference = JSONReference(bytes: buffer)
            let valid = reference.number()
            let (accepted, position, wasPlain) = buffer.withUnsafeBufferPointer { b -> (Bool, Int, Bool) in
                var cursor = JSONCursor(base: b.baseAddress!, position: 0, end: b.count)
                var probe = cursor
                let isPlain = JSONSyntax.plainInteger(&probe)
                do throws(JSONLFailure) {
                    try JSONSyntax.scanNumber(&cursor)
                } catch {
                    return (false, cursor.position, isPlain)
                }
                // The fast path, when it answers, answers as the whole grammar does.
                if isPlain { #expect(probe.position == cursor.position, "seed \(seed) round \(round): \(text)") }
                return (true, cursor.position, isPlain)
            }
            if wasPlain { plain += 1 }
            #expect(accepted == valid, "seed \(seed) round \(round): '\(text)'")
            if accepted && valid { #expect(position == reference.at, "seed \(seed) round \(round): '\(text)'") }
        }
        #expect(plain > 300)
    }

    // MARK: - whole lines: the predicted keys against the general path

    /// The keys of a line and the values each may take, valid or not (the first is valid).
    static let keys: [(name: String, values: [String])] = [
        ("MaHoSo", ["\"H-1\"", "\"H-2\"", "\"\"", "7"]),
        ("MaTTHC", ["\"1.001612\"", "\"2.000815\"", "\"\""]),
        ("MaLinhVuc", ["\"HoTich\""]),
        ("DonViXuLy", ["\"UBND x\\u00e3 A\"", "\"Bộ phận Một cửa phường Đống Đa, Hà Nội\"", "\"B\""]),
        ("TenTTHC", ["\"Cấp bản sao \\\"Trích lục\\\"\""]),
        ("KenhThucHien", ["1", "2", "3", "\"2\"", "4", "2.0"]),
        ("TrangThaiHoSo", ["1", "4", "10", "\"10\"", "11", "null"]),
        ("NgayTiepNhan", ["\"20260330083344\"", "\"2026-03-30T08:33:44\"", "\"2X26\""]),
        ("NgayHenTra", ["\"20260402083344\"", "null", "\"\""]),
        ("NgayKetThucXuLy", ["\"20260331114632\"", "null"]),
        ("MucDo", ["2", "3", "4", "0"]),
        ("CoPhiLePhi", ["0", "1", "true", "false"]),
        ("DuocThanhToanTrucTuyen", ["0", "1", "2", "3"]),
        ("HoSoCoThanhPhanSoHoa", ["0", "1"]),
        ("XinLoi", ["0", "1"]),
        ("DanhSachLePhi", ["[{\"Gia\":100000}]", "[{\"TenPhiLePhi\":\"x\",\"Gia\":0}]", "[]", "null"]),
        ("TaiLieuNop", ["[{\"DuocSoHoa\":1},{\"DuocSoHoa\":0}]", "[{ \"DuocSoHoa\" : 1 }]", "[]"]),
        (
            "DanhSachHoSoBoSung",
            [
                "[{\"NgayBoSung\":\"20260331080000\",\"NgayTiepNhanBoSung\":\"20260401080000\"}]",
                "[{\"NgayTiepNhanBoSung\":\"\",\"NgayBoSung\":\"20260331080000\",\"TrangThaiBoSung\":1}]", "[]",
            ]
        ),
        ("GhiChu", ["{\"a\":[1,2,{\"b\":null}],\"c\":-1.5e+3}", "\"\\u0041\""]),
        ("QuaTrinhXuLy", ["[{\"ThoiDiemXuLy\":\"20260330083344\",\"TrangThai\":2,\"NoiDungXuLy\":\"x\"}]", "[]"]),
    ]

    /// A dossier line: the keys in `order` (each left out now and then), compact or spaced,
    /// damaged by a few random edits now and then.
    static func randomLine(_ random: inout SplitMix, order: [Int]) -> [UInt8] {
        let spaced = random.chance(0.15)
        var members: [String] = []
        for k in order where !random.chance(0.1) {
            let (name, values) = keys[k]
            members.append(
                "\"\(name)\"" + (spaced ? " : " : ":") + values[random.chance(0.7) ? 0 : random.below(values.count)])
        }
        var line = Array(("{" + members.joined(separator: spaced ? " , " : ",") + "}").utf8)
        if random.chance(0.3) {
            for _ in 0..<(1 + random.below(2)) {
                let at = random.below(line.count + 1)
                let byte = alphabet[random.below(alphabet.count)]
                switch random.below(3) {
                case 0: line.insert(byte, at: at)
                case 1 where at < line.count: line.remove(at: at)
                default: if at < line.count { line[at] = byte } else { line.append(byte) }
                }
            }
        }
        return line
    }

    /// What a parse gave: the outcome and every field of the record read.
    static func describe(_ outcome: RecordParse, _ r: DossierRecord, kind: LogKind) -> String {
        var text = "\(outcome)"
        guard case .record = outcome else { return text }
        for bytes in [r.id, r.procedure, r.field, r.agency, r.procedureName, r.owner] { text += " \(Array(bytes))" }
        text += " \(r.channel) \(r.status) \(String(describing: r.received)) \(String(describing: r.due))"
        text += " \(String(describing: r.processingEnd)) \(String(describing: r.returned)) \(r.level)"
        text += " \(String(describing: r.fullOnline)) \(String(describing: r.feeBearing))"
        text += " \(String(describing: r.paidOnline)) \(String(describing: r.digitized))"
        text += " \(String(describing: r.electronicResult)) \(String(describing: r.apology)) \(r.pauses)"
        if kind == .steps { text += " \(r.embeddedSteps)" }
        return text
    }

    static func parse(_ line: [UInt8], with parser: inout JSONLRecordParser, kind: LogKind) -> String {
        var record = DossierRecord()
        let outcome = line.withUnsafeBytes { parser.parse($0, at: 0, atEnd: true, into: &record) }
        return describe(outcome, record, kind: kind)
    }

    /// A parser that has seen the lines before (its predictor warm, trained on the log's order and
    /// sometimes misled by another) reads every line as a fresh parser does, whose every key
    /// goes through the general path.
    @Test(arguments: [(UInt64(1), LogKind.dossiers), (2, .dossiers), (3, .dossiers), (4, .steps)])
    func aWarmParserReadsEachLineAsAFreshOneDoes(seed: UInt64, kind: LogKind) {
        var random = SplitMix(seed: seed)
        let logOrder = Array(Self.keys.indices).shuffled(using: &random)
        var warm = JSONLRecordParser(kind: kind)
        defer { warm.deallocate() }
        var records = 0
        for round in 0..<2000 {
            let order = random.chance(0.9) ? logOrder : Array(Self.keys.indices).shuffled(using: &random)
            let line = Self.randomLine(&random, order: order)
            var fresh = JSONLRecordParser(kind: kind)
            let expected = Self.parse(line, with: &fresh, kind: kind)
            fresh.deallocate()
            let got = Self.parse(line, with: &warm, kind: kind)
            if expected.hasPrefix("record") { records += 1 }
            #expect(got == expected, "seed \(seed) round \(round): \(String(decoding: line, as: UTF8.self))")
        }
        #expect(records > 400, "\(records) records")
    }
}
