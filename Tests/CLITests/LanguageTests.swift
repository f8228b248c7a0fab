import Foundation
import TTHCCLI
import Testing

/// Every command speaks `--lang vi` (and `TTHC_LANG`), with Vietnamese number style and words;
/// English outputs keep English words; counts agree with their nouns.
@Suite struct LanguageTests {
    static let root = String(#filePath).replacingOccurrences(of: "Tests/CLITests/LanguageTests.swift", with: "")
    static let sample = root + "Datasets/sample/dossiers.csv"
    static let catalog = root + "Datasets/catalog/commune-procedures.csv"
    static let scenario = root + "Datasets/scenarios/commune-center.json"

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(args, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    static let commands: [[String]] = [
        ["report", sample, "--by", "agency"], ["check", sample, "--profile", "hanoi-commune-2026"],
        ["today", sample, "--as-of", "2026-03-31T08:00"], ["score", sample], ["calendar", "--year", "2026"],
        ["audit", sample, "--catalog", catalog], ["due", "--received", "2026-02-13T16:30", "--deadline", "3d"],
        ["simulate", scenario, "--days", "3", "--replications", "2"],
    ]

    @Test(arguments: commands)
    func everyCommandTakesLangVi(arguments: [String]) {
        let vi = Self.run(arguments + ["--lang", "vi"])
        let en = Self.run(arguments + ["--lang", "en"])
        #expect(vi.code == en.code && vi.code != 2, "\(arguments[0]): \(vi.err)")
        #expect(vi.out != en.out, "\(arguments[0]): the same text in both languages")
        // Vietnamese letters that no English output of these commands holds.
        let marks = vi.out.unicodeScalars.filter {
            "ạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửựỳỵỷỹđ".unicodeScalars.contains($0)
        }
        #expect(marks.count > 5, "\(arguments[0]): hardly any Vietnamese in\n\(vi.out)")
    }

    @Test func vietnameseNumbersUseADotForThousandsAndACommaForDecimals() {
        let report = Self.run(["report", Self.sample, "--lang", "vi"]).out
        #expect(report.contains("2.962") && report.contains("95,26%"))
        #expect(!report.contains("2,962") && !report.contains("95.26%"))
        let check = Self.run(["check", Self.sample, "--profile", "hanoi-commune-2026", "--lang", "vi"]).out
        #expect(check.contains("66,13%") && check.contains("1.959/2.962"))
        let score = Self.run(["score", Self.sample, "--lang", "vi"]).out
        #expect(score.contains("45,39") && score.contains("95,26%"))
    }

    @Test func checkTodayAndAuditInVietnamese() {
        let check = Self.run(["check", Self.sample, "--profile", "hanoi-commune-2026", "--lang", "vi"]).out
        #expect(check.hasPrefix("tthc check: 4/4 chỉ tiêu không đạt\ntính đến 31/03/2026 16:58\n"))
        #expect(check.contains("KHÔNG ĐẠT") && check.contains("các thủ tục ảnh hưởng nhiều nhất"))
        #expect(!check.contains("MISSED") && !check.contains("contributing"))
        let today = Self.run(["today", Self.sample, "--as-of", "2026-03-31T08:00", "--lang", "vi"]).out
        #expect(today.contains("Sắp đến hạn") && today.contains("Tên thủ tục") && !today.contains("Due soon"))
        let audit = Self.run(["audit", Self.sample, "--catalog", Self.catalog, "--lang", "vi"]).out
        #expect(audit.contains("hẹn trả muộn hơn quy định") && !audit.contains("checked"))
    }

    @Test func procedureNamesStandBesideCodes() {
        let report = Self.run(["report", Self.sample, "--by", "procedure"]).out
        #expect(report.contains("Procedure name"))
        #expect(report.contains("1.001193   Đăng ký khai sinh"))
        let check = Self.run(["check", Self.sample, "--profile", "hanoi-commune-2026"]).out
        #expect(check.contains("procedure name") && check.contains("2.000815   Chứng thực bản sao từ bản chính"))
    }

    @Test func theEnvironmentSetsTheTerminalLanguage() throws {
        // TTHC_LANG is read from the process environment: run the built binary with it set.
        let binary = URL(fileURLWithPath: Self.root + ".build/debug/tthc")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        func output(_ env: [String: String], _ args: [String]) throws -> String {
            let process = Process()
            process.executableURL = binary
            process.arguments = args
            process.environment = env
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try output(["TTHC_LANG": "vi"], ["calendar", "--year", "2026"]).hasPrefix("Lịch làm việc năm 2026"))
        #expect(try output(["TTHC_LANG": "vi"], ["calendar", "--year", "2026", "--lang", "en"]).hasPrefix("Working"))
        #expect(try output([:], ["calendar", "--year", "2026"]).hasPrefix("Working calendar 2026"))
    }

    @Test func countsAgreeWithTheirNouns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-nouns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("one.csv").path
        try
            "MaHoSo,MaTTHC,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy\nA,1.001,UBND xã An,1,10,20260302080000,20260303170000,20260304100000\n"
            .write(toFile: log, atomically: false, encoding: .utf8)
        let report = Self.run(["report", log]).out
        #expect(report.contains("Input: 1 record, 0 rejected"))
        let check = Self.run(["check", log, "--target", "on-time>=99"]).out
        #expect(check.hasPrefix("tthc check: 1 of 1 target missed\n"))
        #expect(check.contains("input: 1 record, 0 rejected"))
        #expect(check.contains("1 more dossier needed to be on time instead of late (of 1 finished with a due)"))
        let met = Self.run(["check", log, "--target", "late<=1"]).out
        #expect(met.hasPrefix("tthc check: 1 target met\n"))
        let due = Self.run(["due", "--received", "2026-03-02T08:00", "--deadline", "1d"]).out
        #expect(due.contains("1 working day = 480 working minutes"))
    }
}
