import Foundation
import Output
import TTHCCLI
import TestSupport
import Testing

/// `tthc check`, `tthc today` and `tthc score` run in-process on small hand-made logs.
@Suite struct TargetsCommandTests {
    static let header =
        "MaHoSo,MaTTHC,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,MucDo,ToanTrinh,CoPhiLePhi,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,KetQuaDienTu,XinLoi,DanhSachHoSoBoSung"

    /// Wednesday 11 March 2026 around 10:00, office hours 08-12 and 13-17, no holiday that week.
    static let monitorLog = [
        "A,1.001,UBND xã An,2,4,20260309080000,20260311160000,,,4,1,0,,1,,,",
        "B,1.002,UBND xã An,1,4,20260309080000,20260312170000,,,3,,1,0,1,,,",
        "C,1.001,UBND xã Bình,1,4,20260309080000,20260313083000,,,3,,0,,0,,,",
        "D,1.001,UBND xã Bình,1,4,20260302080000,20260310150000,,,3,,0,,0,,1,",
        "E,1.002,UBND xã An,2,2,20260302080000,20260311090000,,,4,0,1,1,1,,,",
        "F,1.002,UBND xã Bình,1,9,20260302080000,20260309170000,20260310100000,,3,,0,,1,0,0,",
        "G,1.002,UBND xã Bình,1,10,20260302080000,20260309170000,20260310100000,20260310110000,3,,0,,1,1,1,",
        "I,1.001,UBND xã An,2,9,20260309080000,20260311120000,20260311110000,,4,1,0,,1,1,,",
        "K,1.001,UBND xã An,1,10,20260302080000,20260309170000,20260309160000,20260309163000,3,,0,,1,1,,",
        "L,1.001,UBND xã An,1,9,20260311083000,20260311170000,20260311093000,,3,,0,,1,1,,",
        // Two supplement requests: overdue under the 766 rule although its due is next week.
        "M,1.002,UBND xã An,1,5,20260309080000,20260316170000,,,3,,0,,1,,,20260309090000/20260309100000;20260310090000/",
    ]

    /// Removed with its logs when the test ends.
    let temporary = TemporaryDirectory("tthc-targets")

