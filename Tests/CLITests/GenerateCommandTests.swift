import Foundation
import TestSupport
import Testing

@testable import TTHCCLI

@Suite struct GenerateCommandTests {
    func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(arguments, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    /// `generate --dossiers 3 --seed 5`, checked by hand against the synthetic catalog: the unit
    /// code prefixes `MaHoSo` with the received day and the row number; 2.000884 and 2.000635 are
    /// same-day procedures received before the 15:00 cut-off (due 17:00 that day); 1.004194 has 3
    /// working days (Monday 23 Feb 2026 08:17:24 -> Thursday 26 Feb, same time); status 9 (finished)
    /// has an end and no return, 10 (returned) both.
    static let threeDossiersSeed5 = [
        "MaHoSo,MaTTHC,MaLinhVuc,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,"
            + "NgayTra,MucDo,ToanTrinh,CoPhiLePhi,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,KetQuaDienTu,XinLoi,"
            + "DanhSachHoSoBoSung",
        "000.11.28.H40-260520-00000001,2.000884,ChungThuc,\"UBND xã Đình Lập, tỉnh Lạng Sơn\",1,9,"
            + "20260520091419,20260520170000,20260520152648,,3,0,1,0,1,0,0,",
        "000.32.20.H26-260223-00000002,1.004194,CuTru,\"UBND phường Tây Hồ, thành phố Hà Nội\",2,10,"
            + "20260223081724,20260226081724,20260225104322,20260225104322,4,1,1,1,1,1,0,",
        "000.35.20.H26-260115-00000003,2.000635,HoTich,\"Bộ phận \"\"Một cửa\"\" xã Thanh Trì, Hà Nội\",2,10,"
            + "20260115144300,20260115170000,20260115160656,20260116164131,4,0,1,2,1,0,0,",
    ].map { $0 + "\n" }.joined()

    @Test func writesATinySeededLogByteForByte() {
        for workers in ["1", "2"] {
            let result = run(["generate", "--dossiers", "3", "--seed", "5", "-j", workers, "-o", "-"])
            #expect(result.code == 0, "\(result.err)")
            #expect(result.out == Self.threeDossiersSeed5, "-j \(workers)")
            #expect(result.err.contains("wrote 3 rows"))
        }
    }

    @Test func writesALargerLogThatAReferenceReaderAccepts() {
        let two = run(["generate", "--dossiers", "300", "--seed", "5", "-j", "2", "-o", "-"])
        let one = run(["generate", "--dossiers", "300", "--seed", "5", "-j", "1", "-o", "-"])
        #expect(two.code == 0 && one.code == 0, "\(two.err)")
        #expect(two.out == one.out, "the worker count never changes the bytes")
        #expect(two.err.contains("wrote 300 rows"))
        #expect(two.out.hasPrefix(Self.threeDossiersSeed5.prefix { $0 != "\n" } + "\n"), "the documented header")
        let records = ReferenceCSV.records(two.out)
        #expect(records.count == 301)
        for (n, record) in records.dropFirst().enumerated() {
            #expect(record.count == 18, "row \(n + 1)")
            #expect(record.first?.hasSuffix("-" + String(format: "%08d", n + 1)) == true, "row \(n + 1): \(record)")
            let received = record[6]
            #expect(received.isEmpty || ("20260101" <= received && received < "20260701"), "row \(n + 1)")
        }
    }

    @Test func formatFollowsTheOptionAndTheExtension() {
        let jsonl = run(["generate", "--dossiers", "3", "--format", "jsonl", "-o", "-"])
        #expect(jsonl.code == 0)
        #expect(jsonl.out.split(separator: "\n").count == 3 && jsonl.out.hasPrefix("{\"MaHoSo\""))
        let csv = run(["generate", "--dossiers", "3", "--from", "2025-07-01", "--to", "2025-07-31", "-o", "-"])
        #expect(csv.out.hasPrefix("MaHoSo,MaTTHC"))
        #expect(csv.out.contains(",202507"))
    }

    @Test func exportShapeStartsWithABOMAndTheNamesAndEndsLinesWithCRLF() {
        let result = run(["generate", "--dossiers", "4", "--export-shape", "-o", "-"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.hasPrefix("\u{FEFF}MaHoSo,TenTTHC,TenLinhVuc,ChuHoSo,DonViXuLy,NgayTiepNhan,"))
        #expect(!result.out.contains("DanhSachHoSoBoSung"))
        // Swift treats CRLF as one Character; the five lines (header and 4 records) all end with it.
        #expect(result.out.split(separator: "\r\n").count == 5 && !result.out.contains("\n\n"))
        #expect(Array(result.out.utf8).filter { $0 == 10 }.count == 5 && result.out.hasSuffix("\r\n"))
    }

    @Test func writesAFile() throws {
        let path = "/tmp/tthc-generate-test-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        defer { FileBytes.remove(path) }
        let result = run(["generate", "--dossiers", "40", "--sample-quirks", "--output", path])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        let written = try #require(FileBytes.read(path))
        let stdout = run(["generate", "--dossiers", "40", "--sample-quirks", "--format", "jsonl", "-o", "-"])
        #expect(written == Array(stdout.out.utf8), "the file holds what standard output would")
        // JSONL (from the extension), read with Foundation's parser: one object per line with the
        // quirks' extra keys, distinct MaHoSo, and some codes written as strings.
        let lines = written.split(separator: 10)
        #expect(lines.count == 40)
        var ids = Set<String>()
        var stringCodes = 0
        for (n, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let id = try #require(object["MaHoSo"] as? String, "line \(n + 1)")
            #expect(ids.insert(id).inserted, "line \(n + 1)")
            #expect(object["TenTTHC"] is String && object["ChuHoSo"] is String, "line \(n + 1)")
            if object["TrangThaiHoSo"] is String { stringCodes += 1 }
        }
        #expect(stringCodes > 0, "quirks write some codes as strings")
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
        (["generate", "--dossiers", "5", "--export-shape", "--sample-quirks", "-o", "-"], "are two shapes; give one"),
        (
            ["generate", "--dossiers", "5", "--export-shape", "--format", "jsonl", "-o", "-"],
            "--export-shape writes CSV"
        ),
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
            "--dossiers", "--seed", "--format", "--from", "--to", "--duplicates", "--sample-quirks", "--export-shape",
            "-j", "-o",
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
