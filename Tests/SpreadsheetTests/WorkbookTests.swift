import CivilTime
import Foundation
import Testing

@testable import Spreadsheet

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a part's cells back with Foundation's XML parser: reference, type, style and value.
final class CellCollector: NSObject, XMLParserDelegate {
    struct Cell: Equatable {
        var ref: String
        var type: String?
        var style: String?
        var value = ""
        var hasFormula = false
    }
    var cells: [Cell] = []
    var strings: [String] = []
    var elements: [String: [[String: String]]] = [:]
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements[name, default: []].append(attributes)
        text = ""
        if name == "c" { cells.append(Cell(ref: attributes["r"] ?? "", type: attributes["t"], style: attributes["s"])) }
        if name == "f" { cells[cells.count - 1].hasFormula = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "v" { cells[cells.count - 1].value = text }
        if name == "t" { strings.append(text) }
    }

    static func parse(_ text: String) throws -> CellCollector {
        let collector = CellCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw ZipReader.Failure(description: "not well-formed XML: \(String(describing: parser.parserError))")
        }
        return collector
    }
}

@Suite struct WorkbookTests {
    static let sample = Workbook(sheets: [
        Sheet(
            name: "Tổng hợp", header: ["Đơn vị", "Hồ sơ", "Đúng hạn", "Ngày", "Lúc", "Trung vị"],
            rows: [
                [
                    .text("=HYPERLINK(\"http://x\")"), .integer(3000), .rate(24_749, of: 25_000),
                    .date(CivilDate(year: 2026, month: 3, day: 2)),
                    .dateTime(Timestamp(year: 2026, month: 3, day: 2, hour: 12)), .number(0.5566, decimals: 3),
                ],
                [
                    .text("+1"), .integer(-5), .rate(1, of: 3), .empty,
                    .dateTime(Timestamp(year: 2026, month: 1, day: 1, hour: 8, minute: 15, second: 1)),
                    .number(-1.25, decimals: 2),
                ],
                [
                    .text("-2"), .integer(0), .rate(0, of: 0), .text("@SUM(A1)"), .text("<script>&\"\u{1}"),
                    .text("  thụt lề"),
                ],
            ]),
        Sheet(name: "Units: a/b [x]?", header: ["x"], rows: []),
        Sheet(name: "units: a/b [x]?", header: ["y"], rows: [[.integer(1)]]),
    ])

    func read() throws -> ZipReader { try ZipReader(try WorkbookTests.sample.xlsxBytes()) }

