import Foundation
import TTHCCLI
import TestSupport
import Testing

@Suite struct PeriodCommandTests {
    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tthc-period-\(UUID().uuidString)-\(name)").path
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    /// Five dossiers around the Q1/Q2 cut-off (15 March), worked out by hand:
    /// A received 10 Mar, due 12 Mar, finished 20 Mar (late); B received 16 Mar, finished early;
    /// C received 1 Mar without a due, withdrawn 2 Apr; D refused 20 Mar; E received 10 Jun, due
    /// 12 Jun, still open.
    static let handLog = """
        MaHoSo,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTuChoi,XinLoi
        A,UBND xã A,1,9,20260310080000,20260312170000,20260320100000,,1
        B,UBND xã A,2,9,20260316080000,20260318170000,20260317100000,,
        C,UBND xã B,3,7,20260301080000,,20260402100000,,
        D,UBND xã B,1,3,,,,20260320090000,
        E,UBND xã B,2,4,20260610080000,20260612170000,,,

        """

    @Test func handWorkedQuartersAroundTheCutOff() throws {
        let path = temporary("hand.csv")
        try Data(Self.handLog.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run(["period", path, "--periods", "2026-q1..2026-q2", "--by", "agency", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let document = try json(result.out)
        let periods = document["periods"] as! [[String: Any]]
        #expect(periods.map { $0["period"] as! String } == ["2026-q1", "2026-q2"])
        let q1 = periods[0]["total"] as! [String: Any]
        let q2 = periods[1]["total"] as! [String: Any]
        func n(_ row: [String: Any], _ key: String) -> Int { row[key] as! Int }
        // Q1: A (overdue at 14 Mar 23:59:59) and C (no due) are open at the end.
        #expect(n(q1, "received") == 2 && n(q1, "carried_over") == 0 && n(q1, "finished") == 0)
        #expect(n(q1, "in_progress_overdue") == 1 && n(q1, "in_progress_no_due") == 1 && n(q1, "closing_backlog") == 2)
        #expect(n(q1, "returned") == 0 && n(q1, "received_in_person") == 1 && n(q1, "received_postal") == 1)
        // Q2: A and C carried over; B and E received; A late (with apology), B early; E overdue; C withdrawn.
        #expect(n(q2, "carried_over") == 2 && n(q2, "received") == 2 && n(q2, "total_to_handle") == 4)
        #expect(n(q2, "finished") == 2 && n(q2, "finished_late") == 1 && n(q2, "finished_early") == 1)
        #expect(n(q2, "late_with_apology") == 1 && n(q2, "late_without_apology") == 0)
        #expect(n(q2, "in_progress") == 1 && n(q2, "in_progress_overdue") == 1 && n(q2, "withdrawn") == 1)
        #expect(n(q2, "returned") == 1 && n(q2, "received_online") == 2)
        let rate = q2["on_time_rate"] as! [String: Any]
        #expect(rate["numerator"] as! Int == 1 && rate["denominator"] as! Int == 2)
        let fallbacks = periods[1]["fallbacks"] as! [String: Any]
        #expect(fallbacks["withdrawn_placed_by_received"] as! Int == 0)
        let chain = document["chain"] as! [[String: Any]]
        #expect(chain.count == 1 && chain[0]["holds"] as! Bool == true && chain[0]["rows_checked"] as! Int == 3)
        let rows = periods[1]["rows"] as! [[String: Any]]
        #expect(rows.map { $0["unit"] as! String } == ["UBND xã A", "UBND xã B"])
        #expect(rows.map { $0["stt"] as! Int } == [1, 2])
        // The log starts after Q1 starts: carried over is undercounted, and it says so.
        #expect(result.err.contains("warning: no dossier of the log was received before 2026-q1 starts (2025-12-15)"))
    }

    @Test func checkAndScoreOnThePeriodBasis() throws {
        let path = temporary("basis.csv")
        try Data(Self.handLog.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Received in Q2 and finished: only B (early). Finished in Q2: A (late) and B.
        let received = run(["check", path, "--period", "2026-q2", "--target", "on-time>=100", "--format", "json"])
        #expect(received.status == 0, "\(received.out)\(received.err)")
        let period = run([
            "check", path, "--period", "2026-q2", "--target", "on-time>=100", "--basis", "period", "--format", "json",
        ])
        #expect(period.status == 1, "\(period.out)\(period.err)")
        let document = try json(period.out)
        #expect(document["basis"] as? String == "period")
        let target = (document["targets"] as! [[String: Any]])[0]
        #expect(target["numerator"] as? Int == 1 && target["denominator"] as? Int == 2, "\(target)")
        let byUnit = run([
            "check", path, "--period", "2026-q2", "--target", "on-time>=100", "--basis", "period", "--by", "agency",
        ])
        #expect(byUnit.status == 1 && byUnit.out.contains("UBND xã A"), "\(byUnit.out)")
        let score = run(["score", path, "--period", "2026-q2", "--basis", "period", "--format", "json"])
        #expect(score.status == 0, "\(score.err)")
        #expect(try json(score.out)["basis"] as? String == "period")
        let wrong = run(["check", path, "--target", "on-time>=99", "--basis", "period"])
        #expect(wrong.status == 2 && wrong.err.contains("--basis period needs --period"))
        let withAsOf = run([
            "score", path, "--period", "2026-q2", "--basis", "period", "--as-of", "2026-04-01T00:00",
        ])
        #expect(withAsOf.status == 2 && withAsOf.err.contains("drop --as-of"))
    }

    /// Closing backlog = next carried over, for every unit of generated logs, by agency, field and
    /// procedure, chained by months and by Hanoi quarters; and every row balances.
    @Test func chainsHoldForEveryUnitOfAGeneratedLog() throws {
        let path = temporary("generated.csv")
        let generated = run([
            "generate", "--dossiers", "6000", "--seed", "11", "--from", "2025-10-01", "--to", "2026-06-30", "-o", path,
        ])
        #expect(generated.status == 0, "\(generated.err)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try json(run(["report", path, "--by", "agency", "--format", "json"]).out)
        let allAgencies = Set(
            (report["groups"] as! [[String: Any]]).map { ($0["key"] as! [String: Any])["agency"] as! String })
        #expect(allAgencies.count >= 10)
        for chain in ["2025-11..2026-06", "2026-q1..2026-q3"] {
            for dimension in ["agency", "field", "procedure"] {
                let result = run(["period", path, "--periods", chain, "--by", dimension, "--format", "json", "-j", "2"])
                #expect(result.status == 0, "\(result.err)")
                let document = try json(result.out)
                #expect(document["balance_holds"] as! Bool == true)
                let periods = document["periods"] as! [[String: Any]]
                var byPeriod: [[String: [String: Int]]] = []
                for period in periods {
                    var rows: [String: [String: Int]] = [:]
                    for row in period["rows"] as! [[String: Any]] {
                        let values = row.compactMapValues { $0 as? Int }
                        // The balance, from the printed numbers.
                        #expect(
                            values["carried_over"]! + values["received"]!
                                == values["finished"]! + values["in_progress"]! + values["withdrawn"]!)
                        rows[row["unit"] as? String ?? "(none)"] = values
                    }
                    byPeriod.append(rows)
                }
                var carriedSomewhere: Set<String> = []
                for i in 0..<(byPeriod.count - 1) {
                    for unit in Set(byPeriod[i].keys).union(byPeriod[i + 1].keys) {
                        let closing = byPeriod[i][unit]?["closing_backlog"] ?? 0
                        let carried = byPeriod[i + 1][unit]?["carried_over"] ?? 0
                        #expect(closing == carried, "\(chain) \(dimension) \(unit) after period \(i)")
                        if carried > 0 { carriedSomewhere.insert(unit) }
                    }
                }
                if dimension == "agency" {
                    // Every unit of the log is in the table, and every one carries dossiers over.
                    let units = Set(byPeriod.flatMap(\.keys))
                    #expect(units == allAgencies)
                    #expect(carriedSomewhere == allAgencies)
                }
                let links = document["chain"] as! [[String: Any]]
                #expect(links.count == periods.count - 1 && links.allSatisfy { $0["holds"] as! Bool })
            }
        }
    }

    @Test func csvAndTableAgreeWithJSON() throws {
        let path = temporary("formats.csv")
        try Data(RandomDossierLog.make(seed: 12, count: 400).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let arguments = ["period", path, "--period", "2026-03", "--period", "2026-04", "--by", "agency"]
        let document = try json(run(arguments + ["--format", "json"]).out)
        let csv = ReferenceCSV.records(run(arguments + ["--format", "csv"]).out)
        let header = csv[0]
        #expect(Array(header.prefix(6)) == ["period", "first_day", "last_day", "stt", "scope", "agency"])
        var jsonRows: [[String: Any]] = []
        for period in document["periods"] as! [[String: Any]] {
            jsonRows += (period["rows"] as! [[String: Any]]) + [period["total"] as! [String: Any]]
        }
        let body = csv.dropFirst()
        #expect(body.count == jsonRows.count)
        for (cells, row) in zip(body, jsonRows) {
            for (i, key) in header.enumerated().dropFirst(6) where key != "on_time_percent" {
                #expect(Int(cells[i]) == row[key] as? Int, "\(key)")
            }
        }
        #expect(body.last![4] == "total" && body.last![0] == "2026-04")
        let table = run(arguments)
        #expect(table.status == 0)
        #expect(table.out.contains("Period: 2026-03 (2026-03-01 .. 2026-03-31)"))
        #expect(table.out.contains("Balance: carried over "))
        #expect(table.out.contains(": holds in the total and every row"))
        #expect(table.out.contains("Chain: closing backlog of 2026-03 = carried over of 2026-04: holds"))
        let vietnamese = run(arguments + ["--lang", "vi"])
        #expect(
            vietnamese.out.contains("STT")
                && vietnamese.out.contains("Kỳ báo cáo: Tháng 3 năm 2026 (01/03/2026 – 31/03/2026)"))
        #expect(vietnamese.out.contains("Tồn cuối kỳ") && vietnamese.out.contains("Cân đối"))
    }

    @Test func documentsInEveryFormat() throws {
        let log = temporary("docs.csv")
        try Data(Self.handLog.utf8).write(to: URL(fileURLWithPath: log))
        let html = temporary("q.html")
        let xlsx = temporary("q.xlsx")
        defer { for path in [log, html, xlsx] { try? FileManager.default.removeItem(atPath: path) } }
        let arguments = ["period", log, "--periods", "2026-q1..2026-q2", "--by", "agency"]
        // Documents are in Vietnamese unless --lang says otherwise.
        let markdown = run(arguments + ["--format", "md"])
        #expect(markdown.status == 0, "\(markdown.err)")
        #expect(markdown.out.contains("## Quý II năm 2026 (15/03/2026 – 14/06/2026)"))
        #expect(markdown.out.contains("| Kỳ trước chuyển qua |") && markdown.out.contains("Tồn cuối kỳ"))
        #expect(
            markdown.out.contains(
                "Cân đối: kỳ trước 2 + tiếp nhận 2 = đã giải quyết 2 + đang giải quyết 1 + rút hồ sơ 1"))
        let english = run(arguments + ["--format", "md", "--lang", "en"])
        #expect(english.out.contains("| Carried over from the previous period |"))
        #expect(run(arguments + ["--format", "html", "-o", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Kỳ trước chuyển qua") && page.contains("UBND xã B"))
        #expect(run(arguments + ["--format", "html", "-o", html]).status == 2, "never over an existing file")
        #expect(run(arguments + ["--format", "xlsx"]).status == 2, "xlsx needs -o")
        #expect(run(arguments + ["--format", "xlsx", "-o", xlsx]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: xlsx))
        #expect(bytes.prefix(2) == Data("PK".utf8), "a zip container")
        let excel = run(["period", log, "--period", "2026-q2", "--format", "csv-excel", "--lang", "vi"])
        #expect(excel.out.hasPrefix("\u{FEFF}period;first_day;last_day;stt;scope;unit;"))
    }

    @Test(arguments: [
        (["period", "x.csv"], "expected --period P"),
        (["period", "x.csv", "--period", "2026-q1", "--periods", "2026-01..2026-02"], "not both"),
        (["period", "x.csv", "--periods", "2026-01..2026-q2"], "--periods: invalid period"),
        (["period", "x.csv", "--period", "2026-q5"], "--period: invalid period '2026-q5'"),
        (["period", "x.csv", "--period", "2026-q1", "--by", "channel"], "--by takes one of agency|field|procedure"),
        (["period", "x.csv", "--period", "2026-q1", "--by", "agency,field"], "--by takes one of"),
        (["period", "x.csv", "--period", "2026-q1", "--as-of", "2026-03-01"], "unknown option '--as-of'"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = run(arguments)
        #expect(result.status == 2)
        #expect(result.err.contains(message), "\(result.err)")
    }
}
