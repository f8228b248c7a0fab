import Testing
import _TextSupport

@Suite struct JSONValueTests {
    @Test func surrogatePairDecodesToOneScalarAndRoundTrips() throws {
        let value = try JSONValue.parse(#"{"face": "\ud83d\ude00", "han": "\uD840\uDC00"}"#)
        #expect(value["face"] == .string("\u{1F600}"))
        #expect(value["han"] == .string("\u{20000}"))
        // Written back as the character itself (UTF-8), and read again to the same value.
        #expect(value.lineText == "{\"face\": \"😀\", \"han\": \"\u{20000}\"}")
        #expect(try JSONValue.parse(value.text) == value)
    }

    @Test(arguments: [
        (#"["\ud83d"]"#, 1, 3, "lone high surrogate"),
        (#"["ab\ude00"]"#, 1, 5, "lone low surrogate"),
        ("{\n  \"k\": \"\\ud83d\\u0041\"}", 2, 9, "not followed by a low surrogate"),
        ("[\n\"é\", \"\\uZZZZ\"]", 2, 7, "bad \\u escape"),
    ])
    func badEscapesAreErrorsWithLineAndColumn(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            guard let e = error as? JSONSyntaxError else { return false }
            return e.line == line && e.column == column && e.message.contains(message)
        }
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        #expect(throws: JSONSyntaxError(line: 3, column: 10, message: "expected ',' or '}' in an object")) {
            try JSONValue.parse("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3}")
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 4, message: "unexpected text after the value")) {
            try JSONValue.parse("[] x")
        }
    }

    @Test func keysKeepTheirOrderReadAndWritten() throws {
        let text = #"{"zeta": 1, "alpha": 2, "mid": {"b": true, "a": null}}"#
        let value = try JSONValue.parse(text)
        #expect(value.members?.map(\.key) == ["zeta", "alpha", "mid"])
        #expect(value.lineText == text)
        #expect(
            JSONValue.object([("b", .int(1)), ("a", .int(2))]).text == """
                {
                  "b": 1,
                  "a": 2
                }

                """)
    }

    @Test func numbersAreWrittenByTheirCase() {
        #expect(JSONValue.number(3).lineText == "3")
        #expect(JSONValue.number(-0.0).lineText == "0")
        #expect(JSONValue.number(0.1).lineText == "0.1")
        #expect(JSONValue.number(2.0 / 3).lineText == "0.6666666666666666")
        #expect(JSONValue.number(.nan).lineText == "null")
        #expect(JSONValue.int(-42).lineText == "-42")
        #expect(JSONValue.decimal(97.56097).lineText == "97.561")
        #expect(JSONValue.decimal(100).lineText == "100")
        #expect(JSONValue.decimal(-0.00001).lineText == "0")
        #expect(JSONValue.decimal(.infinity).lineText == "null")
        #expect(JSONValue.numberText("95.5305").lineText == "95.5305")
    }

    @Test func arraysOfNumbersOrFewScalarsStayOnOneLine() {
        let numbers = JSONValue.array((1...12).map { .int($0) })
        #expect(JSONValue.object([("n", numbers)]).text == "{\n  \"n\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n}\n")
        let words = JSONValue.array((1...9).map { .string("w\($0)") })
        #expect(words.text.hasPrefix("[\n  \"w1\",\n"))
        #expect(JSONValue.array([.string("a"), .bool(true)]).text == "[\"a\", true]\n")
    }

    @Test func stringsEscapeQuotesBackslashesAndControls() {
        #expect(JSONValue.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
    }

    @Test func settingAPathCreatesObjects() throws {
        let value = try JSONValue.parse(#"{"pools": [{"size": 1}]}"#)
        let set = value.setting(path: ["pools", "0", "size"], to: .number(5)).setting(
            path: ["x", "y"], to: .bool(true))
        #expect(set.lineText == #"{"pools": [{"size": 5}], "x": {"y": true}}"#)
    }
}

@Suite struct TextColumnsTests {
    @Test func columnsAlignInCharactersWithTrailingSpacesRemoved() {
        // "Đúng hạn" with combining marks is 8 characters, like its precomposed spelling.
        let decomposed = "D\u{0335}u\u{0301}ng ha\u{0323}n"
        let lines = TextColumns.lines(
            [["Tên", "Số"], [decomposed, "12"], ["x", ""]], rightAligned: { $0 == 1 }, indent: 1)
        #expect(lines == [" Tên       Số", " \(decomposed)  12", " x"])
    }

    @Test func lastLeftAlignedCellIsNotPadded() {
        #expect(TextColumns.lines([["a", "long"], ["bbb", "c"]]) == ["a    long", "bbb  c"])
        #expect(TextColumns.padded("ab", to: 4, rightAligned: true) == "  ab")
    }
}
