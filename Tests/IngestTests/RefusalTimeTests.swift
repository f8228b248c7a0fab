import Foundation
import Ingest
import Records
import Testing

/// `NgayTuChoi` (refused) and `NgayNopHoSo` (submitted) are read by every path: the clean CSV
/// path, the general one, JSONL; a bad value is an error naming the field.
@Suite struct RefusalTimeTests {
    struct Times: RecordConsumer {
        var rows: [(id: String, refused: String?, submitted: String?)] = []
        mutating func consume(_ record: inout DossierRecord) {
            rows.append((record.id.utf8String, record.refused?.iso8601, record.submitted?.iso8601))
        }
        mutating func merge(_ later: consuming Times) { rows += later.rows }
    }

    func read(_ name: String, _ text: String) throws -> [(id: String, refused: String?, submitted: String?)] {
        let files = TestFiles()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let path = files.write(name, text)
        return try LogScanner.scan(files: [path], options: ScanOptions()) { Times() }.0.rows
    }

    @Test func csvCleanAndGeneralPathsAndJSONL() throws {
        let csv = try read(
            "r.csv",
            """
            MaHoSo,TrangThaiHoSo,NgayNopHoSo,NgayTuChoi
            A,3,20260302081500,20260303090000
            B,3,2026-03-02T08:15,03/03/2026 09:00
            C,3,,

            """)
        #expect(csv.map(\.id) == ["A", "B", "C"])
        #expect(csv[0].refused == "2026-03-03T09:00:00" && csv[0].submitted == "2026-03-02T08:15:00")
        #expect(csv[1].refused == "2026-03-03T09:00:00" && csv[1].submitted == "2026-03-02T08:15:00")
        #expect(csv[2].refused == nil && csv[2].submitted == nil)
        let jsonl = try read(
            "r.jsonl",
            #"{"MaHoSo":"A","TrangThaiHoSo":3,"NgayTuChoi":"20260303090000","NgayNopHoSo":"20260302081500"}"# + "\n")
        #expect(
            jsonl.count == 1 && jsonl[0].refused == "2026-03-03T09:00:00" && jsonl[0].submitted == "2026-03-02T08:15:00"
        )
    }

    @Test func aBadRefusalTimeNamesTheField() throws {
        do {
            _ = try read("bad.csv", "MaHoSo,TrangThaiHoSo,NgayTuChoi\nA,3,2026-13-45\n")
            Issue.record("expected an error")
        } catch let error as IngestError {
            #expect("\(error)".contains("NgayTuChoi"), "\(error)")
            #expect("\(error)".contains("bad.csv:2:"), "\(error)")
        }
    }
}
