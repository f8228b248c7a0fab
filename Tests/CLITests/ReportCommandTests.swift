import Foundation
import TTHCCLI
import TestSupport
import Testing

@Suite struct ReportCommandTests {
    /// Removed with the log when the test ends.
    let temporary = TemporaryDirectory("tthc-cli")
    let path: String

    init() { path = temporary.write("log.csv", RandomDossierLog.make(seed: 7, count: 300)) }

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    @Test func helpDescribesEveryOptionWithExamples() {
        let (status, out, _) = run(["report", "--help"])
        #expect(status == 0)
        for option in [
            "--by", "--from", "--to", "--as-of", "--catalog", "--format", "--lang", "-j", "--skip-invalid",
            "--rejects", "--dedupe", "--input-format", "--lenient-supplements", "--calendar", "--delimiter",
            "--columns", "--max-record-bytes",
        ] {
            #expect(out.contains("  " + option + " "), "missing \(option)")
        }
        #expect(out.contains("Examples:"))
        let top = run(["--help"])
        #expect(top.status == 0 && top.out.contains("report") && top.out.contains("simulate"))
    }

    @Test(arguments: [
        (["report", "x.csv", "--bogus"], "unknown option '--bogus'"),
        (["report", "x.csv", "--format", "xml"], "got 'xml'"),
        (["report", "x.csv", "-j", "0"], "-j expects an integer in 1...256, got '0'"),
        (["report", "x.csv", "--by", "colour"], "--by expects a comma-separated list of"),
        (
            ["report", "x.csv", "--from", "2026-02-30"],
            "--from expects a date such as 2026-12-31, 20261231 or 31/12/2026, got '2026-02-30'"
        ),
        (["report", "x.csv", "--as-of", "noon"], "--as-of expects a time"),
        (["report", "x.csv", "--delimiter", "x"], "--delimiter expects , ; tab or |, got 'x'"),
        (["report", "x.csv", "--max-record-bytes", "10"], "--max-record-bytes expects an integer in 64..."),
        (
            ["report", "x.csv", "--columns", "/nonexistent/map.csv"],
            "/nonexistent/map.csv: cannot read the column mapping"
        ),
        (["report"], "expected at least one dossier log FILE"),
        (["reprot"], "unknown command 'reprot'"),
    ])
    func usageErrorsAreOneLineWithExitCodeTwo(arguments: [String], message: String) {
        let (status, out, err) = run(arguments)
        #expect(status == 2)
        #expect(out.isEmpty)
        #expect(err.contains(message), "\(err)")
        #expect(err.split(separator: "\n").count == 1)
    }

    @Test func inputErrorsExitTwoNamingTheFile() {
        let (status, _, err) = run(["report", "/nonexistent/log.csv"])
        #expect(status == 2)
        #expect(err.contains("/nonexistent/log.csv: no such file"))
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let (status, out, _) = run(["report", path, "--by", "agency,channel", "--format", "json"])
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        for name in [
            "not_received", "received", "withdrawn", "finished", "early", "on_time", "late", "in_progress",
            "in_progress_within", "in_progress_overdue", "no_due", "online", "postal", "full_online_eligible",
            "full_online", "fee_bearing", "paid_online", "digitized", "e_result", "late_with_apology",
        ] {
            #expect(totals[name] is Int, "missing \(name)")
        }
        let rates = try #require(totals["rates"] as? [String: [String: Any]])
        #expect(
            Set(rates.keys) == [
                "progress", "on_time", "online", "full_online", "online_payment", "digitization", "e_result", "apology",
            ])
        let onTime = try #require(rates["on_time"])
        let early = totals["early"] as! Int
        let inTime = totals["on_time"] as! Int
        let late = totals["late"] as! Int
        #expect(onTime["numerator"] as? Int == early + inTime)
        #expect(onTime["denominator"] as? Int == early + inTime + late)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(!groups.isEmpty)
        let key = try #require(groups[0]["key"] as? [String: Any])
        #expect(Set(key.keys) == ["agency", "channel"])
        let received = groups.map { $0["received"] as! Int }.reduce(0, +)
        #expect(received == totals["received"] as? Int)
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["records"] as? Int == 300)
        #expect(object["as_of"] is String)
    }

    @Test func csvHasAHeaderAndOneRowPerGroupPlusTotal() {
        let (status, out, _) = run(["report", path, "--by", "channel", "--format", "csv"])
        #expect(status == 0)
        let lines = out.split(separator: "\n")
        #expect(lines[0].hasPrefix("scope,channel,not_received,received,"))
        #expect(lines.last!.hasPrefix("total,,"))
        #expect(
            lines.dropFirst().allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).count == lines[0].split(separator: ",").count
            })
    }

    @Test func tableSpeaksVietnameseOrEnglish() {
        let vi = run(["report", path, "--lang", "vi"])
        #expect(vi.status == 0 && vi.out.contains("Giải quyết đúng hạn") && vi.out.contains("Đã tiếp nhận"))
        let en = run(["report", path, "--lang", "en", "--by", "agency"])
        #expect(en.status == 0 && en.out.contains("Finished on time") && en.out.contains("Unit"))
    }

    @Test func outputIsByteIdenticalForAnyWorkerCount() {
        let one = run(["report", path, "--by", "month,agency", "--format", "json", "-j", "1", "--chunk-size", "512"])
        let two = run(["report", path, "--by", "month,agency", "--format", "json", "-j", "2"])
        #expect(one.status == 0 && one.out == two.out)
    }
}
