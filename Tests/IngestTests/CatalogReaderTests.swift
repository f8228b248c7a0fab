import Testing

@testable import WorkingTime

@Suite struct ProcedureCatalogTests {
    static let header = "MaTTHC,TenTTHC,MaLinhVuc,ThoiHanGiaiQuyet,DonViThoiGian,MucDo,CoPhiLePhi,GioNhanSau\n"

    @Test func shippedCatalogLoads() throws {
        let path = String(#filePath).replacingSuffix(
            "Tests/WorkingTimeTests/ProcedureCatalogTests.swift", with: "Datasets/catalog/commune-procedures.csv")
        let catalog = try ProcedureCatalog(contentsOfFile: path)
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
        let catalog = try ProcedureCatalog(csv: Self.header + "X.1,Tên,LV,5,\(unit),3,1,\n", name: "c.csv")
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
            _ = try ProcedureCatalog(csv: Self.header + row, name: "c.csv")
        } throws: { error in
            guard let e = error as? DataFileError else { return false }
            return e.file == "c.csv" && e.line == line && e.column == column && e.message.contains(key)
        }
    }

    @Test func missingRequiredColumn() {
        #expect(throws: DataFileError.self) { try ProcedureCatalog(csv: "MaTTHC,TenTTHC\nX,a\n", name: "c.csv") }
    }

    @Test func cutoffSpellings() {
        #expect(ProcedureCatalog.parseCutoff("15:00") == 54_000)
        #expect(ProcedureCatalog.parseCutoff("15h") == 54_000)
        #expect(ProcedureCatalog.parseCutoff("15h30") == 55_800)
        #expect(ProcedureCatalog.parseCutoff("15") == 54_000)
        #expect(ProcedureCatalog.parseCutoff("abc") == nil)
    }
}
