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

    /// Years the legal clock cannot judge are typos, refused in every spelling and in JSONL too,
    /// never clamped to the calendar's edge; the years at the edges are read.
    @Test(arguments: [
        ("18991231235959", false), ("18991231", false), ("21010101000000", false), ("0202-03-02T08:00", false),
        ("31/12/1899 08:00", false), ("19000101000000", true), ("21001231235959", true), ("2100-12-31", true),
    ])
    func yearsOutsideTheCalendarAreRefused(stamp: String, read: Bool) throws {
        let csv = firstError(header + "H1,2,20260302081500,,1\nH2,2,\(stamp),,1\n")
        let jsonl = firstError(
            "{\"MaHoSo\":\"H1\",\"TrangThaiHoSo\":2,\"NgayTiepNhan\":\"20260302081500\","
                + "\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"\(stamp)\"}]}\n", name: "bad.jsonl")
        if read {
            // Read as timestamps: with a log of two dossiers, the late one may still break the
            // log's own time span, a rule of its own.
            #expect(csv == nil || csv?.rule != .unparseableTimestamp)
            #expect(jsonl == nil || jsonl?.rule != .malformedSupplements)
        } else {
            #expect(csv?.line == 3 && csv?.field == "NgayTiepNhan" && csv?.rule == .unparseableTimestamp)
            #expect(csv?.description.contains("in the years 1900-2100") == true)
            #expect(jsonl?.line == 1 && jsonl?.field == "DanhSachHoSoBoSung")
        }
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
        #expect(e.line == 1 && e.field == "TrangThaiHoSo")
        guard case .missingRequiredColumn(let missing) = e.rule else {
            Issue.record("expected a missing column, got \(e.rule)")
            return
        }
        #expect(missing.header == ["MaHoSo", "NgayTiepNhan"] && missing.delimiter == 0x2C)
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

    /// A failed record is rejected as its first line, and the line after it is read afresh: the
    /// record of two lines whose status is bad costs both lines, each named where it failed.
    @Test func skipInvalidCountsEveryRecordAndWritesRejectsVerbatim() throws {
        let text = header + "H1,2,20260302081500,,1\nH2,2,bad,,1\n\"H\n3\",99,20260302081500,,1\nH4,1,,,2\n"
        let path = files.write("skip.csv", text)
        let rejects = files.directory.appendingPathComponent("rejects.txt").path
        let (rows, summary) = try scan([path]) {
            $0.skipInvalid = true
            $0.rejectsPath = rejects
        }
        #expect(rows.map(\.id) == ["H1", "H4"])
        #expect(summary.records == 5 && summary.rejected == 3 && summary.accepted == 2)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        let timestamp =
            "unparseable timestamp (expected yyyyMMddHHmmss, ISO 8601 or dd/MM/yyyy HH:mm:ss, in the years 1900-2100)"
        #expect(
            written == """
                # \(path):3:6: field NgayTiepNhan: \(timestamp) in 'bad'
                H2,2,bad,,1
                # \(path):5:4: field TrangThaiHoSo: unknown status code (expected TrangThaiHoSo 1-10) in '99' \
                (the record below starts on line 4)
                "H
                # \(path):5:2: field MaHoSo: \(IngestRule.quoteInUnquotedField) in '",99,20260302081500,,1'
                3",99,20260302081500,,1

                """)
    }

    /// In `--rejects`, a record names the line and column the error without `--skip-invalid`
    /// names, for a record of several lines too.
    @Test func rejectsNameTheStopAtFirstErrorsPlace() throws {
        let cases = [
            header + "\"H\n1\",2,20260302081500,,7\n",  // a bad value on the record's second line
            header + "H1,2,20260302081500,\"x,1\nH2,2,20260302081500,\"y\",1\n",  // a quote never closed
            header + "H1,2,2026\"0302081500,,1\n",
        ]
        for (i, text) in cases.enumerated() {
            let path = files.write("place\(i).csv", text)
            let error = try #require(firstError(text, name: "place\(i).csv"))
            let rejects = files.directory.appendingPathComponent("rejects\(i).txt").path
            _ = try scan([path]) {
                $0.skipInvalid = true
                $0.rejectsPath = rejects
            }
            let first = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").first.map(
                String.init)
            #expect(first?.hasPrefix("# " + error.description) == true, "case \(i): \(first ?? "")")
        }
    }

    /// A quote that never closes costs its line: the error names where it opened, and with
    /// `--skip-invalid` every later record is read, at any chunk size.
    @Test func aQuoteNeverClosedCostsOneLine() throws {
        let valid = (3...60).map { "H\($0),2,20260302081500,,1\n" }.joined()
        let text = header + "H1,2,20260302081500,\"x,1\n" + valid
        let e = try #require(firstError(text))
        #expect(e.line == 2 && e.column == 21 && e.rule == .unbalancedQuote && e.field == "NgayKetThucXuLy", "\(e)")
        let path = files.write("open.csv", text)
        for chunk in [7, 64, 4096] {
            let (rows, summary) = try scan([path]) {
                $0.skipInvalid = true
                $0.chunkSize = chunk
                $0.piecesPerBatch = 3
            }
            #expect(rows.map(\.id) == (3...60).map { "H\($0)" } && summary.rejected == 1, "chunk \(chunk)")
        }
    }

    /// A quote that closes at another record's quote, lines later: the fault is where it opened,
    /// not where the text after that closing quote stands.
    @Test func aQuoteClosedOnALaterLineIsNamedWhereItOpened() throws {
        let text = header + "H1,2,\"20260302081500,,1\nH2,2,20260302081500,\"20260303081500\",1\n"
        let e = try #require(firstError(text))
        #expect(e.line == 2 && e.column == 6 && e.rule == .unbalancedQuote && e.field == "NgayTiepNhan")
        let path = files.write("later.csv", text)
        let (rows, summary) = try scan([path]) { $0.skipInvalid = true }
        #expect(rows.map(\.id) == ["H2"] && summary.records == 2 && summary.rejected == 1)
    }

    /// `maxRecordBytes` counts the record's bytes with its line end: up to it a record is read,
    /// past it rejected as its first line, quoted or not, whatever the chunks.
    @Test func recordsLongerThanTheBoundAreRejected() throws {
        func record(_ id: String, bytes: Int) -> String {
            let head = id + ",2,20260302081500,\""
            let tail = "\",1\n"
            return head + String(repeating: "a", count: bytes - head.utf8.count - tail.utf8.count) + tail
        }
        let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,DonViXuLy,KenhThucHien\n"
        let spread = "H5,2,20260302081500,\"" + String(repeating: "b\n", count: 60) + "\",1\n"
        let text =
            header + record("H1", bytes: 100) + record("H2", bytes: 101) + record("H3", bytes: 99) + spread
            + "H6,2,20260302081500,x,1\n"
        let path = files.write("long.csv", text)
        for chunk in [5, 64, 4096] {
            let (rows, summary) = try scan([path]) {
                $0.skipInvalid = true
                $0.maxRecordBytes = 100
                $0.chunkSize = chunk
                $0.piecesPerBatch = 2
            }
            // H5's quoted field runs past the bound: its first line goes, then each later line
            // is read afresh: 59 lines of one field, then `",1`, a quote that never closes.
            #expect(rows.map(\.id) == ["H1", "H3", "H6"], "chunk \(chunk)")
            #expect(summary.rejected == 1 + 1 + 59 + 1, "chunk \(chunk)")
        }
        #expect(firstError(header + record("H1", bytes: ScanOptions.defaultMaxRecordBytes), name: "fits.csv") == nil)
        let long = try #require(
            firstError(header + record("H1", bytes: ScanOptions.defaultMaxRecordBytes + 1), name: "over.csv"))
        #expect(long.line == 2 && long.rule == .recordTooLong(limit: ScanOptions.defaultMaxRecordBytes))
    }
}
