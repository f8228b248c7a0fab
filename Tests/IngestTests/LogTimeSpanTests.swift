import CivilTime
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// A timestamp far past the log's own received dates is an invalid record naming its field.
@Suite struct LogTimeSpanTests {
    /// The reference day by the obvious route: sort every received day, take rank n - max(1, n / 1000).
    static func slowReferenceDay(_ days: [Int]) -> Int? {
        guard days.count >= 2 else { return nil }
        let sorted = days.sorted()
        return sorted[sorted.count - max(1, sorted.count / 1000) - 1]
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func referenceDayAgreesWithSortingEveryDay(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<40 {
            let n = [0, 1, 2, 3, 999, 1000, 1001, 2500, 20_000][random.below(9)]
            var days = (0..<n).map { _ in 20_000 + random.below(400) }
            // A few typos far away, as many as the rule ignores and sometimes one more.
            for _ in 0..<random.below(max(1, n / 1000) + 2) where !days.isEmpty {
                days[random.below(days.count)] = 24_000 + random.below(100)
            }
            var counts: [Int: Int] = [:]
            for day in days { counts[day, default: 0] += 1 }
            #expect(LogTimeSpan.referenceDay(counts) == Self.slowReferenceDay(days), "seed \(seed) n \(n)")
        }
    }

    @Test func oneTypoCannotMoveTheReference() {
        // Ten dossiers in March 2026 and one received "2036": the reference stays in March.
        var counts: [Int: Int] = [CivilDate.dayNumber(year: 2036, month: 3, day: 2): 1]
        for day in 1...10 { counts[CivilDate.dayNumber(year: 2026, month: 3, day: day)] = 1 }
        #expect(LogTimeSpan.referenceDay(counts) == CivilDate.dayNumber(year: 2026, month: 3, day: 10))
        #expect(LogTimeSpan.referenceDay([5: 1]) == nil)
    }

    static let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,DanhSachHoSoBoSung\n"

    static let fields = header.dropLast().split(separator: ",").map(String.init)

    /// 400 dossiers received over March-April 2026, finished a day later; `edits` replaces
    /// fields of one line (named by header).
    static func log(line typoLine: Int = 0, _ edits: [String: String] = [:]) -> String {
        var text = header
        for i in 0..<400 {
            let day = CivilDate(dayNumber: CivilDate.dayNumber(year: 2026, month: 3, day: 1) + i % 60)
            let stamp = day.description.replacingOccurrences(of: "-", with: "")
            var values = ["H\(i)", "10", stamp + "081500", stamp + "170000", stamp + "160000", stamp + "163000", ""]
            if typoLine == i + 2 {
                for (name, value) in edits { values[fields.firstIndex(of: name)!] = value }
            }
            text += values.joined(separator: ",") + "\n"
        }
        return text
    }

    @Test(arguments: [
        (5, "NgayTra", ["NgayTra": "20360331163000"]), (9, "NgayHenTra", ["NgayHenTra": "20990101000000"]),
        (
            3, "NgayTiepNhan",
            ["NgayTiepNhan": "20360302081500", "TrangThaiHoSo": "2", "NgayKetThucXuLy": "", "NgayTra": ""]
        ),
        (100, "DanhSachHoSoBoSung", ["DanhSachHoSoBoSung": "20260302090000/20360302100000"]),
    ])
    func aTimestampFarPastTheLogIsAnInvalidRecordNamingTheField(line: Int, field: String, edits: [String: String])
        throws
    {
        let files = TestFiles()
        defer { files.remove() }
        let path = files.write("typo.csv", bytes: Array(Self.log(line: line, edits).utf8))
        let error = try #require(throws: IngestError.self) { try scan([path]) }
        #expect(error.line == line && error.field == field)
        guard case .outsideLogSpan(let reference, let limit) = error.rule else {
            Issue.record("\(error)")
            return
        }
        // The log's received dates run from 1 March to 29 April 2026.
        #expect(reference == CivilDate(year: 2026, month: 4, day: 29))
        #expect(limit == CivilDate(year: 2027, month: 5, day: 1))
        let column = Self.fields.firstIndex(of: field)!
        let lines = Self.log(line: line, edits).components(separatedBy: "\n")
        let before = lines[line - 1].components(separatedBy: ",").prefix(column).map { $0.count + 1 }.reduce(0, +)
        #expect(error.column == before + 1)
        #expect(
            error.description.contains(
                "typo.csv:\(line):\(before + 1): field \(field): timestamp on or after 2027-05-01"), "\(error)")
        #expect(error.description.contains("--skip-invalid"))
    }

    @Test(arguments: [(1, 1 << 20), (2, 333), (3, 64)])
    func withSkipInvalidTheRecordIsRejectedAndTheRestRead(workers: Int, chunkSize: Int) throws {
        let files = TestFiles()
        defer { files.remove() }
        let path = files.write("typo.csv", bytes: Array(Self.log(line: 7, ["NgayTra": "20360331163000"]).utf8))
        let rejects = files.path("rejects.txt")
        let (rows, summary) = try scanSkippingInvalid(path, rejects: rejects, workers: workers, chunkSize: chunkSize)
        #expect(rows.count == 399 && !rows.contains { $0.id == "H5" })
        #expect(summary.records == 400 && summary.rejected == 1 && summary.accepted == 399)
        // Written once, although the log was read twice.
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.components(separatedBy: "\n# ").count == 1 && written.hasPrefix("# \(path):7:"))
        #expect(written.contains("H5,10,"))
    }

    @Test func dedupeLastLeavesTheTypoOutToo() throws {
        let files = TestFiles()
        defer { files.remove() }
        // H5 again at the end, with the typo: the earlier H5 must not be the one left out.
        var text = Self.log()
        text += "H5,10,20260306081500,20260306170000,20260306160000,20360306163000,\n"
        let path = files.write("dup.csv", bytes: Array(text.utf8))
        let (rows, summary) = try scan([path]) {
            $0.skipInvalid = true
            $0.dedupe = .last
        }
        #expect(summary.rejected == 1 && summary.replaced == 0 && summary.duplicates == 0)
        #expect(rows.count == 400 && rows.first { $0.id == "H5" }?.returned == "2026-03-06T16:30:00")
    }

    @Test func aLongLogWithoutOutliersKeepsEveryRecord() throws {
        // Dates spread over four years: long spans are fine, only a date past them is not.
        let files = TestFiles()
        defer { files.remove() }
        var text = Self.header
        for i in 0..<1500 {
            let day = CivilDate(dayNumber: CivilDate.dayNumber(year: 2023, month: 1, day: 1) + i)
            let stamp = day.description.replacingOccurrences(of: "-", with: "")
            text += "H\(i),2,\(stamp)081500,,,,\n"
        }
        let path = files.write("long.csv", bytes: Array(text.utf8))
        let (rows, summary) = try scan([path])
        #expect(rows.count == 1500 && summary.rejected == 0)
    }

    @Test func aPipeWithAnOutlierIsCopiedAndReadAgainLikeAFile() throws {
        let files = TestFiles()
        defer { files.remove() }
        let fifo = files.path("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = Self.log(line: 7, ["NgayTra": "20360331163000"])
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)!
            handle.write(Data(text.utf8))
            handle.closeFile()
        }
        writer.start()
        let (rows, summary) = try scan([fifo]) { $0.skipInvalid = true }
        // As from the file: the typo's record alone is left out.
        #expect(rows.count == 399 && !rows.contains { $0.id == "H5" })
        #expect(summary.records == 400 && summary.rejected == 1 && summary.accepted == 399)
    }
}