    @Test func everyPartIsWellFormedAndDeclared() throws {
        let zip = try read()
        let names = Set(zip.entries.map(\.name))
        #expect(
            names == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                "xl/worksheets/sheet3.xml",
            ])
        for entry in zip.entries { _ = try CellCollector.parse(zip.text(entry.name)!) }
        let types = try CellCollector.parse(zip.text("[Content_Types].xml")!)
        let overrides = Set(types.elements["Override", default: []].compactMap { $0["PartName"] })
        for name in names where name.hasSuffix(".xml") && name != "[Content_Types].xml" {
            #expect(overrides.contains("/" + name), "\(name) has no content type")
        }
    }

    @Test func textNeverBecomesAFormulaAndNumbersStayNumbers() throws {
        let zip = try read()
        let sheet = try CellCollector.parse(zip.text("xl/worksheets/sheet1.xml")!)
        let strings = try CellCollector.parse(zip.text("xl/sharedStrings.xml")!).strings
        func cell(_ ref: String) -> CellCollector.Cell? { sheet.cells.first { $0.ref == ref } }
        #expect(sheet.cells.allSatisfy { !$0.hasFormula })
        for (ref, text) in [("A2", "=HYPERLINK(\"http://x\")"), ("A3", "+1"), ("A4", "-2"), ("D4", "@SUM(A1)")] {
            let c = try #require(cell(ref))
            #expect(c.type == "s", "\(ref)")
            #expect(strings[Int(c.value)!] == text, "\(ref)")
        }
        #expect(cell("B2")?.type == nil && cell("B2")?.value == "3000")
        #expect(cell("B3")?.type == nil && cell("B3")?.value == "-5")
        #expect(cell("F3")?.value == "-1.25")
        // Markup and a control character are text, kept as text.
        #expect(strings[Int(cell("E4")!.value)!] == "<script>&\"\u{FFFD}")
        #expect(strings[Int(cell("F4")!.value)!] == "  thụt lề")
    }

    @Test func ratesAreStoredAsTheDisplayRuleShowsThem() throws {
        let zip = try read()
        let sheet = try CellCollector.parse(zip.text("xl/worksheets/sheet1.xml")!)
        func cell(_ ref: String) -> CellCollector.Cell? { sheet.cells.first { $0.ref == ref } }
        // 24,749 of 25,000 is 98.996%: stored 0.9899 (98.99%), never 0.99.
        #expect(cell("C2")?.value == "0.9899")
        #expect(cell("C3")?.value == "0.3333")
        #expect(cell("C4") == nil)
        let styles = try CellCollector.parse(zip.text("xl/styles.xml")!)
        let xfs = styles.elements["xf", default: []].dropFirst()  // the first is cellStyleXfs'
        let style = Int(cell("C2")!.style!)!
        #expect(xfs[xfs.startIndex + style]["numFmtId"] == "10")  // 0.00%
    }

    @Test func datesAreSerialNumbersWithADateFormat() throws {
        let zip = try read()
        let sheet = try CellCollector.parse(zip.text("xl/worksheets/sheet1.xml")!)
        func cell(_ ref: String) -> CellCollector.Cell? { sheet.cells.first { $0.ref == ref } }
        // 2026-01-01 is serial 46023 (2025-01-01 is 45658, plus 365); 2 March is 31 + 28 + 1 later.
        #expect(cell("D2")?.value == "46083")
        #expect(cell("E2")?.value == "46083.5000000000")
        // 08:15:01 is 29,701 s of 86,400.
        #expect(cell("E3")?.value == "46023.3437615741")
        let styles = try CellCollector.parse(zip.text("xl/styles.xml")!)
        let formats = Dictionary(
            uniqueKeysWithValues: styles.elements["numFmt", default: []].map { ($0["numFmtId"]!, $0["formatCode"]!) })
        let xfs = Array(styles.elements["xf", default: []].dropFirst())
        #expect(formats[xfs[Int(cell("D2")!.style!)!]["numFmtId"]!] == "yyyy-mm-dd")
        #expect(formats[xfs[Int(cell("E2")!.style!)!]["numFmtId"]!] == "yyyy-mm-dd hh:mm:ss")
    }

    @Test func headerIsFrozenAndColumnsFitTheirText() throws {
        let zip = try read()
        let sheet = try CellCollector.parse(zip.text("xl/worksheets/sheet1.xml")!)
        let pane = try #require(sheet.elements["pane"]?.first)
        #expect(pane["state"] == "frozen" && pane["ySplit"] == "1" && pane["topLeftCell"] == "A2")
        let widths = sheet.elements["col", default: []].map { Int($0["width"]!)! }
        // The formula-looking text is 22 characters, plus the margin; the short header gets the minimum.
        #expect(widths.count == 6)
        #expect(widths[0] == 24)
        #expect(widths[1] == 8)
        let row1 = sheet.cells.filter { $0.ref.hasSuffix("1") && $0.ref.count == 2 }
        #expect(row1.count == 6 && row1.allSatisfy { $0.style == String(CellStyle.header.rawValue) })
    }

    @Test func sheetNamesAreWhatExcelAccepts() throws {
        let zip = try read()
        let workbook = try CellCollector.parse(zip.text("xl/workbook.xml")!)
        let names = workbook.elements["sheet", default: []].map { $0["name"]! }
        #expect(names == ["Tổng hợp", "Units- a-b -x--", "units- a-b -x-- (2)"])
        #expect(
            Workbook.sheetNames([String(repeating: "x", count: 40), String(repeating: "x", count: 35)]) == [
                String(repeating: "x", count: 30) + "…", String(repeating: "x", count: 26) + "… (2)",
            ])
        // A long title is cut after a word.
        #expect(
            Workbook.sheetNames(["Hồ sơ tiếp nhận và tỷ lệ đúng hạn theo tuần"]) == ["Hồ sơ tiếp nhận và tỷ lệ đúng…"])
        #expect(Workbook.sheetNames(["'quoted'", ""]) == ["quoted", "Sheet"])
    }

    @Test(
        arguments: [
            ("95.26", "0.9526"), ("100.00", "1.0000"), ("0.00", "0.0000"), ("5.07", "0.0507"), ("-3.50", "-0.0350"),
            ("1234.5", "12.345"), ("7", "0.07"),
        ] as [(String, String)])
    func percentTextBecomesItsFractionExactly(percent: String, fraction: String) {
        #expect(WorksheetXML.fraction(ofPercent: percent) == fraction)
    }

    @Test func cellReferencesCountInBase26() {
        #expect(WorksheetXML.reference(column: 0, row: 1) == "A1")
        #expect(WorksheetXML.reference(column: 25, row: 2) == "Z2")
        #expect(WorksheetXML.reference(column: 26, row: 3) == "AA3")
        #expect(WorksheetXML.reference(column: 701, row: 4) == "ZZ4")
        #expect(WorksheetXML.reference(column: 702, row: 5) == "AAA5")
    }
}
