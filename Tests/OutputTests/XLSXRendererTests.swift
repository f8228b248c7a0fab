import CivilTime
import Output
import Spreadsheet
import Testing

@testable import Output

/// A document's tiles, tables and provenance become sheets of typed cells.
@Suite struct XLSXRendererTests {
    static let document: Document = {
        var units = DocumentTable(
            id: "units", title: "Units",
            columns: [.init("unit", "Unit"), .init("late", "Late"), .init("rate", "On time")])
        units.add([.text("=cmd|' /C calc'!A0"), .integer(-3), .rate(24_749, of: 25_000)])
        units.add([.text("UBND xã An"), .integer(0), .rate(0, of: 0)])
        units.footer = [[.text("Total"), .integer(-3), .rate(24_749, of: 25_000)]]
        units.totalRows = 10
        var late = DocumentTable(
            id: "late_dossiers", title: "Late",
            columns: [.init("due", "Due"), .init("over", "Over by"), .init("day", "Day")])
        late.add([
            .timestamp(Timestamp(year: 2026, month: 3, day: 2, hour: 17)), .duration(3 * 3600 + 1200, perDay: 28_800),
            .date(CivilDate(year: 2026, month: 3, day: 2)),
        ])
        let tiles = [
            KPITile(
                key: "on_time", label: "On time", value: .rate(95, of: 100),
                target: .init(text: "≥ 99%", tone: .bad, verdict: "Missed", gap: "4 more dossiers needed"))
        ]
        return Document(
            kind: .report, language: .en, title: "Report", subtitle: "As of 2026-03-31",
            provenance: DocumentProvenance(asOf: Timestamp(year: 2026, month: 3, day: 31)),
            sections: [
                DocumentSection(id: "kpis", title: "Key figures", blocks: [.tiles(tiles), .paragraph("ignored")]),
                DocumentSection(id: "units", title: "Units", blocks: [.table(units), .table(late)]),
            ])
    }()

    @Test func oneSheetPerTileRowTableAndTheSource() {
        let workbook = XLSXRenderer.workbook(Self.document)
        #expect(workbook.sheets.map(\.name) == ["Key figures", "Units", "Late", "Computed from"])
        let tiles = workbook.sheets[0]
        #expect(
            tiles.header == ["Indicator", "Value", "Numerator", "Denominator", "Target", "Status", "Gap (dossiers)"])
        #expect(
            tiles.rows[0] == [
                .text("On time"), .percent("95.00"), .integer(95), .integer(100), .text("≥ 99%"), .text("Missed"),
                .text("4 more dossiers needed"),
            ])
    }

    @Test func cellsKeepTheirTypes() {
        let workbook = XLSXRenderer.workbook(Self.document)
        let units = workbook.sheets[1]
        #expect(units.rows[0] == [.text("=cmd|' /C calc'!A0"), .integer(-3), .percent("98.99")])
        #expect(units.rows[1] == [.text("UBND xã An"), .integer(0), .empty])
        // The footer follows the rows; a cut list says so under an empty row.
        #expect(units.rows[2] == [.text("Total"), .integer(-3), .percent("98.99")])
        #expect(units.rows[3] == [])
        #expect(units.rows[4] == [.text("First 2 of 10.")])
        let late = workbook.sheets[2]
        #expect(
            late.rows[0] == [
                .dateTime(Timestamp(year: 2026, month: 3, day: 2, hour: 17)), .duration(seconds: 12_000),
                .date(CivilDate(year: 2026, month: 3, day: 2)),
            ])
    }

    @Test func theSourceSheetNamesTitleScopeAndFacts() {
        let source = XLSXRenderer.workbook(Self.document).sheets[3]
        #expect(source.rows[0] == [.text("Title"), .text("Report")])
        #expect(source.rows[1] == [.text("Scope"), .text("As of 2026-03-31")])
        #expect(source.rows.contains { $0.last == .dateTime(Timestamp(year: 2026, month: 3, day: 31)) })
    }

    @Test func theBytesAreAZipWorkbook() throws {
        let bytes = try XLSXRenderer.render(Self.document)
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
    }
}
