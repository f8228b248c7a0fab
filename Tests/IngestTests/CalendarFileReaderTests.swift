import CivilTime
import Foundation
import Testing
import WorkingTime

@testable import Ingest

@Suite struct CalendarFileReaderTests {
    static let examplePath = String(#filePath).replacingOccurrences(
        of: "Tests/IngestTests/CalendarFileReaderTests.swift", with: "Datasets/calendars/example-overlay.csv")

    static func day(_ iso: String) -> Int { CivilDate(iso: iso)!.dayNumber }

    static func read(_ text: String) throws -> CalendarFile {
        try CalendarFileReader.read(csv: Array(text.utf8), name: "f.csv")
    }

    /// The example overlay: 10 March 2026 off, Saturday 14 March worked, 07:00–11:30 and
    /// 13:30–17:00 from Monday to Friday.
    static func checkExampleOverlay(_ file: CalendarFile) {
        let clock = WorkCalendar(overlays: [file])
        #expect(!clock.isWorkingDay(dayNumber: day("2026-03-10")))
        #expect(WorkCalendar().isWorkingDay(dayNumber: day("2026-03-10")))
        #expect(clock.isWorkingDay(dayNumber: day("2026-03-14")))
        #expect(
            clock.officeIntervals(dayNumber: day("2026-03-09")).map { [$0.start, $0.end] } == [
                [25_200, 41_400], [48_600, 61_200],
            ])
        #expect(clock.officeIntervals(dayNumber: day("2026-03-14")).map(\.start) == [25_200, 48_600])
        // 16:00–17:00 on Monday 9 March, Tuesday 10 off, 07:00–08:00 on Wednesday.
        let received = Timestamp(date: CivilDate(iso: "2026-03-09")!, hour: 16, minute: 0)
        #expect(clock.due(received: received, deadline: .workingHours(2)).iso8601 == "2026-03-11T08:00:00")
    }

    @Test func exampleOverlayFile() throws {
        Self.checkExampleOverlay(try CalendarFileReader.read(contentsOfFile: Self.examplePath))
    }

    @Test func crlfOverlayWithBOMIsHonoured() throws {
        let text =
            "\u{FEFF}# Example user overlay\r\nkind,date,name\r\noff,2026-03-10,Nghỉ lễ hội địa phương\r\n"
            + "work,2026-03-14,Làm bù cho ngày 10/03\r\nhours,Mon-Fri,07:00-11:30 13:30-17:00\r\n"
        let file = try Self.read(text)
        #expect(
            file.directives == [
                .off(
                    .init(first: Self.day("2026-03-10"), last: Self.day("2026-03-10")), name: "Nghỉ lễ hội địa phương"),
                .work(Self.day("2026-03-14"), name: "Làm bù cho ngày 10/03"),
                .hours(weekdays: [1, 2, 3, 4, 5], intervals: [25_200...41_400, 48_600...61_200]),
            ])
        Self.checkExampleOverlay(file)
    }

    @Test func quotedNameKeepsCommasQuotesAndLineBreaks() throws {
        let file = try Self.read("kind,date,name\r\noff,2026-03-10,\"Lễ hội \"\"Đền\"\", xã\r\nDân Hòa\"\r\n")
        #expect(
            file.directives == [
                .off(
                    .init(first: Self.day("2026-03-10"), last: Self.day("2026-03-10")),
                    name: "Lễ hội \"Đền\", xã\r\nDân Hòa")
            ])
    }

    @Test(arguments: ["", "\u{FEFF}", "kind,date,name\r\n", "# only a note\r\n\r\nkind,date,name\r\n# more\r\n"])
    func anOverlayWithoutRowsIsAnError(text: String) {
        #expect(
            throws: DataFileError(
                file: "f.csv", line: 0, column: 0,
                message:
                    "no calendar rows: expected kind,date,name rows such as 'off,2026-01-02,Nghỉ bù' or 'hours,Sat,08:00-12:00'"
            )
        ) { try Self.read(text) }
    }

    @Test(arguments: [
        ("kind,date,name\noff,2026-02-30,x\n", 2, 5, "expected a date"),
        ("kind,date,name\n# c\nwork,2026/01/01,x\n", 3, 6, "expected a date"),
        ("kind,date,name\nholiday,24-11,x\n", 2, 9, "MM-dd"),
        ("kind,date,name\nhours,Mon-Fri,08:00-12:00 11:00-17:00\n", 2, 15, "overlap"),
        ("kind,date,name\nhours,Mon-Fri,8h-12h\n", 2, 15, "office intervals"),
        ("kind,date,name\nholliday,11-24,x\n", 2, 1, "unknown kind"),
        ("kind,date,name\noff,\"2026-01-01,x\n", 2, 5, "unbalanced quote"),
        ("kind,date,name\r\n\r\noff,2026-01-01..2025-12-31,x\r\n", 3, 5, "ends before it starts"),
    ])
    func errorsPointAtTheField(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try Self.read(text)
        } throws: { error in
            guard let error = error as? DataFileError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
                && error.file == "f.csv"
        }
    }
}
