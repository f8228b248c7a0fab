import Foundation
import TTHCCLI
import TestSupport
import Testing

/// `tthc steps FILE...` end to end: hand-worked step logs split over two files in scrambled
/// order, every format, the streamed and the held paths, and `calibrate --steps`.
@Suite struct StepTimeCommandTests {
    let temporary = TemporaryDirectory("tthc-steps")
    static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = temporary.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    static let header = "MaHoSo,MaTTHC,ThoiDiemXuLy,NgayKetThucTheoQuyDinh,TrangThai,PhongBanXuLy,NguoiXuLy\n"

    /// LOOP (same-day procedure, late): counter 1 h, land 9 h + 5 h, leader 6 h + 3 h, the
    /// leader's first step an hour past its plan. PAUSE (six working hours, on time): counter 2 h,
    /// an 8 h supplement wait, land 1 h. Office hours 08-12, 13-17; 2026-03-02 is a Monday.
    static let first =
        header + """
            LOOP,SAME,20260303100000,20260303090000,4,Leader,Chi
            PAUSE,HOURS,20260303110000,,9,Land office,Binh
            LOOP,SAME,20260302080000,,2,Counter,An
            LOOP,SAME,20260304140000,,4,Leader,Chi

            """
    static let second =
        header + """
            PAUSE,HOURS,20260302100000,,5,Land office,Binh
            LOOP,SAME,20260305080000,,9,Counter,An
            PAUSE,HOURS,20260302080000,,2,Counter,An
            LOOP,SAME,20260304080000,,4,Land office,Binh
            PAUSE,HOURS,20260303100000,,4,Land office,Binh
            LOOP,SAME,20260302090000,,4,Land office,Binh

            """
    static let catalog = """
        MaTTHC,TenTTHC,MaLinhVuc,ThoiHanGiaiQuyet,DonViThoiGian
        SAME,Same day,F,,trong ngày
        HOURS,Six hours,F,6,giờ làm việc

        """