    func write(_ rows: [String], name: String = #function) throws -> String {
        temporary.write(
            name.filter { $0.isLetter || $0.isNumber } + ".csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
    }

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(args, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: check

    @Test func checkExitCodes() throws {
        let log = try write(Self.monitorLog)
        let asOf = ["--as-of", "2026-03-11T10:00"]
        // 4 finished with a due: K on time, L early, F and G late -> 50%.
        #expect(Self.run(["check", log, "--target", "on-time>=50"] + asOf).code == 0)
        #expect(Self.run(["check", log, "--target", "on-time>50"] + asOf).code == 1)
        #expect(Self.run(["check", log, "--target", "on-time>=50", "--target", "late<=1"] + asOf).code == 1)
        // A rate with no dossiers is no data, not a miss.
        #expect(Self.run(["check", log, "--target", "on-time>=99", "--from", "2026-03-12"]).code == 0)
        for bad in [
            ["check", log], ["check", log, "--target", "ontime>=5"],
            ["check", log, "--target", "on-time>=5", "--period", "2026-q5"],
            ["check", "/nonexistent.csv", "--target", "on-time>=5"], ["check", log, "--profile", "nowhere-2030"],
            ["check", log, "--target", "on-time>=5", "--period", "2026-q1", "--from", "2026-01-01"],
            ["check", log, "--target", "on-time>=5", "--format", "xml"], ["check", "--target", "on-time>=5"],
        ] {
            let result = Self.run(bad)
            #expect(result.code == 2, "\(bad)")
            #expect(
                result.err.hasPrefix("tthc check: ") && result.err.filter { $0 == "\n" }.count == 1, "\(result.err)")
        }
    }

    @Test func checkJSONVerdictGapAndContributors() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run([
            "check", log, "--target", "on-time>=100", "--target", "online>=60", "--as-of", "2026-03-11T10:00",
            "--format", "json",
        ])
        #expect(result.code == 1)
        let root = try Self.json(result.out)
        #expect(root["verdict"] as? String == "missed")
        let targets = try #require(root["targets"] as? [[String: Any]])
        #expect(targets[0]["status"] as? String == "missed")
        #expect(targets[0]["gap"] as? Int == 2)
        #expect(
            targets[0]["gap_text"] as? String
                == "2 more dossiers needed to be on time instead of late (of 4 finished with a due)")
        let contributors = try #require(targets[0]["contributors"] as? [String: Any])
        let units = try #require(contributors["agency"] as? [[String: Any]])
        #expect(units.map { $0["key"] as? String } == ["UBND xã Bình"])
        #expect(units.first?["wrong_side"] as? Int == 2)
        // Online: 3 of 11 received (A, E, I); 60% of 11 is 6.6, so 7 online dossiers: 4 more.
        #expect(targets[1]["numerator"] as? Int == 3)
        #expect(targets[1]["denominator"] as? Int == 11)
        #expect(targets[1]["gap"] as? Int == 4)
        let input = try #require(root["input"] as? [String: Any])
        #expect(input["records"] as? Int == 11)
    }

    @Test func checkByGroupMissesEvenWhenTotalsMeet() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run([
            "check", log, "--target", "on-time>=50", "--by", "agency", "--as-of", "2026-03-11T10:00",
        ])
        #expect(result.code == 1)
        #expect(result.out.contains("Groups missing targets (--by agency):"))
        #expect(result.out.contains("UBND xã Bình  on-time >= 50%"))
        #expect(result.out.contains("met*"))
    }

    @Test func checkWithBuiltinProfileTable() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run(["check", log, "--profile", "hanoi-commune-2025", "--as-of", "2026-03-11T10:00"])
        #expect(result.code == 1)
        #expect(result.out.hasPrefix("tthc check: 2 of 3 targets missed\n"))
        #expect(result.out.contains("profile hanoi-commune-2025"))
        #expect(result.out.contains("reaching 60% online needs 4 more online dossiers"))
        #expect(result.out.contains("Not checked"))
    }

    @Test func periodCutOffsThroughTheCommand() throws {
        // One dossier received at the last second of Q1, one at the first second of Q2; both in
        // progress, due 14 Mar 17:00.
        let log = try write([
            "Q1,1.001,U,1,4,20260314235959,20260314170000,,,3,,0,,0,,,",
            "Q2,1.001,U,1,4,20260315000000,20260320170000,,,3,,0,,0,,,",
            "Old,1.001,U,1,4,20251214235959,20251215170000,,,3,,0,,0,,,",
        ])
        func counts(_ period: String) throws -> [String: Any] {
            let result = Self.run([
                "check", log, "--period", period, "--target", "count:received>=0", "--format", "json",
            ])
            #expect(result.code == 0, "\(result.err)")
            return try Self.json(result.out)
        }
        let q1 = try counts("2026-q1")
        #expect(q1["as_of"] as? String == "2026-03-14T23:59:59")
        #expect((q1["period"] as? [String: Any])?["first_day"] as? String == "2025-12-15")
        #expect(((q1["input"] as? [String: Any])?["outside_selection"] as? Int) == 2)
        // Exactly one received in Q1, overdue at its end (as-of 14 Mar 23:59:59 is after the due).
        #expect(
            Self.run([
                "check", log, "--period", "2026-q1", "--target", "count:received=1", "--target",
                "in-progress-overdue=1",
            ]).code == 0)
        // Q2's dossier is due 20 Mar: overdue at the end of Q2, within time on 16 Mar.
        #expect(
            Self.run([
                "check", log, "--period", "2026-q2", "--target", "count:received=1", "--target",
                "in-progress-overdue=1",
            ]).code == 0)
        #expect(
            Self.run([
                "check", log, "--period", "2026-q2", "--as-of", "2026-03-16T08:00", "--target", "in-progress-overdue=0",
            ]).code == 0)
        #expect(Self.run(["check", log, "--period", "2026-h1", "--target", "count:received=2"]).code == 0)
        #expect(Self.run(["check", log, "--period", "2025-year", "--target", "count:received=1"]).code == 0)
        #expect(Self.run(["check", log, "--period", "2026-03-14", "--target", "count:received=1"]).code == 0)
        #expect(Self.run(["check", log, "--period", "2026-w11", "--target", "count:received=2"]).code == 0)
        #expect(Self.run(["check", log, "--period", "2026-03", "--target", "count:received=2"]).code == 0)
    }

    // MARK: today

    @Test func todayListsWithKnownDueTimes() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run([
            "today", log, "--as-of", "2026-03-11T10:00", "--format", "json", "--profile", "hanoi-commune-2025",
        ])
        #expect(result.code == 0, "\(result.err)")
        let root = try Self.json(result.out)
        #expect(root["horizon_end"] as? String == "2026-03-12T17:00:00")
        func list(_ name: String) throws -> [[String: Any]] {
            try #require((root[name] as? [String: Any])?["items"] as? [[String: Any]])
        }
        #expect(try list("due_soon").map { $0["id"] as? String } == ["I", "A", "B"])
        #expect(try list("due_soon").map { $0["working_time_left_working_seconds"] as? Int } == [7200, 18000, 50400])
        #expect(try list("overdue").map { $0["id"] as? String } == ["D", "E", "M"])
        #expect(try list("overdue").map { $0["apology"] as? Bool } == [true, false, false])
        #expect(try list("overdue").map { $0["overdue_by_working_seconds"] as? Int } == [14400, 3600, 0])
        #expect(try list("overdue").last?["waiting_for_supplement"] as? Bool == true)
        #expect(try list("overdue").last?["late_by_supplements"] as? Bool == true)
        // M: due Mon 16 Mar 17:00, moved by the closed pause (1h) and the open one up to as-of
        // (Tue 09-12, 13-17, Wed 08-10: 9h), 10 working hours in all: Wed 18 Mar 10:00.
        #expect(try list("overdue").last?["due"] as? String == "2026-03-18T10:00:00")
        #expect(try list("late_without_apology").map { $0["id"] as? String } == ["F"])
        #expect(try list("late_without_apology").first?["late_by_working_seconds"] as? Int == 7200)
        let today = try #require(root["today"] as? [String: Any])
        #expect(today["received"] as? Int == 1)
        #expect(today["finished"] as? Int == 1)
        #expect(today["on_time"] as? Int == 1)  // L: finished 09:30, due 17:00 the same day
        let targets = try #require(root["targets"] as? [[String: Any]])
        #expect(targets.count == 3)
        // --within 8h ends Thursday 10:00: B drops out.
        let within = try Self.json(
            Self.run(["today", log, "--as-of", "2026-03-11T10:00", "--within", "8h", "--format", "json"]).out)
        #expect(within["horizon_end"] as? String == "2026-03-12T10:00:00")
        #expect(((within["due_soon"] as? [String: Any])?["total"] as? Int) == 2)
        #expect(Self.run(["today", log, "--within", "soon"]).code == 2)
    }

    @Test func todayTable() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run(["today", log, "--as-of", "2026-03-11T10:00", "--limit", "1"])
        #expect(result.code == 0)
        #expect(result.out.hasPrefix("tthc today: 3 due by 2026-03-12T17:00:00, 3 overdue, 1 late without apology\n"))
        #expect(result.out.contains("Due soon (in progress, due by 2026-03-12T17:00:00): 3 (first 1 shown)"))
        #expect(result.out.contains("2026-03-10T15:00:00  4h       yes"))
        #expect(result.out.contains("period to date (2026-q1, from 2025-12-15)"))
    }

    /// The period-to-date figures of `today` equal `report` on the same selection and as-of.
    @Test func todayFiguresAgreeWithReport() throws {
        let log = try write(Self.monitorLog)
        let today = try Self.json(Self.run(["today", log, "--as-of", "2026-03-11T23:59:59", "--format", "json"]).out)
        let counts = try #require(((today["period_to_date"] as? [String: Any])?["counts"] as? [String: Any]))
        let report = Self.run([
            "report", log, "--from", "2025-12-15", "--to", "2026-03-11", "--as-of", "2026-03-11T23:59:59", "--format",
            "json",
        ])
        #expect(report.code == 0, "\(report.err)")
        let totals = try #require(try Self.json(report.out)["totals"] as? [String: Any])
        var compared = 0
        for (name, value) in counts where name != "rates" {
            #expect(totals[name] as? Int == value as? Int, "\(name)")
            compared += 1
        }
        #expect(compared == 20)
    }

    // MARK: score

    @Test func scoreWorkedExample() throws {
        let log = try write(Self.monitorLog)
        let result = Self.run(["score", log, "--as-of", "2026-03-11T10:00", "--by", "none", "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let total = try #require(try Self.json(result.out)["total"] as? [String: Any])
        let groups = try #require(total["groups"] as? [[String: Any]])
        let points = Dictionary(uniqueKeysWithValues: groups.map { ($0["group"] as! String, $0["points"] as? Double) })
        // progress: in progress within A, B, C, I; finished early/on time K, L; overdue D, E, M; late F, G
        // -> 6 / 11 x 20 = 10.9091. online 3 / 11 = 27.27% of 50% -> 12 x 27.27 / 50 = 6.5455.
        #expect(points["progress"]! == 10.9091)
        #expect(points["online-service"]! == 6.5455)
        // payment 1 paid of 2 fee-bearing -> 5; e-result 3 / 4 = 75% of 80% -> 5.625; digitized 9 / 11 >= 80% -> 4.
        #expect(points["online-payment"]! == 5)
        #expect(points["digitization"]! == 9.625)
        #expect(points["publicity"]! == nil && points["satisfaction"]! == nil)
        #expect(total["computed_max"] as? Double == 52)
        #expect(Self.run(["score", log, "--profile", "hanoi-commune-2026"]).code == 2)
        let table = Self.run(["score", log, "--as-of", "2026-03-11T10:00"])
        #expect(table.out.contains("Per agency:"))
        #expect(table.out.contains("not computed"))
    }
}
