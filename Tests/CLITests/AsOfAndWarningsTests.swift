import Foundation
import TTHCCLI
import Testing

/// The as-of rule as each command states and applies it, option dates in every log spelling, and
/// the one-line warnings of input that looks like a mistake.
@Suite struct AsOfAndWarningsTests {
    static let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra"

    /// Files in a fresh directory that the test removes.
    final class Files {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-asof-\(UUID().uuidString)")
        init() { try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: directory) }

        func write(_ name: String, _ rows: [String]) -> String {
            let path = directory.appendingPathComponent(name).path
            try! ([AsOfAndWarningsTests.header] + rows).joined(separator: "\n").appending("\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// `count` dossiers received one a day from 2 March 2026; the first `repeats` ids come twice.
    static func rows(_ count: Int, repeats: Int = 0) -> [String] {
        var rows: [String] = []
        for i in 0..<count {
            let day = 2 + i % 25
            let received = String(format: "202603%02d081500", day)
            let due = String(format: "202603%02d170000", min(day + 3, 31))
            rows.append("H\(i),4,\(received),\(due),,")
        }
        for i in 0..<repeats { rows.append("H\(i),4,20260302081500,20260305170000,,") }
        return rows
    }

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(args, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func everyCommandLeavesOutAndCountsTheDossiersReceivedAfterAsOf() throws {
        let files = Files()
        let log = files.write("log.csv", Self.rows(50))
        // Received after 10 March 12:00: days 11-26 of each 25-day round.
        let expected = (0..<50).filter { 2 + $0 % 25 > 10 }.count
        let asOf = ["--as-of", "2026-03-10T12:00", "--format", "json"]
        for command in [["report"], ["check", "--target", "on-time>=0"], ["today"], ["score"]] {
            let result = Self.run(command + [log] + asOf)
            #expect(result.code == 0, "\(command): \(result.err)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
            let input = try #require(object["input"] as? [String: Any], "\(command)")
            #expect(input["after_as_of"] as? Int == expected, "\(command)")
            #expect(input["outside_selection"] as? Int == 0, "\(command)")
        }
        let table = Self.run(["report", log, "--as-of", "2026-03-10T12:00"]).out
        #expect(table.contains("\(expected) received after the as-of time (left out)"))
        // Without --as-of nothing is after it: it is the log's latest event.
        #expect(!Self.run(["report", log]).out.contains("after the as-of"))
    }

    @Test func eachHelpStatesWhereAsOfComesFrom() {
        for command in ["report", "check", "score"] {
            let help = Self.run([command, "--help"]).out
            #expect(help.contains("Default: the end of --period/--to, else the log's latest event"), "\(command)")
        }
        let today = Self.run(["today", "--help"]).out
        #expect(today.contains("Default: the end of --period/--to, else now (Vietnam time)"))
        #expect(today.contains("As-of: the end of --period/--to, else now"))
        #expect(!today.contains("latest event"))
        #expect(Self.run(["simulate", "--help"]).out.contains("default: the log's latest event"))
    }

    @Test(arguments: ["2026-03-05", "20260305", "05/03/2026", "5/3/2026", "2026-03-05T00:00"])
    func optionDatesTakeEverySpellingOfTheLogs(spelling: String) throws {
        let files = Files()
        let log = files.write("log.csv", Self.rows(30))
        let result = Self.run(["report", log, "--from", spelling, "--to", "31/12/2026", "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        // Days 2, 3 and 4, twice (30 rows over a 25-day round), are before 5 March.
        #expect((object["input"] as? [String: Any])?["outside_selection"] as? Int == 6)
    }

    @Test func aDateOptionRefusesATime() {
        let result = Self.run(["report", "x.csv", "--to", "31/03/2026 10:00"])
        #expect(result.code == 2)
        #expect(
            result.err == "tthc report: --to takes a date and keeps whole days, got the time '31/03/2026 10:00'; "
                + "write the date alone (2026-03-31)\n")
    }

    static func warnings(_ err: String) -> [Substring] {
        err.split(separator: "\n").filter { $0.contains(": warning: ") }
    }

    @Test func theSameFileTwiceGetsOneWarning() {
        let files = Files()
        let log = files.write("log.csv", Self.rows(40))
        let other = files.directory.path + "/./log.csv"
        let result = Self.run(["report", log, other])
        #expect(result.code == 0)
        let lines = Self.warnings(result.err)
        #expect(lines.count == 1, "\(result.err)")
        #expect(lines.first?.contains("\(log) is given twice (also as \(other))") == true)
        #expect(lines.first?.contains("give each file once") == true)
        #expect(Self.warnings(Self.run(["report", log]).err).isEmpty)
    }

    @Test func manyRepeatedIdsWithoutDedupeGetOneWarning() {
        let files = Files()
        let many = files.write("many.csv", Self.rows(100, repeats: 3))
        let few = files.write("few.csv", Self.rows(100, repeats: 1))
        let lines = Self.warnings(Self.run(["report", many]).err)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("3 of 103 records (2.91%) repeat an earlier MaHoSo") == true)
        #expect(lines.first?.contains("--dedupe last") == true)
        // 1 in 101 is under 1%; --dedupe, either way, is a choice made.
        #expect(Self.warnings(Self.run(["report", few]).err).isEmpty)
        #expect(Self.warnings(Self.run(["report", many, "--dedupe", "detect"]).err).isEmpty)
        #expect(Self.warnings(Self.run(["report", many, "--dedupe", "last"]).err).isEmpty)
        #expect(Self.warnings(Self.run(["check", many, "--target", "on-time>=0"]).err).count == 1)
    }

    @Test func rejectsWithoutSkipInvalidGetOneWarning() {
        let files = Files()
        let log = files.write("log.csv", Self.rows(10))
        let rejects = files.directory.appendingPathComponent("rejects.txt").path
        let lines = Self.warnings(Self.run(["report", log, "--rejects", rejects]).err)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("--rejects \(rejects) without --skip-invalid") == true)
        #expect(lines.first?.contains("add --skip-invalid") == true)
        #expect(Self.warnings(Self.run(["report", log, "--rejects", rejects, "--skip-invalid"]).err).isEmpty)
    }
}
