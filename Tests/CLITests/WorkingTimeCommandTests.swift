import Foundation
import Testing

@testable import TTHCCLI

@Suite struct WorkingTimeCommandTests {
    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    static let repo = String(#filePath).replacingOccurrences(
        of: "/Tests/CLITests/WorkingTimeCommandTests.swift", with: "")

    @Test func dueJSONMatchesTheIssueExample() {
        let r = run(["due", "--received", "2026-02-13T16:30", "--deadline", "3d", "--format", "json"])
        #expect(r.status == 0)
        let tet = (14...22).map { "{\"date\": \"2026-02-\($0)\", \"reason\": \"Tết Nguyên đán Bính Ngọ\"}" }.joined(
            separator: ", ")
        #expect(
            r.out
                == "{\"received\": \"2026-02-13T16:30:00\", \"due\": \"2026-02-25T16:30:00\", \"working_minutes\": 1440, \"skipped\": [\(tet)]}\n"
        )
    }

    @Test func dueTextExplainsTheSkippedDays() {
        let r = run(["due", "--received", "2026-02-13T16:30", "--deadline", "3d"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("Due: 2026-02-25T16:30:00 (Wed)\n"))
        // English names the holiday in English; Vietnamese keeps the calendar's own words.
        #expect(r.out.contains("Skipped: 2026-02-14..2026-02-22 Lunar New Year (Tết Bính Ngọ)."))
        let vi = run(["due", "--received", "2026-02-13T16:30", "--deadline", "3d", "--lang", "vi"])
        #expect(vi.out.hasPrefix("Hạn trả: 25/02/2026 16:30 (thứ Tư)\n"))
        #expect(vi.out.contains("3 ngày làm việc = 1.440 phút làm việc."))
        #expect(vi.out.contains("Bỏ qua: 14/02/2026..22/02/2026 Tết Nguyên đán Bính Ngọ."))
    }

    @Test func dueFromCatalogWithCutoffPausesAndModes() throws {
        let catalog = Self.repo + "/Datasets/catalog/commune-procedures.csv"
        var r = run([
            "due", "--received", "2026-03-02T15:30", "--catalog", catalog, "--procedure", "1.001193", "--format",
            "json",
        ])
        #expect(r.status == 0)
        #expect(r.out.contains("\"due\": \"2026-03-03T17:00:00\""))
        #expect(r.out.contains("cut-off"))
        r = run([
            "due", "--received", "2026-08-26T09:00", "--deadline", "5d", "--pause", "2026-08-27T15:00/2026-09-03T10:00",
            "--format", "json",
        ])
        #expect(r.out.contains("\"due\": \"2026-09-08T14:00:00\""))
        r = run([
            "due", "--received", "27/08/2026 15:00", "--deadline", "4h", "--pause", "27/08/2026 15:00/28/08/2026 08:00",
            "--format", "json",
        ])
        #expect(r.out.contains("\"due\": \"2026-08-28T12:00:00\""), "\(r.out) \(r.err)")
        r = run([
            "due", "--received", "2026-03-02T09:10", "--deadline", "4h", "--due-mode", "end-of-day", "--format", "json",
        ])
        #expect(r.out.contains("\"due\": \"2026-03-02T17:00:00\""))
    }

    @Test(arguments: [
        (["due", "--received", "2026-02-13T16:30", "--deadline", "3x"], "--deadline"),
        (["due", "--deadline", "3d"], "--received"),
        (["due", "--received", "yesterday", "--deadline", "3d"], "--received"),
        (["due", "--received", "2026-02-13T16:30", "--procedure", "1.001193"], "--catalog"),
        (["due", "--received", "2026-02-13T16:30", "--deadline", "3d", "--pause", "2026-02-14/2026-02-13"], "--pause"),
        (
            ["due", "--received", "2026-02-13T16:30", "--deadline", "3d", "--calendar", "/nonexistent.csv"],
            "/nonexistent.csv"
        ),
        (["calendar", "--year", "1800"], "--year"),
        (["calendar", "--lunar-to-solar", "1/2L/2024"], "no leap month"),
        (["calendar"], "--year"),
    ])
    func usageErrorsExitTwo(arguments: [String], mention: String) {
        let r = run(arguments)
        #expect(r.status == 2)
        #expect(r.err.contains(mention), "\(r.err)")
    }

    @Test func calendarYearJSON() throws {
        let r = run(["calendar", "--year", "2026", "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(object["year"] as? Int == 2026)
        #expect(object["working_days_per_month"] as? [Int] == [21, 15, 22, 20, 20, 22, 23, 21, 20, 22, 21, 23])
        let days = try #require(object["days"] as? [[String: Any]])
        #expect(days.contains { $0["date"] as? String == "2026-01-10" && $0["working"] as? Bool == true })
        #expect(days.contains { $0["date"] as? String == "2026-02-17" && $0["working"] as? Bool == false })
        #expect(!days.contains { $0["date"] as? String == "2026-02-14" }, "weekends are not exceptions")
    }

    @Test func calendarOverlaysAndFormats() {
        var r = run(["calendar", "--year", "2027", "--format", "csv", "--calendar", "cultural-day"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("kind,date,working,working_days,name\n"))
        #expect(r.out.contains("day,2027-11-24,false,,Ngày Văn hóa Việt Nam (24/11)\n"))
        r = run(["calendar", "--year", "2026", "--calendar", Self.repo + "/Datasets/calendars/example-overlay.csv"])
        #expect(r.out.contains("07:00-11:30, 13:30-17:00"))
        #expect(r.out.contains("2026-03-14  Sat  working"))
    }

    /// English tables name every shipped day off in English (no "thứ Bảy" in an English line);
    /// Vietnamese ones keep the government's words.
    @Test(arguments: [2024, 2025, 2026, 2027])
    func englishCalendarsHaveNoVietnameseDayNames(year: Int) {
        let en = run(["calendar", "--year", String(year), "--calendar", "cultural-day"]).out
        for word in ["thứ", "Chủ nhật", "Nghỉ", "Làm bù", "Quốc khánh", "Ngày", "Giỗ", "âm lịch", "cuối tuần"] {
            #expect(!en.contains(word), "\(year): '\(word)' in\n\(en)")
        }
        let vi = run(["calendar", "--year", String(year), "--lang", "vi"]).out
        #expect(vi.contains("Tết Nguyên đán") && vi.contains("Số ngày làm việc theo tháng:"))
    }

    @Test func lunarConversions() {
        var r = run(["calendar", "--solar-to-lunar", "2030-02-02", "--format", "json"])
        #expect(
            r.out
                == "{\"solar\": \"2030-02-02\", \"lunar\": {\"day\": 1, \"month\": 1, \"year\": 2030, \"leap\": false}}\n"
        )
        r = run(["calendar", "--lunar-to-solar", "1/1/2030", "--format", "json"])
        #expect(
            r.out
                == "{\"solar\": \"2030-02-02\", \"lunar\": {\"day\": 1, \"month\": 1, \"year\": 2030, \"leap\": false}}\n"
        )
        r = run(["calendar", "--lunar-to-solar", "15/2L/2023", "--format", "json"])
        #expect(
            r.out
                == "{\"solar\": \"2023-04-05\", \"lunar\": {\"day\": 15, \"month\": 2, \"year\": 2023, \"leap\": true}}\n"
        )
        r = run(["calendar", "--solar-to-lunar", "1985-01-21"])
        #expect(r.out == "1985-01-21 (Mon) = 1/1/1985 lunar\n")
        r = run(["calendar", "--solar-to-lunar", "1985-01-21", "--lang", "vi"])
        #expect(r.out == "21/01/1985 (T2) = 1/1/1985 âm lịch\n")
    }

    @Test(arguments: ["calendar", "due"])
    func helpHasExamples(command: String) {
        let r = run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("Examples:\n  tthc \(command)"))
    }

    /// Six dossiers: one matching, one recorded earlier (ignores the 15:00 cut-off), one recorded
    /// two working days later than the law (Tết skipped), one unknown procedure, one without
    /// NgayHenTra, one whose pause moves the legal due past the recorded one.
    @Test func auditFindsLaterAndEarlierDues() throws {
        let log = """
            MaHoSo,MaTTHC,DonViXuLy,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,DanhSachHoSoBoSung
            D1,1.001193,UBND xã A,4,20260302090000,20260302170000,
            D2,1.001193,UBND xã A,4,20260302153000,20260302170000,
            D3,2.000720,UBND xã B,4,20260213163000,20260227163000,
            D4,X.9,UBND xã B,4,20260213163000,20260227163000,
            D5,2.000720,UBND xã B,4,20260213163000,,
            D6,2.000720,UBND xã B,4,20260826090000,20260904090000,20260827150000/20260903100000

            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tthc-audit-\(UInt32.random(in: 0...UInt32.max)).csv"
        ).path
        try log.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let catalog = Self.repo + "/Datasets/catalog/commune-procedures.csv"
        for workers in ["1", "2"] {
            let r = run(["audit", path, "--catalog", catalog, "--format", "json", "-j", workers])
            #expect(r.status == 0, "\(r.err)")
            #expect(
                r.out.hasPrefix(
                    "{\"records\": 6, \"checked\": 4, \"later\": 1, \"earlier\": 2, \"matching\": 1, \"missing_received\": 0, \"missing_due\": 1, \"unknown_procedure\": 1,"
                ))
            #expect(
                r.out.contains(
                    "{\"id\": \"D3\", \"received\": \"2026-02-13T16:30:00\", \"recorded_due\": \"2026-02-27T16:30:00\", \"legal_due\": \"2026-02-25T16:30:00\", \"difference_working_minutes\": 960}"
                ))
            #expect(r.out.contains("\"legal_due\": \"2026-09-04T14:00:00\", \"difference_working_minutes\": -240"))
        }
        let text = run(["audit", path, "--catalog", catalog])
        #expect(text.out.contains("1 due later than the law allows, 2 earlier, 1 matching"))
        #expect(run(["audit", path]).status == 2)
    }
}