    @Test func handWorkedFiguresInEveryPath() throws {
        let a = try write("a.csv", Self.first), b = try write("b.csv", Self.second)
        let catalog = try write("catalog.csv", Self.catalog)
        let held = run(["steps", a, b, "--catalog", catalog, "--format", "json", "-j", "1"])
        #expect(held.status == 0, "\(held.err)")
        let d = try json(held.out)
        #expect(d["as_of"] as? String == "2026-03-05T08:00:00")
        let groups = try #require(d["by_department"] as? [[String: Any]])
        func department(_ g: [String: Any]) -> String? { (g["key"] as? [String: Any])?["department"] as? String }
        #expect(groups.map(department) == ["Land office", "Leader", "Counter"])
        #expect(groups.map { $0["working_seconds"] as? Int } == [15 * 3600, 9 * 3600, 3 * 3600])
        #expect(groups.map { $0["late"] as? Int } == [1, 1, 1])
        #expect(((groups[1]["late_over_plan"] as? [String: Any])?["numerator"] as? Int) == 1)
        #expect(groups.map { $0["returns"] as? Int } == [1, 1, 0])
        let dossiers = try #require(d["dossiers"] as? [String: Any])
        #expect(dossiers["analysed"] as? Int == 2 && dossiers["paused_working_seconds"] as? Int == 8 * 3600)
        // Streamed (the as-of time known before reading), on two workers and in another file order:
        // the same figures.
        let streamed = run([
            "steps", b, a, "--catalog", catalog, "--format", "json", "-j", "2", "--as-of", "2026-03-05T08:00",
        ])
        #expect(streamed.status == 0, "\(streamed.err)")
        let e = try json(streamed.out)
        #expect(
            NSDictionary(dictionary: e["totals"] as! [String: Any])
                == NSDictionary(dictionary: d["totals"] as! [String: Any]))
        #expect(
            (e["by_department"] as! [[String: Any]]).map { NSDictionary(dictionary: $0) }
                == groups.map { NSDictionary(dictionary: $0) })
        // Without a catalog there is no due: no dossier is late, and the table says why.
        let table = run(["steps", a, b])
        #expect(table.status == 0)
        #expect(table.out.contains("2 dossiers have no due (give --catalog with their procedures)"))
        #expect(table.out.contains("Bottleneck: Land office holds 55.55% of the dossiers' working time"))
    }

    @Test func breakdownsAndDocuments() throws {
        let a = try write("a.csv", Self.first), b = try write("b.csv", Self.second)
        let csv = run(["steps", a, b, "--by", "transition", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.err)")
        let rows = ReferenceCSV.table(csv.out)
        #expect(rows.first?["from"] == "Land office" && rows.first?["to"] == "Leader")
        #expect(rows.first?["working_seconds"] == String(14 * 3600))
        let handlers = ReferenceCSV.table(run(["steps", a, b, "--by", "handler", "--format", "csv"]).out)
        #expect(handlers.map { $0["handler"] ?? "" } == ["Binh", "Chi", "An", ""])
        let wrong = run(["steps", a, "--by", "departmnet"])
        #expect(wrong.status == 2 && wrong.err.contains("did you mean 'department'"), "\(wrong.err)")
        #expect(run(["steps", a, "--clock", "calendar"]).status == 2, "one clock: the legal one")
        #expect(run(["steps", a, "--format", "xlsx"]).status == 2)
        let workbook = temporary.url.appendingPathComponent("steps.xlsx").path
        let written = run(["steps", a, b, "--format", "xlsx", "-o", workbook])
        #expect(written.status == 0, "\(written.err)")
        #expect(FileManager.default.fileExists(atPath: workbook))
        let html = run(["steps", a, b, "--format", "html"])
        #expect(html.out.contains("<svg") && html.out.contains("Thời gian xử lý hồ sơ nằm ở đâu"))
    }

    @Test func calibrateTakesTheStepLogsHandlers() throws {
        let scenario = temporary.url.appendingPathComponent("calibrated.json").path
        let r = run([
            "calibrate", Self.root + "/Datasets/sample/dossiers.csv", "--steps",
            Self.root + "/Datasets/sample/steps.csv", "--work-minutes", "30",
            "--department", "HoTich=Công chức Tư pháp - Hộ tịch", "-o", scenario, "--replications", "2", "--format",
            "json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let pools = try #require(try json(r.out)["pools"] as? [[String: Any]])
        let justice = try #require(pools.first { $0["pool"] as? String == "Công_chức_Tư_pháp___Hộ_tịch" })
        // The sample's step log has four handlers at the justice desk on each of its working days.
        #expect(justice["staff"] as? Int == 4)
        #expect((justice["staff_from"] as? String)?.hasPrefix("median 4 handlers per working day in") == true)
        #expect(pools.filter { $0["staff_from"] != nil }.count == 1)
        #expect(r.err.contains("step-log departments that size no pool: 'Bộ phận Một cửa'"))
        let delay = run([
            "calibrate", Self.root + "/Datasets/sample/dossiers.csv", "--steps", "x.csv", "--delay-model", "-o",
            scenario,
        ])
        #expect(delay.status == 2)
    }

    /// The latest step is a hand-over of a dossier in progress, after every received time and
    /// end: it changes no fact, yet the log was taken after it. `steps` and `report --steps`
    /// (alone and joined with a dossier table) take the same default as-of time from it, and
    /// the table's input line counts step rows, whose ids repeat by design, not duplicate ids.
    @Test func defaultAsOfIsTheLatestStepForEveryStepCommand() throws {
        let log = try write(
            "handover.csv",
            Self.header + """
                DONE,SAME,20260302080000,,2,Counter,An
                DONE,SAME,20260302150000,,9,Counter,An
                OPEN,SAME,20260303090000,,2,Counter,An
                OPEN,SAME,20260304100000,,4,Land office,Binh

                """)
        let table = try write(
            "dossiers.csv",
            """
            MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo,KenhThucHien
            DONE,SAME,20260302080000,20260302170000,20260302150000,9,1
            OPEN,SAME,20260303090000,20260305170000,,4,2

            """)
        let latestStep = "2026-03-04T10:00:00"
        let steps = run(["steps", log, "--format", "json"])
        #expect(steps.status == 0, "\(steps.err)")
        #expect(try json(steps.out)["as_of"] as? String == latestStep)
        let alone = run(["report", "--steps", log, "--format", "json"])
        #expect(alone.status == 0, "\(alone.err)")
        #expect(try json(alone.out)["as_of"] as? String == latestStep)
        let joined = run(["report", "--steps", log, "--dossiers", table, "--format", "json"])
        #expect(joined.status == 0, "\(joined.err)")
        #expect(try json(joined.out)["as_of"] as? String == latestStep)

        let text = run(["steps", log])
        #expect(text.status == 0, "\(text.err)")
        #expect(text.out.contains("input: 4 step rows, 0 rejected\n"), "\(text.out)")
        #expect(!text.out.contains("duplicate ids"))
        let vietnamese = run(["steps", log, "--lang", "vi"])
        #expect(vietnamese.out.contains("dữ liệu vào: 4 dòng bước xử lý, 0 bị loại\n"), "\(vietnamese.out)")
    }
}
