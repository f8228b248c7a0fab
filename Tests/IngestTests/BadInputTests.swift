import Foundation
import Ingest
import Testing

@Suite struct BadInputTests {
    let files = TestFiles()
    let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayKetThucXuLy,KenhThucHien\n"

    func firstError(_ text: String, name: String = "bad.csv") -> IngestError? {
        let path = files.write(name, text)
        do {
            _ = try scan([path])
            return nil
        } catch let error as IngestError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func unparseableTimestampNamesLineColumnFieldAndText() throws {
        let e = try #require(firstError(header + "H1,2,20260302081500,,1\nH2,2,2026-13-45,,1\n"))
        #expect(e.line == 3)
        #expect(e.column == 6)
        #expect(e.field == "NgayTiepNhan")
        #expect(e.text == "2026-13-45")
        #expect(e.rule == .unparseableTimestamp)
        #expect(e.description.contains("bad.csv:3:6"))
    }

    @Test func unknownStatus() throws {
        let e = try #require(firstError(header + "H1,11,20260302081500,,1\n"))
        #expect(e.line == 2 && e.column == 4 && e.field == "TrangThaiHoSo" && e.rule == .unknownStatus)
    }

    @Test func wrongFieldCount() throws {
        let e = try #require(firstError(header + "H1,2,20260302081500\n"))
        #expect(e.line == 2 && e.rule == .wrongFieldCount(expected: 5, found: 3))
    }

    @Test func unbalancedQuoteAtEndOfFile() throws {
        let e = try #require(firstError(header + "H1,2,20260302081500,,1\n\"H2,2,x\n"))
        #expect(e.line == 3 && e.column == 1 && e.rule == .unbalancedQuote)
    }

    @Test func quoteInsideUnquotedField() throws {
        let e = try #require(firstError(header + "H\"1\",2,20260302081500,,1\n"))
        #expect(e.line == 2 && e.column == 2 && e.rule == .quoteInUnquotedField)
    }

    @Test func lineNumbersCountQuotedNewlines() throws {
        let e = try #require(firstError(header + "\"H\n1\",2,20260302081500,,1\nH2,2,20260302081500,,7\n"))
        #expect(e.line == 4 && e.field == "KenhThucHien" && e.rule == .badCode(expected: "KenhThucHien 1, 2 or 3"))
    }

    @Test func missingRequiredFields() throws {
        let a = try #require(firstError(header + ",2,20260302081500,,1\n"))
        #expect(a.rule == .missingRequiredField && a.field == "MaHoSo")
        let b = try #require(firstError(header + "H1,2,,,1\n"))
        #expect(b.rule == .missingRequiredField && b.field == "NgayTiepNhan")
        let c = try #require(firstError(header + "H1,,20260302081500,,1\n"))
        #expect(c.rule == .missingRequiredField && c.field == "TrangThaiHoSo")
        // Status 1 (not yet received) needs no received time.
        #expect(firstError(header + "H1,1,,,1\n") == nil)
    }

    @Test func missingRequiredColumn() throws {
        let e = try #require(firstError("MaHoSo,NgayTiepNhan\nH1,20260302081500\n"))
        #expect(e.line == 1 && e.rule == .missingRequiredColumn && e.field == "TrangThaiHoSo")
    }

    @Test func finishedWithoutEndAndEndBeforeReceived() throws {
        let a = try #require(firstError(header + "H1,9,20260302081500,,1\n"))
        #expect(a.rule == .finishedWithoutEnd && a.line == 2)
        let b = try #require(firstError(header + "H1,9,20260302081500,20260301081500,1\n"))
        #expect(b.rule == .endBeforeReceived && b.field == "NgayKetThucXuLy")
    }

    @Test func wholeFileProblems() throws {
        #expect(firstError("", name: "empty.csv")?.rule == .emptyFile)
        #expect(firstError("\u{FEFF}\r\n", name: "bom.csv")?.rule == .emptyFile)
        #expect(firstError(header, name: "header.csv")?.rule == .headerOnly)
        let binary = files.write("bin.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x12])
        #expect(throws: IngestError.self) { try scan([binary]) }
        #expect(throws: InputFileError.self) { try scan([files.directory.path]) }
        #expect(throws: InputFileError.self) { try scan([files.directory.appendingPathComponent("nope.csv").path]) }
    }

    @Test func jsonlErrors() throws {
        let a = try #require(
            firstError(
                "{\"MaHoSo\":\"A\",\"TrangThaiHoSo\":1}\n{\"MaHoSo\":\"B\",\"TrangThaiHoSo\":1\n", name: "a.jsonl"))
        #expect(a.line == 2 && a.rule == .malformedJSON("unterminated object: the line ends before its '}'"))
        let b = try #require(firstError("[1,2]\n", name: "b.jsonl"))
        #expect(b.rule == .notAnObject)
        let c = try #require(
            firstError("{\"MaHoSo\":\"A\",\"TrangThaiHoSo\":2,\"NgayTiepNhan\":\"x\"}\n", name: "c.jsonl"))
        #expect(c.rule == .unparseableTimestamp && c.field == "NgayTiepNhan" && c.column == 48 && c.text == "\"x\"")
    }

    @Test func skipInvalidCountsEveryRecordAndWritesRejectsVerbatim() throws {
        let text = header + "H1,2,20260302081500,,1\nH2,2,bad,,1\n\"H\n3\",99,20260302081500,,1\nH4,1,,,2\n"
        let path = files.write("skip.csv", text)
        let rejects = files.directory.appendingPathComponent("rejects.txt").path
        let (rows, summary) = try scan([path]) {
            $0.skipInvalid = true
            $0.rejectsPath = rejects
        }
        #expect(rows.map(\.id) == ["H1", "H4"])
        #expect(summary.records == 4 && summary.rejected == 2 && summary.accepted == 2)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.contains("# \(path):3:6: unparseable timestamp"))
        #expect(written.contains("H2,2,bad,,1\n"))
        #expect(written.contains("# \(path):4:"))
        #expect(written.contains("\"H\n3\",99,20260302081500,,1\n"))
    }
}
