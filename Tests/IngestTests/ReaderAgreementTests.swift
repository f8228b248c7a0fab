import Records
import TestSupport
import Testing

@testable import Ingest

/// The log's record parser and the one RFC 4180 reader must read the same text the same way:
/// on random RFC 4180 records (quotes, CRLF, line breaks and delimiters inside fields), the
/// same field bytes and the same line numbers. (A log value is then trimmed of spaces and tabs,
/// quoted or not: that is `FieldDecoder`'s rule, applied here to the reader's fields too.)
@Suite struct ReaderAgreementTests {
    static let columns: [DossierField?] = [.id, .procedure, .field, .agency, .status, .received]

    /// One field as an RFC 4180 writer may put it: bare when it can be, quoted otherwise or on a whim.
    static func cell(_ rng: inout SplitMix, delimiter: String) -> (value: String, text: String) {
        let pieces = ["a", "Dân Hòa", " ", "1.001193", "\"", delimiter, ",", "\n", "\r\n", "\r", "đ", "x y", "\t"]
        var text = ""
        for _ in 0..<rng.below(5) { text += pieces[rng.below(pieces.count)] }
        let mustQuote = text.unicodeScalars.contains { "\"\r\n".unicodeScalars.contains($0) || String($0) == delimiter }
        if mustQuote || rng.chance(0.2) {
            return (text, "\"" + text.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\"")
        }
        return (text, text)
    }

    @Test(arguments: zip([11, 12, 13, 14, 15, 16] as [UInt64], [0x2C, 0x2C, 0x2C, 0x09, 0x3B, 0x7C] as [UInt8]))
    func recordParserAndReaderAgree(seed: UInt64, delimiter: UInt8) throws {
        var rng = SplitMix(seed: seed)
        let separator = String(UnicodeScalar(delimiter))
        var text = ""
        for i in 0..<2000 {
            var cells = (0..<4).map { _ in Self.cell(&rng, delimiter: separator) }.map { cell in cell.text }
            let id = Self.cell(&rng, delimiter: separator)
            // The id is required: a value of spaces and tabs would be none.
            cells[0] = id.value.allSatisfy { $0 == " " || $0 == "\t" } ? "id\(i)" : id.text
            // In progress (no end time needed) and received: a valid record whatever the text fields hold.
            cells += [rng.chance(0.5) ? "2" : "\"4\"", "20260302081500"]
            text += cells.joined(separator: separator) + (rng.chance(0.5) ? "\n" : "\r\n")
        }
        if rng.chance(0.5) { text.removeLast() }  // a last line without a line end
        let bytes = Array(text.utf8)

        var expected: [[String]] = []
        try bytes.withUnsafeBytes { buffer in
            for record in try RFC4180Reader.records(in: buffer, dialect: .log(delimiter: delimiter)) {
                expected.append(
                    ["line \(record.line)"]
                        + record.fields.prefix(4).map { field in
                            field.bytes.withUnsafeBytes { FieldDecoder.trimmed($0).utf8String }
                        })
            }
        }
        var parsed: [[String]] = []
        var parser = CSVRecordParser(delimiter: delimiter, columnFields: Self.columns)
        defer { parser.deallocate() }
        var record = DossierRecord()
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            var line = 1
            while offset < buffer.count {
                switch parser.parse(buffer, at: offset, atEnd: true, into: &record) {
                case .record(let end, let newlines):
                    parsed.append(
                        ["line \(line)"] + [record.id, record.procedure, record.field, record.agency].map(\.utf8String))
                    offset = end
                    line += newlines
                case let other:
                    Issue.record("line \(line): \(other)")
                    return
                }
            }
        }
        #expect(parsed.count == 2000 && expected.count == 2000)
        // The first disagreement only: a whole log in a message helps nobody.
        if let (p, e) = zip(parsed, expected).first(where: { $0.0 != $0.1 }) {
            Issue.record("seed \(seed): record parser \(p.debugDescription), reader \(e.debugDescription)")
        }
    }
}
