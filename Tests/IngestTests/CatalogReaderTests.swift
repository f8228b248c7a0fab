import Foundation
import Testing
import WorkingTime

@testable import Ingest

@Suite struct CatalogReaderTests {
    static let header = "MaTTHC,TenTTHC,MaLinhVuc,ThoiHanGiaiQuyet,DonViThoiGian,MucDo,CoPhiLePhi,GioNhanSau\n"
    static let shippedPath = String(#filePath).replacingOccurrences(
        of: "Tests/IngestTests/CatalogReaderTests.swift", with: "Datasets/catalog/commune-procedures.csv")

    static func catalog(_ text: String) throws(DataFileError) -> ProcedureCatalog {
        try CatalogReader.read(csv: Array(text.utf8), name: "c.csv")
    }

    /// The error `text` gives, as `line:column: message`.
    static func error(_ text: String) -> String? {
        do {
            _ = try catalog(text)
            return nil
        } catch {
            return "\(error.line):\(error.column): \(error.message)"
        }
    }

    @Test func shippedCatalogLoads() throws {
        let catalog = try CatalogReader.read(contentsOfFile: Self.shippedPath)
        let birth = try #require(catalog["1.001193"])
        #expect(birth.deadline == .sameDay)
        #expect(birth.afternoonCutoff == 15 * 3600)
        #expect(birth.feeBearing == false)
        #expect(birth.name == "Đăng ký khai sinh")
        #expect(!birth.legalBasis.isEmpty)
        #expect(catalog["2.000720"]?.deadline == .workingDays(3))
        #expect(catalog["1.001022"]?.name == "Đăng ký nhận cha, mẹ, con")
        #expect(catalog.entries.count >= 15)
        #expect(catalog.sortedEntries.allSatisfy { !$0.legalBasis.isEmpty })
    }

    @Test func shippedCatalogSavedWithCRLFAndBOMReadsTheSame() throws {
        let lf = try String(contentsOfFile: Self.shippedPath, encoding: .utf8)
        #expect(!lf.utf8.contains(0x0D))
        // Every line end, also those inside quoted fields, becomes CRLF, as Excel on Windows writes.
        let crlf: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(lf.utf8).flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let fromLF = try CatalogReader.read(contentsOfFile: Self.shippedPath)
        let fromCRLF = try CatalogReader.read(csv: crlf, name: "crlf.csv")
        #expect(fromCRLF.sortedEntries == fromLF.sortedEntries)
        #expect(fromCRLF.entries.count == fromLF.entries.count)
    }

    @Test func smallCRLFCatalog() throws {
        let catalog = try Self.catalog(
            "MaTTHC,ThoiHanGiaiQuyet,DonViThoiGian,GioNhanSau\r\n1.001193,,trong ngày,15:00\r\n2.000720,3,ngày làm việc,\r\n"
        )
        #expect(catalog.entries.count == 2)
        #expect(catalog["1.001193"] == .init(code: "1.001193", deadline: .sameDay, afternoonCutoff: 54_000))
        #expect(catalog["2.000720"] == .init(code: "2.000720", deadline: .workingDays(3)))
    }

    @Test func quotedCommaQuoteAndLineBreakInAName() throws {
        let text =
            Self.header
            + "X.1,\"Đăng ký \"\"nhận\"\" cha, mẹ,\r\ncon\",HoTich,5,ngày làm việc,3,1,\r\nX.2,b,c,1,giờ làm việc,,,\r\n"
        let catalog = try Self.catalog(text)
        #expect(catalog["X.1"]?.name == "Đăng ký \"nhận\" cha, mẹ,\r\ncon")
        #expect(catalog["X.1"]?.field == "HoTich")
        #expect(catalog["X.2"]?.deadline == .workingHours(1))
    }

