import Foundation
import TTHCCLI
import TestSupport
import Testing

/// `report --steps`, `steps --reconcile` and `generate --steps` on the shipped sample and its step log.
@Suite struct StepCommandTests {
    static let root = String(#filePath).replacingOccurrences(of: "Tests/CLITests/StepCommandTests.swift", with: "")
    static let sample = root + "Datasets/sample/dossiers.csv"
    static let sampleJSONL = root + "Datasets/sample/dossiers.jsonl"
    static let steps = root + "Datasets/sample/steps.csv"
    let temporary = TemporaryDirectory("tthc-step-cli")

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(args, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    /// The joined reports take their default as-of time from the step log's latest step (a
    /// waiting step at 20:49:25, after the table's latest event at 16:58:36), and give the table's
    /// own figures at that time.
    @Test func theSamplesStepsGiveTheSamplesReport() {
        let table = Self.run([
            "report", Self.sample, "--by", "agency", "--format", "csv", "--as-of", "2026-03-31T20:49:25",
        ])
        let joined = Self.run([
            "report", "--steps", Self.steps, "--dossiers", Self.sample, "--by", "agency", "--format", "csv",
        ])
        let fromJSONL = Self.run([
            "report", "--steps", Self.steps, "--dossiers", Self.sampleJSONL, "--by", "agency", "--format", "csv", "-j",
            "1",
        ])
        #expect(table.code == 0 && joined.code == 0 && fromJSONL.code == 0)
        #expect(joined.out == table.out)
        #expect(fromJSONL.out == table.out)
        #expect(joined.err.contains("tthc report: 14,515 steps of 3,000 dossiers folded"))
    }

    @Test func theSampleAndItsStepsReconcile() {
        let result = Self.run(["steps", "--reconcile", Self.sample, Self.steps])
        #expect(result.code == 0)
        #expect(result.out == "Compared 3000 dossiers: 0 disagreements\n")
    }

    @Test func aDisagreementIsListedAndExitsOne() throws {
        let text = try String(contentsOfFile: Self.steps, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Drop one dossier's received step: its steps then contradict themselves (skipped), so
        // the table's row has no steps.
        let index = lines.firstIndex { $0.contains(",2,Bộ phận Một cửa") }!
        let id = String(lines[index].prefix { $0 != "," })
        lines.remove(at: index)
        let path = temporary.write("steps.csv", bytes: Array(lines.joined(separator: "\n").utf8))
        let strict = Self.run(["steps", "--reconcile", Self.sample, path])
        #expect(strict.code == 2)
        #expect(strict.err.contains(id))
        let result = Self.run(["steps", "--reconcile", Self.sample, path, "--skip-invalid", "--format", "csv"])
        #expect(result.code == 1)
        let rows = ReferenceCSV.table(result.out)
        #expect(rows == [["MaHoSo": id, "field": "MaHoSo", "table": "row", "steps": ""]])
    }

    @Test func generateWritesTheSampleStepLog() throws {
        let out = temporary.path("d.csv")
        let steps = temporary.path("s.csv")
        let result = Self.run([
            "generate", "--dossiers", "3000", "--seed", "2026", "--from", "2026-01-01", "--to", "2026-03-31",
            "--sample-quirks", "-o", out, "--steps", steps, "-j", "3",
        ])
        #expect(result.code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: steps)) == Data(contentsOf: URL(fileURLWithPath: Self.steps)))
    }

    @Test func documentsNeedADossierLog() {
        let result = Self.run(["report", "--steps", Self.steps, "--format", "md"])
        #expect(result.code == 2 && result.err.contains("--steps gives table, json or csv"))
    }
}
