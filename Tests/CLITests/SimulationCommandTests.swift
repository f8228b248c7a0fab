import Foundation
import Testing

@testable import TTHCCLI

@Suite("tthc simulate")
struct SimulationCommandTests {
    static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    static let mmc = root + "/Datasets/scenarios/mmc.json"
    static let commune = root + "/Datasets/scenarios/commune-center.json"
    static let sample = root + "/Datasets/sample/dossiers.csv"
    static let catalog = root + "/Datasets/catalog/commune-procedures.csv"

    func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(args, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("M/M/c JSON holds customers, mean wait, P(wait) and utilization, each with a 95% interval")
    func mmcJSON() throws {
        let r = run([
            "simulate", Self.mmc, "--set", "arrival_rate=9", "--set", "service_rate=1", "--set", "servers=10",
            "--customers", "4000",
            "--replications", "4", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let d = try json(r.out)
        for key in ["customers", "mean_wait_hours", "p_wait", "utilization"] {
            let e = try #require(d[key] as? [String: Any], "\(key)")
            let ci = try #require(e["ci95"] as? [Double])
            let mean = try #require(e["mean"] as? Double)
            #expect(ci.count == 2 && ci[0] <= mean && mean <= ci[1], "\(key)")
        }
        #expect((d["customers"] as? [String: Any])?["mean"] as? Double == 4000)
        let u = try #require((d["utilization"] as? [String: Any])?["mean"] as? Double)
        #expect(abs(u - 0.9) < 0.05)
    }

    @Test("Output does not depend on -j")
    func workersDoNotMatter() {
        let base = [
            "simulate", Self.commune, "--days", "14", "--replications", "3", "--seed", "42", "--format", "json",
        ]
        let one = run(base + ["-j", "1"])
        let two = run(base + ["-j", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.out == two.out)
        #expect(run(base + ["-j", "1", "--seed", "43"]).out != one.out)
    }

    @Test("--set reaches any value; mistakes are usage errors naming the path")
    func setOverrides() {
        let more = run([
            "simulate", Self.mmc, "--set", "servers=12", "--customers", "2000", "--replications", "2", "--format",
            "json",
        ])
        let fewer = run([
            "simulate", Self.mmc, "--set", "servers=10", "--customers", "2000", "--replications", "2", "--format",
            "json",
        ])
        #expect(more.status == 0 && more.out != fewer.out)
        let bad = run(["simulate", Self.commune, "--set", "pools.land.discipline=lifo"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("pools.land.discipline"))
        #expect(run(["simulate", Self.commune, "--set", "nonsense"]).status == 2)
        #expect(run(["simulate", "/nonexistent.json"]).status == 2)
        #expect(run(["simulate", Self.commune, "--days", "3", "--until", "2026-04-01"]).status == 2)
    }

    // The old second reading of a pipe waited for a writer forever: the limit makes that a failure.
    @Test("--compare --from-log reads the log once: from a pipe as from the file", .timeLimit(.minutes(1)))
    func compareFromAPipe() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("log.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)!
            handle.write(bytes)
            handle.closeFile()
        }
        writer.start()
        let options = [
            "simulate", "--compare", Self.commune, "--set-b", "pools.reception.size=3", "--days", "3",
            "--replications", "2", "--format", "json",
        ]
        let piped = run(options + ["--from-log", fifo])
        let file = run(options + ["--from-log", Self.sample])
        #expect(piped.status == 0, "\(piped.err)")
        #expect(file.status == 0 && piped.out == file.out)
    }

    @Test("--compare reports the paired difference with its interval")
    func compare() throws {
        let r = run([
            "simulate", "--compare", Self.commune, "--set-b", "pools.land.size=4", "--days", "28", "--replications",
            "4", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let d = try json(r.out)
        let kpis = try #require(d["kpis"] as? [String: Any])
        let wait = try #require(kpis["pools.land.mean_wait_hours"] as? [String: Any])
        let diff = try #require(wait["difference"] as? [String: Any])
        #expect((diff["mean"] as? Double ?? 0) < 0, "more land staff should shorten the land queue")
        let table = run([
            "simulate", "--compare", Self.commune, "--set-b", "pools.land.size=4", "--days", "14", "--replications",
            "3",
        ])
        #expect(table.status == 0 && table.out.contains("B - A"))
    }

    @Test("--emit-log writes a core CSV log")
    func emitLog() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-emit-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run(["simulate", Self.commune, "--days", "7", "--replications", "1", "--emit-log", path])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(
            lines.first?.hasPrefix("MaHoSo,MaTTHC,MaLinhVuc,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan") == true)
        #expect(lines.count > 100)
        #expect(r.err.contains("wrote"))
    }

    @Test("tthc calibrate writes a scenario that tthc simulate reads, and reports the reproduction")
    func calibrate() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let log = dir + "/tthc-cal-cli-\(getpid()).csv", scenario = dir + "/tthc-cal-cli-\(getpid()).json"
        defer {
            try? FileManager.default.removeItem(atPath: log)
            try? FileManager.default.removeItem(atPath: scenario)
        }
        #expect(run(["simulate", Self.commune, "--days", "21", "--replications", "1", "--emit-log", log]).status == 0)
        for model in [["--work-minutes", "20"], ["--delay-model"]] {
            let r = run(["calibrate", log, "-o", scenario, "--replications", "3", "--format", "json"] + model)
            #expect(r.status == 0, "\(r.err)")
            let d = try json(r.out)
            #expect(d["model"] as? String == (model[0] == "--delay-model" ? "delay" : "staffing"))
            let kpis = try #require(d["kpis"] as? [String: Any])
            #expect(kpis["on_time"] != nil && kpis["online"] != nil)
            #expect(run(["simulate", scenario, "--days", "7", "--replications", "2"]).status == 0)
        }
        #expect(run(["calibrate", log]).status == 2)
    }

    @Test("A typo in --set or in the file is exit 2 naming the path, the keys allowed and the closest")
    func strict() throws {
        let r = run(["simulate", Self.commune, "--set", "pools.land.sise=4", "--days", "3"])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("--set pools.land.sise: unknown key 'sise'"), "\(r.err)")
        #expect(r.err.contains("allowed here: size, discipline") && r.err.contains("did you mean 'size'?"))
        #expect(run(["simulate", Self.commune, "--set", "foo=1"]).err.contains("--set foo: unknown key"))
        let zero = run(["simulate", Self.commune, "--set", "pools.land.size=0"])
        #expect(zero.status == 2 && zero.err.contains("pools.land.size: expected a whole number of 1 or more"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-strict-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try String(contentsOfFile: Self.commune, encoding: .utf8)
        try text.replacingOccurrences(of: "\"supplement\": {", with: "\"suplement\": {").write(
            toFile: path, atomically: true, encoding: .utf8)
        let file = run(["simulate", path, "--days", "3"])
        #expect(file.status == 2 && file.err.contains("procedures.birth.suplement: unknown key 'suplement'"))
        #expect(file.err.contains("did you mean 'supplement'?"))
    }

    @Test("--compare labels each side by name and its --set values; the verdict ends the table and the JSON")
    func compareLabelsAndVerdict() throws {
        let args = [
            "simulate", "--compare", Self.commune, "--set-b", "pools.justice.size=4", "--days", "28",
            "--replications", "4", "--target", "on-time>=99",
        ]
        let table = run(args)
        #expect(table.status == 0, "\(table.err)")
        #expect(table.out.contains("  A = commune center (illustrative)\n"))
        #expect(table.out.contains("  B = commune center (illustrative) with pools.justice.size=4\n"))
        let verdict = try #require(table.out.components(separatedBy: "Verdict:\n").last)
        let lines = verdict.split(separator: "\n")
        #expect(lines.count == 2, "\(verdict)")
        #expect(
            lines[0].hasPrefix("  on-time ") && lines[0].contains(" → ") && lines[0].contains("target on-time >= 99%"))
        #expect(lines[1].hasPrefix("  progress (open dossiers counted) "))
        let d = try json(run(args + ["--format", "json"]).out)
        #expect(d["b"] as? String == "commune center (illustrative) with pools.justice.size=4")
        let verdicts = try #require(d["verdict"] as? [[String: Any]])
        #expect(verdicts.map { $0["kpi"] as? String } == ["on_time", "progress"])
        #expect(["met", "likely", "missed"].contains(verdicts[0]["judgement"] as? String ?? ""))
        #expect(verdicts[0]["significant"] is Bool)
    }

    @Test("An overloaded pool warns with the staff needed, in the table and in the JSON")
    func overloadWarning() throws {
        let r = run(["simulate", Self.commune, "--set", "pools.land.size=1", "--days", "28", "--replications", "3"])
        #expect(r.status == 0)
        #expect(r.out.contains("Warnings:\n  pool land is overloaded: "), "\(r.out)")
        #expect(r.out.contains("staff would bring rho below 0.9"))
        let d = try json(
            run([
                "simulate", Self.commune, "--set", "pools.land.size=1", "--days", "28", "--replications", "3",
                "--format", "json",
            ]).out)
        let warnings = try #require(d["warnings"] as? [[String: Any]])
        #expect(warnings.first?["pool"] as? String == "land" && warnings.first?["kind"] as? String == "overloaded")
        #expect((warnings.first?["staff_for_utilization_below_0_9"] as? Int ?? 0) >= 3)
        let pools = try #require(d["pools"] as? [String: [String: Any]])
        for (_, pool) in pools {
            let u = try #require((pool["utilization"] as? [String: Any])?["mean"] as? Double)
            #expect(u <= 1)
        }
        let calm = try json(
            run(["simulate", Self.commune, "--days", "28", "--replications", "3", "--format", "json"]).out)
        #expect((calm["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test("--by procedure and pool give their tables and JSON groups")
    func breakdowns() throws {
        let r = run(["simulate", Self.commune, "--days", "14", "--replications", "2", "--by", "procedure,pool"])
        #expect(r.status == 0)
        #expect(r.out.contains("Procedure (procedure):") && r.out.contains("Field (pool):"))
        let d = try json(
            run(["simulate", Self.commune, "--days", "14", "--replications", "2", "--by", "pool", "--format", "json"])
                .out)
        let byPool = try #require(d["by_pool"] as? [String: [String: Any]])
        #expect(byPool["land"]?["on_time"] != nil && byPool["land"]?["pool_wait_hours"] != nil)
        #expect(run(["simulate", Self.commune, "--by", "agency"]).status == 2)
    }

    @Test("The shipped scenario loads every open dossier of the sample")
    func shippedScenarioFitsTheSample() {
        let r = run(["simulate", Self.commune, "--from-log", Self.sample, "--days", "5", "--replications", "2"])
        #expect(r.status == 0)
        #expect(r.err.contains("142 dossiers open in") && !r.err.contains("skipped"), "\(r.err)")
    }

    @Test("Dates past the calendar are errors, not traps")
    func calendarRange() {
        let long = run(["simulate", Self.commune, "--days", "100000"])
        #expect(long.status == 2 && long.err.contains("would end after 2100-12-31"), "\(long.err)")
        let until = run(["simulate", Self.commune, "--until", "2101-01-02"])
        #expect(until.status == 2 && until.err.contains("outside the calendar"))
        let due = run(["due", "--received", "2150-01-01T10:00", "--deadline", "2d"])
        #expect(due.status == 2 && due.err.contains("outside the calendar's years 1900-2100"))
        let late = run(["due", "--received", "2100-12-30T10:00", "--deadline", "5d"])
        #expect(late.status == 2 && late.err.contains("after 2100-12-31"))
        #expect(run(["report", Self.sample, "--as-of", "2150-01-01T00:00"]).status == 2)
    }

    @Test("Vietnamese labels for simulate")
    func vietnamese() {
        let r = run(["simulate", Self.commune, "--days", "7", "--replications", "2", "--lang", "vi"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("Kịch bản: ") && r.out.contains("Kết luận:") && r.out.contains("giải quyết đúng hạn"))
        #expect(r.out.contains("Giải quyết đúng hạn (%)"))
    }

    @Test("calibrate sizes staff from the catalog's work minutes, or says which procedures lack them")
    func calibrateStaffing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-staff-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let missing = run(["calibrate", Self.sample, "-o", path])
        #expect(missing.status == 2 && missing.err.contains("no work content for 16 procedure(s)"), "\(missing.err)")
        let r = run([
            "calibrate", Self.sample, "--catalog", Self.catalog, "-o", path, "--replications", "3", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let d = try json(r.out)
        #expect(d["model"] as? String == "staffing")
        let pools = try #require(d["pools"] as? [[String: Any]])
        #expect(
            pools.count == 7 && pools.allSatisfy { ($0["staff"] as? Int ?? 0) >= 1 && ($0["staff"] as? Int ?? 0) < 100 }
        )
        // The log's progress is the report's.
        let report = try json(run(["report", Self.sample, "--format", "json"]).out)
        let totals = try #require(report["totals"] as? [String: Any])
        let progress = try #require(
            ((totals["rates"] as? [String: Any])?["progress"] as? [String: Any])?["percent"] as? Double)
        let kpis = try #require(d["kpis"] as? [String: [String: Any]])
        #expect(abs((kpis["progress"]?["log"] as? Double ?? 0) - progress) < 1e-3)
        // Two more staff in a calibrated pool is a --set away.
        let pool = try #require(pools.first?["pool"] as? String), size = try #require(pools.first?["staff"] as? Int)
        let compare = run([
            "simulate", "--compare", path, "--set-b", "pools.\(pool).size=\(size + 2)", "--days", "14",
            "--replications", "2",
        ])
        #expect(compare.status == 0, "\(compare.err)")
    }
}
