import Foundation
import Testing

@testable import TTHCCLI

@Suite("tthc simulate")
struct SimulationCommandTests {
    static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    static let mmc = root + "/Datasets/scenarios/mmc.json"
    static let commune = root + "/Datasets/scenarios/commune-center.json"

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
        let r = run(["calibrate", log, "-o", scenario, "--replications", "3", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        let d = try json(r.out)
        let kpis = try #require(d["kpis"] as? [String: Any])
        #expect(kpis["on_time"] != nil && kpis["online"] != nil)
        #expect(run(["simulate", scenario, "--days", "7", "--replications", "2"]).status == 0)
        #expect(run(["calibrate", log]).status == 2)
    }
}
