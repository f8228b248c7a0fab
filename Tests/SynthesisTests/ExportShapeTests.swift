import CivilTime
import Engine
import Metrics
import TestSupport
import Testing

@testable import Synthesis

/// `--export-shape`: the plain log's dossiers in a one-stop export's encoding.
@Suite struct ExportShapeTests {
    static func shaped(_ n: Int, seed: UInt64, workers: Int = 1) -> [UInt8] {
        var o = SynthesisOptions(dossiers: n, seed: seed, workers: workers, blockSize: 700)
        o.exportShape = true
        return DossierLogGenerator.generate(o).bytes
    }
    static func plain(_ n: Int, seed: UInt64) -> [UInt8] {
        DossierLogGenerator.generate(SynthesisOptions(dossiers: n, seed: seed, blockSize: 700)).bytes
    }

    let directory = TemporaryDirectory("tthc-export-shape")

    @Test func bomCRLFColumnOrderAndQuotedNames() {
        let bytes = Self.shaped(3000, seed: 4)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        // Written out here, not taken from the encoder, so a change of order fails the test.
        let documented = [
            "MaHoSo", "TenTTHC", "TenLinhVuc", "ChuHoSo", "DonViXuLy", "NgayTiepNhan", "NgayHenTra",
            "NgayKetThucXuLy", "NgayTra", "MaTTHC", "MaLinhVuc", "TrangThaiHoSo", "KenhThucHien", "MucDo",
            "ToanTrinh", "CoPhiLePhi", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi",
            "GhiChu",
        ]
        let (header, rows) = parseCSV(bytes)
        #expect(header == documented)
        #expect(rows.count == 3000)
        let lf = bytes.filter { $0 == 10 }.count
        let crlf = zip(bytes, bytes.dropFirst()).filter { $0 == 13 && $1 == 10 }.count
        #expect(lf == 3001 && crlf == 3001, "one CRLF line per record, no line break inside a cell")
        #expect(rows.contains { $0["TenTTHC"].contains(",") }, "a procedure name with a comma")
        #expect(rows.contains { $0["ChuHoSo"].contains("\"") })
        #expect(rows.contains { !$0["GhiChu"].isEmpty } && rows.contains { $0["GhiChu"].isEmpty })
        for row in rows {
            for name in ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"] where !row[name].isEmpty {
                #expect(row[name].utf8.count == 14 && row.time(name) != nil, "\(row["MaHoSo"]) \(name)")
            }
        }
    }

    @Test(arguments: [2, 3])
    func workerCountDoesNotChangeTheBytes(workers: Int) {
        #expect(Self.shaped(2500, seed: 9, workers: workers) == Self.shaped(2500, seed: 9))
    }

    @Test func theSameDossiersAsThePlainLog() {
        let plain = parseCSV(Self.plain(3000, seed: 5)).rows
        let shaped = parseCSV(Self.shaped(3000, seed: 5)).rows
        #expect(plain.count == shaped.count)
        let shared = DossierEncoder.columns.filter { $0 != "DanhSachHoSoBoSung" }
        for (p, s) in zip(plain, shaped) {
            for name in shared { #expect(p[name] == s[name], "\(p["MaHoSo"]) \(name)") }
            let procedure = SyntheticProcedure.communeDefaults.first { $0.code == s["MaTTHC"] }
            #expect(procedure?.name == s["TenTTHC"], "\(s["MaHoSo"])")
            #expect(!p["DanhSachHoSoBoSung"].isEmpty == s["GhiChu"].contains("bổ sung"), "\(s["MaHoSo"])")
        }
    }

    /// The reference: the plain log with its supplement cells emptied, rewritten by a plain CSV writer.
    static func plainWithoutPauses(_ bytes: [UInt8]) -> String {
        func quoted(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var records = rfc4180Records(bytes)!
        let column = records[0].firstIndex(of: "DanhSachHoSoBoSung")!
        for i in 1..<records.count { records[i][column] = "" }
        return records.map { $0.map(quoted).joined(separator: ",") + "\n" }.joined()
    }

    @Test(arguments: [UInt64(1), 12])
    func readsBackToThePlainLogsCountsWithoutPauses(seed: UInt64) throws {
        let plainBytes = Self.plain(6000, seed: seed)
        let plainPath = directory.write("plain.csv", bytes: plainBytes)
        let referencePath = directory.write("reference.csv", Self.plainWithoutPauses(plainBytes))
        let shapedPath = directory.write("shaped.csv", bytes: Self.shaped(6000, seed: seed))
        var options = ReportOptions()
        options.asOf = Timestamp(date: CivilDate(year: 2026, month: 6, day: 30), hour: 23, minute: 59, second: 59)
        options.dimensions = [.month, .agency]
        let reference = try KPIEngine.run(files: [referencePath], options: options)
        for workers in [1, 2] {
            options.scan.workers = workers
            let shaped = try KPIEngine.run(files: [shapedPath], options: options)
            #expect(shaped.totals == reference.totals, "-j \(workers)")
            #expect(shaped.groups == reference.groups, "-j \(workers)")
        }
        #expect(reference.totals.counts.received > 5000 && reference.groups.count > 50)
        // The pauses change the counts, so the comparison above would see them.
        let withPauses = try KPIEngine.run(files: [plainPath], options: options)
        #expect(withPauses.totals.counts != reference.totals.counts)
    }
}
