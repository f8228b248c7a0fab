import Spreadsheet
import _TextSupport

/// A `Document` as an xlsx workbook for the figures people paste into reports: the KPI tiles
/// first, then one sheet per table (the totals, each breakdown, the late-dossier list), a chart's
/// data where the chart has no table beside it, and last what the figures were computed from.
///
/// Cells keep their types: counts are numbers, rates percentages stored as the one display rule
/// shows them, dates and times date cells, working time `[h]:mm`; text from the log is always a
/// string cell, never a formula. Sheet names are the tables' titles in the document's language
/// (cut to Excel's 31 characters).
public enum XLSXRenderer {
    public static func render(_ document: Document) throws(ZipError) -> [UInt8] {
        try workbook(document).xlsxBytes()
    }

    public static func workbook(_ document: Document) -> Workbook {
        let language = document.language
        var sheets: [Sheet] = []
        for section in document.sections {
            for block in section.blocks {
                switch block {
                case .tiles(let tiles):
                    sheets.append(sheet(tileTable(tiles, language: language, title: section.title), language))
                case .table(let table):
                    sheets.append(sheet(table, language))
                case .chart(let chart):
                    // As in Markdown: a chart's data is in its section's table when it has one.
                    let hasTable = section.blocks.contains { if case .table = $0 { return true } else { return false } }
                    if chart.table == nil && hasTable { continue }
                    sheets.append(sheet(chart.table ?? MarkdownRenderer.seriesTable(chart), language))
                case .paragraph, .callout, .notes:
                    continue
                }
            }
        }
        sheets.append(provenanceSheet(document))
        return Workbook(sheets: sheets)
    }

    /// A table's rows, then its footer (totals); a cut list or a note gets a line of text after
    /// an empty row, so the data above stays a clean block.
    static func sheet(_ table: DocumentTable, _ language: Language) -> Sheet {
        var rows = (table.rows + table.footer).map { $0.map { cell($0.value, language) } }
        var notes: [String] = []
        if let total = table.totalRows, total > table.rows.count {
            notes.append(
                Labels.phrase("shown_of", language).replacingOccurrences(
                    of: "{n}", with: Labels.grouped(table.rows.count, language)
                )
                .replacingOccurrences(of: "{total}", with: Labels.grouped(total, language)))
        }
        if let note = table.note { notes.append(note) }
        if !notes.isEmpty {
            rows.append([])
            rows += notes.map { [.text($0)] }
        }
        return Sheet(name: table.title.isEmpty ? table.id : table.title, header: table.columns.map(\.title), rows: rows)
    }

    /// One row per tile: its label, value, numerator and denominator, and its target and verdict
    /// when any tile has one.
    static func tileTable(_ tiles: [KPITile], language: Language, title: String) -> DocumentTable {
        let w = DocumentWords(language)
        let withTargets = tiles.contains { $0.target != nil }
        var columns: [DocumentTable.Column] = [
            .init("kpi", w("indicator")), .init("value", w("value")), .init("numerator", w("numerator")),
            .init("denominator", w("denominator")),
        ]
        if withTargets {
            columns += [.init("target", w("target")), .init("status", w("status")), .init("gap", w("gap"))]
        }
        var table = DocumentTable(id: "kpis", title: title, columns: columns)
        for tile in tiles {
            let fraction = tile.fraction
            var row: [DocumentCell] = [
                .text(tile.label), tile.value, fraction.map { .integer($0.numerator) } ?? .empty,
                fraction.map { .integer($0.denominator) } ?? .empty,
            ]
            if withTargets {
                row += [
                    .text(tile.target?.text ?? ""), .text(tile.target?.verdict ?? ""), .text(tile.target?.gap ?? ""),
                ]
            }
            table.add(row)
        }
        return table
    }

    /// What the figures were computed from: label and value, then the files read.
    static func provenanceSheet(_ document: Document) -> Sheet {
        let language = document.language
        let w = DocumentWords(language)
        var rows: [[Cell]] = [[.text(w("sheet_title")), .text(document.title)]]
        if let subtitle = document.subtitle { rows.append([.text(w("sheet_scope")), .text(subtitle)]) }
        for fact in document.provenance.rows(language) {
            rows.append([.text(fact.label), cell(fact.value.value, language)])
        }
        if let files = document.provenance.fileTable(language) {
            rows.append([])
            rows.append(files.columns.map { .text($0.title) })
            rows += files.rows.map { $0.map { cell($0.value, language) } }
        }
        return Sheet(name: w("source_title"), header: [w("sheet_item"), w("value")], rows: rows)
    }

    /// A typed document value as a typed cell.
    static func cell(_ value: DocumentValue, _ language: Language) -> Cell {
        switch value {
        case .empty: return .empty
        case .text(let s), .code(let s): return .text(s)
        case .integer(let n): return .integer(n)
        case .rate(let n, let d): return .rate(n, of: d)
        case .percent(let x, let decimals):
            return x.isFinite ? .percent(NumberText.fixed(x, decimals: decimals)) : .empty
        case .decimal(let x, let decimals): return .number(x, decimals: decimals)
        case .date(let d): return .date(d)
        case .timestamp(let t): return .dateTime(t)
        case .duration(let seconds, _): return .duration(seconds: seconds)
        case .flag(let b): return .text(Labels.document(b ? "yes" : "no", language))
        }
    }
}
