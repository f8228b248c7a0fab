import Foundation
import TTHCCLI
import Testing

/// `--encoding`, and error lines that stay one visible line.
@Suite struct EncodingCommandTests {
    static let twins = String(#filePath).replacingOccurrences(
        of: "Tests/CLITests/EncodingCommandTests.swift", with: "Datasets/encodings/")

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    /// The report without the line that names the input file.
    func report(_ file: String, _ extra: [String] = []) -> String {
        let (status, out, err) = run(["report", Self.twins + file, "--by", "agency", "--format", "json"] + extra)
        #expect(status == 0, "\(err)")
        return out.replacingOccurrences(of: Self.twins + file, with: "FILE")
    }

    @Test func legacyAndUTF16TwinsReportLikeTheOriginal() {
        let original = report("dossiers.csv")
        #expect(original.contains("\"agency\": \"UBND xã Bắc Sơn, Lạng Sơn\""))
        #expect(report("dossiers-cp1258.csv", ["--encoding", "cp1258"]) == original)
        #expect(report("dossiers-tcvn3.csv", ["--encoding", "tcvn3"]) == original)
        #expect(report("dossiers-utf16le.csv") == original)
        #expect(report("dossiers-nfd.csv") == original)
    }

    @Test func aLegacyFileReadAsUTF8NamesTheOption() {
        let (status, _, err) = run(["report", Self.twins + "dossiers-cp1258.csv"])
        #expect(status == 2)
        #expect(err.contains("not UTF-8") && err.contains("--encoding cp1258") && err.contains("--encoding tcvn3"))
        #expect(err.split(separator: "\n").count == 1)
    }

    @Test func encodingOptionIsListedAndChecked() {
        #expect(run(["report", "--help"]).out.contains("  --encoding "))
        let (status, _, err) = run(["report", Self.twins + "dossiers.csv", "--encoding", "klingon"])
        #expect(status == 2 && err.contains("--encoding expects") && err.contains("'klingon'"))
    }

    @Test func errorLinesHoldNoControlCharacters() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-esc-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("MaHoSo,TrangThaiHoSo,NgayTiepNhan\nH1,2,2026\u{1B}]0;owned\u{7}\n".utf8).write(to: url)
        let (status, _, err) = run(["report", url.path])
        #expect(status == 2)
        #expect(err.hasSuffix("\n"))
        #expect(!err.dropLast().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(err.contains("\\x1B]0;owned\\x07"))
        // Arguments are echoed escaped too.
        let usage = run(["report", url.path, "--format", "x\u{1B}[2J"])
        #expect(usage.status == 2 && usage.err.contains("\\x1B[2J") && !usage.err.contains("\u{1B}"))
    }
}
