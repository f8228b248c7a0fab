import Foundation
import TTHCCLI
import TestSupport
import Testing

/// `--format html|md` and the one `-o FILE` / `--force` rule, run as a person runs them.
@Suite struct DocumentOutputTests {
    /// Made by `withLog`, and removed by it.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-docs-\(UUID().uuidString)")

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    func withLog<R>(_ body: (String) throws -> R) rethrows -> R {
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("log.csv").path
        try! Data(RandomDossierLog.make(seed: 5, count: 300).utf8).write(to: URL(fileURLWithPath: log))
        return try body(log)
    }

    @Test func dashOWritesWhatStandardOutputWouldAndNeverReplacesAFileWithoutForce() throws {
        try withLog { log throws in
            let path = directory.appendingPathComponent("report.html").path
            let printed = run(["report", log, "--format", "html"])
            #expect(printed.status == 0 && printed.out.hasPrefix("<!DOCTYPE html>"))
            let written = run(["report", log, "--format", "html", "-o", path])
            #expect(written.status == 0 && written.out.isEmpty)
            // The page names its command line, which differs by `-o`; the rest is the same.
            let file = try String(contentsOfFile: path, encoding: .utf8)
            func body(_ html: String) -> String {
                String(html[..<html.range(of: "<section id=\"provenance\"")!.lowerBound])
            }
            #expect(body(file) == body(printed.out))

            try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
            let refused = run(["report", log, "--format", "md", "-o", path])
            #expect(refused.status == 2)
            #expect(
                refused.err
                    == "tthc report: -o \(path) exists; give --force to replace it, or choose another file name\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
            // Said before the log is read, so a long run is not lost at its end.
            let early = run(["report", "no-such-log.csv", "--format", "html", "-o", path])
            #expect(early.err == refused.err)

            let forced = run(["report", log, "--format", "md", "-o", path, "--force"])
            #expect(forced.status == 0)
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Kết quả giải quyết"))
            // Nothing is left beside it: the temporary file was renamed over the old one.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(left == ["log.csv", "report.html"])
        }
    }

    @Test func theRuleCoversEveryFormatAndItsMistakesAreNamed() throws {
        try withLog { log throws in
            let json = directory.appendingPathComponent("r.json").path
            #expect(run(["report", log, "--format", "json", "-o", json]).status == 0)
            #expect(try String(contentsOfFile: json, encoding: .utf8) == run(["report", log, "--format", "json"]).out)
            let again = run(["check", log, "--target", "on-time>=10", "--format", "json", "-o", json])
            #expect(again.status == 2 && again.err.contains("exists; give --force"))
            let force = run(["report", log, "--force"])
            #expect(force.status == 2)
            #expect(force.err == "tthc report: --force only applies to -o FILE; give -o FILE or drop --force\n")
            let folder = run(["report", log, "--format", "html", "-o", directory.path])
            #expect(folder.status == 2 && folder.err.contains("is a directory"))
            let missing = run(["report", log, "--format", "html", "-o", directory.path + "/no/such/dir/r.html"])
            #expect(missing.status == 2 && missing.err.contains("cannot create -o"))
            #expect(run(["report", log, "--format", "html", "-o", "-"]).out.hasPrefix("<!DOCTYPE html>"))
        }
    }

    @Test(arguments: [
        ["check", "LOG", "--profile", "hanoi-commune-2026"], ["today", "LOG", "--as-of", "2026-04-10T08:00"],
        ["score", "LOG"], ["audit", "LOG", "--catalog", "Datasets/catalog/commune-procedures.csv"],
    ])
    func everyLogCommandWritesBothDocuments(_ arguments: [String]) throws {
        try withLog { log throws in
            let args = arguments.map { $0 == "LOG" ? log : $0 }
            for (format, start) in [("html", "<!DOCTYPE html>"), ("md", "# ")] {
                for language in ["vi", "en"] {
                    let r = run(args + ["--format", format, "--lang", language])
                    #expect(r.status == 0 || (args[0] == "check" && r.status == 1), "\(args) \(r.err)")
                    #expect(r.out.hasPrefix(start), "\(args[0]) \(format)")
                    #expect(r.out.contains(language == "vi" ? "Nguồn số liệu" : "Computed from"))
                }
            }
        }
    }

    @Test func documentsAreVietnameseUnlessLangSaysOtherwise() throws {
        try withLog { log throws in
            let html = run(["report", log, "--format", "html"]).out
            #expect(html.contains("<html lang=\"vi\">") && html.contains("Chỉ số chính"))
            let english = run(["report", log, "--format", "html", "--lang", "en"]).out
            #expect(english.contains("<html lang=\"en\">") && english.contains("Key figures"))
        }
    }

    @Test func simulateWritesEachKPIWithItsIntervalAndTheComparison() {
        let scenario = "Datasets/scenarios/commune-center.json"
        let one = run(["simulate", scenario, "--days", "5", "--replications", "3", "--format", "md", "--lang", "en"])
        #expect(one.status == 0, "\(one.err)")
        #expect(one.out.contains("| KPI | Mean | 95% CI low | 95% CI high |"))
        let two = run([
            "simulate", "--compare", scenario, "--set-b", "pools.land.size=4", "--days", "5", "--replications", "3",
            "--format", "html",
        ])
        #expect(two.status == 0, "\(two.err)")
        #expect(two.out.contains("data-table=\"comparison\"") && two.out.contains("Khác biệt có ý nghĩa"))
    }
}
