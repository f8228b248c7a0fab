import Records
import TestSupport
import Testing

@testable import Ingest

@Suite struct RFC4180ReaderTests {
    /// Each record as its line and field texts.
    static func read(_ text: String, _ dialect: RFC4180Reader.Dialect = .dataFile) throws -> [String] {
        try Array(text.utf8).withUnsafeBytes { bytes in
            try RFC4180Reader.records(in: bytes, dialect: dialect).map { record in
                "\(record.line):" + record.fields.map { "[\($0.text)]" }.joined()
            }
        }
    }

    @Test func crlfAndLFReadAlike() throws {
        let expected = ["1:[a][b]", "2:[c][d]"]
        #expect(try Self.read("a,b\nc,d\n") == expected)
        #expect(try Self.read("a,b\r\nc,d\r\n") == expected)
        #expect(try Self.read("a,b\r\nc,d") == expected)
        #expect(try Self.read("a,b\r\nc,d\r") == expected)
    }

    @Test func bomCommentsAndBlankLinesAreSkipped() throws {
        let text = "\u{FEFF}# note\r\n\r\nkind,date\r\n   \r\n  # indented note\r\nx,y\r\n"
        #expect(try Self.read(text) == ["3:[kind][date]", "6:[x][y]"])
    }

    @Test func quotedCommasQuotesAndLineBreaks() throws {
        let text = "code,name\r\nX.1,\"Đăng ký, \"\"khai\"\" sinh\r\nlần hai\"\r\nX.2, \"b\" \r\n"
        #expect(try Self.read(text) == ["1:[code][name]", "2:[X.1][Đăng ký, \"khai\" sinh\r\nlần hai]", "4:[X.2][b]"])
    }

    @Test func logDialectKeepsSpacesAndEveryLine() throws {
        #expect(try Self.read(" a ,# b\n\n", .log(delimiter: 0x2C)) == ["1:[ a ][# b]", "2:[]"])
        #expect(try Self.read("a\tb,c\n", .log(delimiter: 0x09)) == ["1:[a][b,c]"])
    }

    @Test func fieldsKnowTheirLineAndColumnInScalars() throws {
        let fields = try Array("ngày,\"x\ny\",z\r\nđ,  e\r\n".utf8).withUnsafeBytes {
            try RFC4180Reader.records(in: $0, dialect: .dataFile).flatMap(\.fields).map { "\($0.line):\($0.column)" }
        }
        #expect(fields == ["1:1", "1:6", "2:4", "3:1", "3:5"])
    }

    @Test(arguments: [
        ("a,b\r\nc,\"d\r\n", 2, 3, IngestRule.unbalancedQuote),
        ("a,b\r\nc,d\"e\r\n", 2, 4, .quoteInUnquotedField),
        ("a,b\r\nc,\"d\"e\r\n", 2, 6, .textAfterClosingQuote),
        ("x,\"1\r\n2\"3\r\n", 2, 3, .textAfterClosingQuote),
    ])
    func quotingErrorsPointAtTheFault(text: String, line: Int, column: Int, rule: IngestRule) {
        #expect(throws: RFC4180Reader.Problem(line: line, column: column, rule: rule)) { try Self.read(text) }
    }

    @Test func aRecordCutByTheBufferWaitsForMoreInput() throws {
        let bytes = Array("a,\"b\nc\"\nd\n".utf8)
        var reader = RFC4180Reader(dialect: .log(delimiter: 0x2C))
        let cut = try bytes.withUnsafeBytes {
            try reader.next(in: UnsafeRawBufferPointer(rebasing: $0[..<5]), atEnd: false)
        }
        #expect(cut == .needsMoreInput && reader.offset == 0)
        let whole = try bytes.withUnsafeBytes { try reader.next(in: $0, atEnd: false) }
        #expect(
            whole
                == .record(
                    .init(
                        line: 1,
                        fields: [
                            .init(bytes: Array("a".utf8), line: 1, column: 1),
                            .init(bytes: Array("b\nc".utf8), line: 1, column: 3),
                        ])))
        #expect(reader.offset == 8 && reader.line == 3)
    }
}
