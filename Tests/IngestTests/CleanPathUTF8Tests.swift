import Records
import TestSupport
import Testing

@testable import Ingest

/// Bytes that are not UTF-8 in any text column the engine reads, on the clean path: the
/// record must come out as the general path gives it (refused, with the same rule, field and
/// offset), whatever the value's length, the bad sequence's place in it and the column order.
/// Every other value is clean, so only the text check can send the record away.
@Suite struct CleanPathUTF8Tests {
    /// Overlong forms, surrogates, code points past U+10FFFF, sequences cut short (by ASCII or
    /// by the value's end), lone continuation bytes, bytes never in UTF-8.
    static let bad: [[UInt8]] = [
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0xAF],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xE1, 0xBA], [0xC3], [0xF0, 0x9F, 0x98], [0x80], [0xBF], [0xFF], [0xFE],
    ]

    static let columns: [(name: String, header: [DossierField?])] = [
        ("export", CleanPathDifferentialTests.exportHeader), ("generated", CleanPathDifferentialTests.header),
        ("text last", CleanPathDifferentialTests.textLastHeader),
    ]

    /// A value of `length` bytes or so (ASCII and two- or three-byte letters) with `bad` at
    /// `place` (0: first, 1: middle, 2: last).
    static func value(length: Int, bad: [UInt8], place: Int, _ rng: inout SplitMix) -> [UInt8] {
        let letters = ["a", "Z", "1", ".", " ", "é", "Đ", "ộ"]
        var text: [UInt8] = []
        while text.count < length { text += Array(letters[rng.below(letters.count)].utf8) }
        // Not at either end when the value is empty: a space is trimmed, a letter is not.
        if text.isEmpty { text = Array("x".utf8) }
        switch place {
        case 0: return bad + text
        case 1: return Array(text[..<(text.count / 2)]) + bad + Array(text[(text.count / 2)...])
        default: return text + bad
        }
    }

    @Test(arguments: [0, 1, 2])
    func notUTF8InEachTextColumnIsRefusedAsTheGeneralPathRefusesIt(columnOrder: Int) {
        let (name, header) = Self.columns[columnOrder]
        var rng = SplitMix(seed: 40 + UInt64(columnOrder))
        let delimiter: UInt8 = 0x2C
        var fastParser = CSVRecordParser(delimiter: delimiter, columnFields: header)
        var fastRecord = DossierRecord()
        defer { fastParser.deallocate() }
        let textColumns = header.indices.filter { [.id, .procedure, .field, .agency].contains(header[$0]) }
        var refused = 0
        var cleanValid = 0
        for column in textColumns {
            for bad in Self.bad {
                for place in 0..<3 {
                    for length in [0, 1, 5, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 40, 47, 48, 80, 81] {
                        var cells = header.map {
                            Array(CleanPathDifferentialTests.value(for: $0, oddity: 0, &rng).utf8)
                        }
                        // Not finished where the header has no end column: the record is valid.
                        if let status = header.firstIndex(of: .status), !header.contains(.processingEnd) {
                            cells[status] = Array("5".utf8)
                        }
                        // The valid record first (the unit's key, then a bad value like it).
                        for bytes in [nil, Self.value(length: length, bad: bad, place: place, &rng)] {
                            if let bytes { cells[column] = [0x22] + bytes + [0x22] }
                            var line = Array(cells.joined(separator: [delimiter])) + [0x0D, 0x0A]
                            line += line + Array(repeating: 0x41, count: 20)
                            let fast = CleanPathDifferentialTests.parse(
                                line, atEnd: false, parser: &fastParser, record: &fastRecord)
                            var generalParser = CSVRecordParser(delimiter: delimiter, columnFields: header)
                            generalParser.triesCleanPath = false
                            var generalRecord = DossierRecord()
                            let general = CleanPathDifferentialTests.parse(
                                line, atEnd: false, parser: &generalParser, record: &generalRecord)
                            generalParser.deallocate()
                            #expect(fast == general, "\(name), column \(column), \(bad), place \(place), \(length)")
                            if bytes != nil {
                                #expect(
                                    general.outcome.hasPrefix("invalid")
                                        && general.outcome.contains("\(IngestRule.invalidUTF8)"),
                                    "\(name), column \(column), \(bad): \(general.outcome)")
                                refused += 1
                            } else {
                                #expect(general.outcome.hasPrefix("record"), "\(name): \(general.outcome)")
                                // The valid record is one the clean path takes, so the bad one is tried there.
                                if CleanPathDifferentialTests.takesCleanPath(line, delimiter: delimiter, header: header)
                                {
                                    cleanValid += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(refused == textColumns.count * Self.bad.count * 3 * 19)
        #expect(cleanValid > refused * 9 / 10, "valid records on the clean path: \(cleanValid) of \(refused)")
    }
}
