import Foundation
import TestSupport
import Testing

@testable import TTHCCLI

/// Catalogs and calendar overlays as users save them (CRLF from Excel on Windows), and what a
/// run says when its catalog does not cover the log.
@Suite struct CatalogInputTests {
    /// Removed with its files when the test ends.
    let temporary = TemporaryDirectory("tthc-cli")
    var directory: URL { temporary.url }

    func write(_ name: String, _ text: String) -> String { temporary.write(name, text) }

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        return (status, captured.stdout, captured.stderr)
    }

    /// Eleven dossiers in progress, none with NgayHenTra; only K is in the catalog.
    var log: String {
        let codes = ["A", "A", "A", "B", "B", "C", "D", "E", "F", "K", ""]
        let rows = codes.enumerated().map { "H\($0.offset),\($0.element),2,20260302080000\r\n" }
        return write("log.csv", "MaHoSo,MaTTHC,TrangThaiHoSo,NgayTiepNhan\r\n" + rows.joined())
    }

    var catalog: String { write("catalog.csv", "MaTTHC,ThoiHanGiaiQuyet,DonViThoiGian\r\nK,3,ngày làm việc\r\n") }

    @Test(arguments: ["1", "2"])
    func noDueFromCatalogMissesIsReported(workers: String) {
        let catalog = self.catalog
        let r = run(["report", log, "--catalog", catalog, "--format", "json", "-j", workers, "--chunk-size", "64"])
        #expect(r.status == 0)
        #expect(
            r.err
                == "tthc report: warning: 10 dossier(s) have no due (no_due): no NgayHenTra and their procedure is not in \(catalog); most frequent: A (3), B (2), (no MaTTHC) (1), C (1), D (1), and 2 more code(s)\n"
        )
        #expect(r.out.contains("\"no_due\": 10,"))
        #expect(
            r.out.hasSuffix(
                ",\n  \"catalog_misses\": {\"no_due\": 10, \"codes\": 7, \"top\": [{\"code\": \"A\", \"dossiers\": 3}, {\"code\": \"B\", \"dossiers\": 2}, {\"code\": \"\", \"dossiers\": 1}, {\"code\": \"C\", \"dossiers\": 1}, {\"code\": \"D\", \"dossiers\": 1}]}\n}\n"
            ))
    }

    @Test func aCatalogCoveringTheLogAddsNothing() {
        let covering = write("all.csv", "MaTTHC,ThoiHanGiaiQuyet,DonViThoiGian\nK,3,ngày làm việc\n")
        let log = write("k.csv", "MaHoSo,MaTTHC,TrangThaiHoSo,NgayTiepNhan\nH1,K,2,20260302080000\n")
        let r = run(["report", log, "--catalog", covering, "--format", "json"])
        #expect(r.status == 0 && r.err.isEmpty)
        #expect(!r.out.contains("catalog_misses") && r.out.contains("\"no_due\": 0,"))
    }

    @Test func anEmptyCatalogIsAnErrorNamingTheFile() {
        let empty = write("empty.csv", "MaTTHC,ThoiHanGiaiQuyet,DonViThoiGian\r\n")
        let r = run(["report", log, "--catalog", empty])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(
            r.err
                == "tthc report: \(empty):1: no procedure in the catalog: add one row per procedure after the header\n")
    }

    @Test func crlfOverlayMovesTheDue() {
        let overlay = write(
            "overlay.csv",
            "kind,date,name\r\noff,2026-03-10,Nghỉ lễ hội địa phương\r\nhours,Mon-Fri,07:00-11:30 13:30-17:00\r\n")
        // 16:00 Monday 9 March + 2 working hours: 16:00-17:00, Tuesday off, 07:00-08:00 Wednesday.
        let r = run(["due", "--received", "2026-03-09T16:00", "--deadline", "2h", "--calendar", overlay])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("Due: 2026-03-11T08:00:00 (Wed)\n"))
    }
}

@Suite("Shipped datasets fit each other")
struct ShippedDatasetsTests {
    static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    @Test("Every procedure code of the sample is in the shipped catalog, with its work minutes")
    func sampleCodesInCatalog() throws {
        let catalog = try String(
            contentsOfFile: Self.root + "/Datasets/catalog/commune-procedures.csv", encoding: .utf8)
        let catalogCodes = Set(
            catalog.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map {
                String($0.split(separator: ",")[0])
            })
        let sample = try String(contentsOfFile: Self.root + "/Datasets/sample/dossiers.csv", encoding: .utf8)
        let records = ReferenceCSV.records(sample.hasPrefix("\u{FEFF}") ? String(sample.dropFirst()) : sample)
        let header = try #require(records.first)
        let column = try #require(header.firstIndex(of: "MaTTHC"))
        let sampleCodes = Set(records.dropFirst().compactMap { $0.count > column ? $0[column] : nil })
        #expect(sampleCodes.count == 16)
        #expect(sampleCodes.isSubset(of: catalogCodes), "missing: \(sampleCodes.subtracting(catalogCodes).sorted())")
        let scenario = try String(
            contentsOfFile: Self.root + "/Datasets/scenarios/commune-center.json", encoding: .utf8)
        for code in sampleCodes { #expect(scenario.contains("\"code\": \"\(code)\""), "\(code)") }
    }
}
