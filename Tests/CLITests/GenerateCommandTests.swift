import Synthesis
import Testing

@testable import TTHCCLI

@Suite struct GenerateCommandTests {
    func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(arguments, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func writesTheLibraryOutputToStandardOutput() {
        let result = run(["generate", "--dossiers", "300", "--seed", "5", "-j", "2", "-o", "-"])
        #expect(result.code == 0, "\(result.err)")
        let expected = DossierLogGenerator.generate(SynthesisOptions(dossiers: 300, seed: 5)).bytes
        #expect(Array(result.out.utf8) == expected)
        #expect(result.err.contains("wrote 300 rows"))
    }

    @Test func formatFollowsTheOptionAndTheExtension() {
        let jsonl = run(["generate", "--dossiers", "3", "--format", "jsonl", "-o", "-"])
        #expect(jsonl.code == 0)
        #expect(jsonl.out.split(separator: "\n").count == 3 && jsonl.out.hasPrefix("{\"MaHoSo\""))
        let csv = run(["generate", "--dossiers", "3", "--from", "2025-07-01", "--to", "2025-07-31", "-o", "-"])
        #expect(csv.out.hasPrefix("MaHoSo,MaTTHC"))
        #expect(csv.out.contains(",202507"))
    }

    @Test func writesAFile() throws {
        let path = "/tmp/tthc-generate-test-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        let result = run(["generate", "--dossiers", "40", "--sample-quirks", "--output", path])
        #expect(result.code == 0, "\(result.err)")
        let written = try #require(FileBytes.read(path))
        let expected = DossierLogGenerator.generate(
            SynthesisOptions(dossiers: 40, seed: 1, format: .jsonl, quirks: true)
        ).bytes
        #expect(written == expected)
        FileBytes.remove(path)
    }

    @Test(arguments: [
        (["generate", "-o", "-"], "--dossiers N is required"),
        (["generate", "--dossiers", "ten", "-o", "-"], "--dossiers expects an integer"),
        (["generate", "--dossiers", "5"], "-o FILE is required"),
        (["generate", "--dossiers", "5", "--format", "xml", "-o", "-"], "--format expects one of csv|jsonl"),
        (["generate", "--dossiers", "5", "--from", "2026-02-30", "-o", "-"], "--from expects a date"),
        (
            ["generate", "--dossiers", "5", "--from", "2026-03-01", "--to", "2026-01-01", "-o", "-"],
            "expected from <= to"
        ),
        (["generate", "--dossiers", "5", "--duplicates", "0.9", "-o", "-"], "--duplicates expects a share"),
        (["generate", "--dossiers", "5", "--seed", "-3", "-o", "-"], "--seed expects a non-negative integer"),
        (["generate", "--dossiers", "5", "--bogus", "-o", "-"], "unknown option '--bogus'"),
        (["generate", "--dossiers", "5", "-o", "/nonexistent-dir/x.csv"], "cannot write '/nonexistent-dir/x.csv'"),
    ])
    func badArgumentsExitWithOneLineError(arguments: [String], message: String) {
        let result = run(arguments)
        #expect(result.code == 2)
        #expect(result.err.contains(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.out.isEmpty)
    }

    @Test func helpDescribesEveryOption() {
        let result = run(["generate", "--help"])
        #expect(result.code == 0)
        for option in [
            "--dossiers", "--seed", "--format", "--from", "--to", "--duplicates", "--sample-quirks", "-j", "-o",
        ] {
            #expect(result.out.contains(option))
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    static func remove(_ path: String) { unlink(path) }
}
