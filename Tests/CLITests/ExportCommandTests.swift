import Foundation
import TestSupport
import Testing

@testable import TTHCCLI

@Suite struct ExportCommandTests {
    func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(arguments, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    static let log =
        "MaHoSo,MaTTHC,DonViXuLy,ChuHoSo,TrangThaiHoSo,NgayTiepNhan,NgayKetThucXuLy\n"
        + "H1,1.001,A,Phạm Văn Đồng,9,20260302080000,20260303090000\nH2,1.001,A,Lê Lợi,2,20260302090000,\n"

    @Test func writesTheFileAndSaysWhatItWrote() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("log.csv", Self.log)
        let output = directory.path("out.xes")
        let result = run(["export", input, "--to", "xes", "-o", output, "--pseudonym-key", "k"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.err.contains("wrote 2 traces and 3 events to \(output)"))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.hasSuffix("</log>\n"))
        #expect(!text.contains("Lê Lợi"))
        // -o never replaces a file without --force.
        let again = run(["export", input, "--to", "xes", "-o", output])
        #expect(again.code == 2 && again.err.contains("exists"))
        let forced = run(["export", input, "--to", "ocel", "-o", output, "--force", "--personal-names"])
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("Lê Lợi"))
    }

    @Test func refusesWhatItCannotDo() {
        let directory = TemporaryDirectory()
        let input = directory.write("log.csv", Self.log)
        let noFormat = run(["export", input, "-o", directory.path("a")])
        #expect(noFormat.code == 2 && noFormat.err.contains("--to xes or --to ocel"))
        let badFormat = run(["export", input, "--to", "xls", "-o", directory.path("a")])
        #expect(badFormat.code == 2 && badFormat.err.contains("xes|ocel"))
        let noFile = run(["export", input, "--to", "xes"])
        #expect(noFile.code == 2 && noFile.err.contains("-o FILE"))
        let both = run([
            "export", input, "--to", "xes", "-o", directory.path("a"), "--personal-names", "--pseudonym-key", "k",
        ])
        #expect(both.code == 2 && both.err.contains("give one of the two"))
        let pipe = run(["export", "-", "--to", "xes", "-o", directory.path("a")])
        #expect(pipe.code == 2 && pipe.err.contains("--as-of"), "\(pipe.err)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("a")), "nothing written on a refusal")
    }
}
