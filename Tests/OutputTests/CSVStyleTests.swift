import Output
import TestSupport
import Testing

@testable import Output

/// The two CSV styles: plain for programs, and for Excel (BOM, formula guards, Vietnamese `;` and
/// decimal comma).
@Suite struct CSVStyleTests {
    var table: CSVTable {
        var t = CSVTable(["name", "count", "rate_percent"])
        t.add([.text("UBND xã An, Hà Nội"), .integer(3000), .number("95.2644")])
        t.add([.text("=1+1"), .integer(-5), .number("-0.5000")])
        t.add([.text("+84 phố"), .empty, .empty])
        t.add([.text("-x"), .integer(0), .number("100.0000")])
        t.add([.text("@SUM(A1)"), .integer(1), .number("0.0000")])
        t.add([.text("a;b \"c\""), .integer(2), .number("1.5000")])
        return t
    }

    @Test func plainCSVIsForPrograms() {
        let text = table.text(.plain)
        #expect(!text.hasPrefix("\u{FEFF}"))
        let rows = ReferenceCSV.records(text)
        #expect(rows[1] == ["UBND xã An, Hà Nội", "3000", "95.2644"])
        #expect(rows[2] == ["=1+1", "-5", "-0.5000"])
        #expect(rows[6] == ["a;b \"c\"", "2", "1.5000"])
    }

    @Test func excelCSVHasABOMAndNoFormulas() {
        let text = table.text(.excel(.en))
        #expect(text.hasPrefix("\u{FEFF}name,count,rate_percent\n"))
        let rows = ReferenceCSV.records(String(text.dropFirst()))
        #expect(rows[2] == ["'=1+1", "-5", "-0.5000"])
        #expect(rows[3] == ["'+84 phố", "", ""])
        #expect(rows[4] == ["'-x", "0", "100.0000"])
        #expect(rows[5] == ["'@SUM(A1)", "1", "0.0000"])
        #expect(rows[1] == ["UBND xã An, Hà Nội", "3000", "95.2644"])
    }

    @Test func vietnameseExcelCSVUsesSemicolonsAndADecimalComma() {
        let text = table.text(.excel(.vi))
        #expect(text.hasPrefix("\u{FEFF}name;count;rate_percent\n"))
        // A comma in text needs no quotes any more; a semicolon does.
        #expect(text.contains("\nUBND xã An, Hà Nội;3000;95,2644\n"))
        let rows = ReferenceCSV.records(String(text.dropFirst()), separator: ";")
        #expect(rows[2] == ["'=1+1", "-5", "-0,5000"])
        #expect(rows[6] == ["a;b \"c\"", "2", "1,5000"])
        #expect(rows.allSatisfy { $0.count == 3 })
    }
}