    @Test func aCatalogWithoutProceduresIsAnError() {
        #expect(
            Self.error("")
                == "0:0: empty catalog: expected a header row naming MaTTHC, ThoiHanGiaiQuyet, DonViThoiGian, then one row per procedure"
        )
        #expect(Self.error("\u{FEFF}# nothing yet\r\n\r\n")?.hasPrefix("0:0: empty catalog") == true)
        #expect(
            Self.error(Self.header) == "1:0: no procedure in the catalog: add one row per procedure after the header")
        #expect(
            Self.error("# c\r\n" + Self.header.replacingOccurrences(of: "\n", with: "\r\n"))?.hasPrefix(
                "2:0: no procedure") == true)
    }

    @Test func rowErrorOnACRLFFileHasLineAndColumn() {
        let text =
            "# catalog\r\nMaTTHC,TenTTHC,ThoiHanGiaiQuyet,DonViThoiGian\r\nX.1,\"a\r\nb\",5,ngày làm việc\r\nX.2,Đăng ký,năm,ngày làm việc\r\n"
        // Line 5 (the quoted line break is line 4), column 13: "X.2,Đăng ký," is 12 scalars.
        #expect(Self.error(text) == "5:13: ThoiHanGiaiQuyet: expected a positive whole number, got 'năm'")
        #expect(
            Self.error("MaTTHC,ThoiHanGiaiQuyet,DonViThoiGian\r\nX.1,\"5\"x,ngày làm việc\r\n")
                == "2:8: text after the closing quote of a field; quote the whole field and write each quote inside it as \"\""
        )
    }

    @Test(arguments: [
        ("ngày làm việc", Deadline.workingDays(5)), ("Ngày Làm Việc", .workingDays(5)),
        ("ngay lam viec", .workingDays(5)),
        ("NGAY  LAM VIEC", .workingDays(5)), ("working days", .workingDays(5)), ("giờ làm việc", .workingHours(5)),
        ("gio lam viec", .workingHours(5)), ("Working Hours", .workingHours(5)), ("trong ngày", .sameDay),
        ("TRONG NGAY", .sameDay), ("same day", .sameDay),
        // Combining (decomposed) diacritics.
        ("nga\u{300}y la\u{300}m vie\u{323}\u{302}c", .workingDays(5)),
    ])
    func unitsWithOrWithoutDiacritics(unit: String, expected: Deadline) throws {
        let catalog = try Self.catalog(Self.header + "X.1,Tên,LV,5,\(unit),3,1,\n")
        #expect(catalog["X.1"]?.deadline == expected)
    }

    @Test(arguments: [
        ("X.1,a,b,5,ngày,3,1,\n", 2, 11, "DonViThoiGian"),
        ("X.1,a,b,năm,ngày làm việc,3,1,\n", 2, 9, "ThoiHanGiaiQuyet"),
        ("X.1,a,b,5,ngày làm việc,7,1,\n", 2, 25, "MucDo"),
        ("X.1,a,b,5,ngày làm việc,3,x,\n", 2, 27, "CoPhiLePhi"),
        ("X.1,a,b,5,ngày làm việc,3,1,25:00\n", 2, 29, "GioNhanSau"),
        ("X.1,a,b,5,ngày làm việc,3,1,\nX.1,a,b,5,ngày làm việc,3,1,\n", 3, 1, "twice"),
    ])
    func errorsCarryLineAndColumn(row: String, line: Int, column: Int, key: String) {
        #expect {
            _ = try Self.catalog(Self.header + row)
        } throws: { error in
            guard let e = error as? DataFileError else { return false }
            return e.file == "c.csv" && e.line == line && e.column == column && e.message.contains(key)
        }
    }

    @Test func missingRequiredColumn() {
        #expect(
            Self.error("MaTTHC,TenTTHC\nX,a\n")
                == "1:1: missing column ThoiHanGiaiQuyet; the header must name MaTTHC, ThoiHanGiaiQuyet, DonViThoiGian")
    }

    @Test func cutoffSpellings() {
        #expect(CatalogRow.cutoff("15:00") == 54_000)
        #expect(CatalogRow.cutoff("15h") == 54_000)
        #expect(CatalogRow.cutoff("15h30") == 55_800)
        #expect(CatalogRow.cutoff("15") == 54_000)
        #expect(CatalogRow.cutoff("abc") == nil)
    }
}
