/// A `Document` as Markdown tables for pasting into a periodic report: the title names the
/// reporting period, each section is a heading, each chart becomes the table of its data.
public enum MarkdownRenderer {
    public static func render(_ document: Document) -> String {
        let language = document.language
        let w = DocumentWords(language)
        var title = document.title
        if let period = document.provenance.period { title += " – " + w.periodName(period) }
        var out = "# " + inline(title) + "\n\n"
        if let subtitle = document.subtitle { out += "*" + inline(subtitle) + "*\n\n" }
        for section in document.sections {
            out += "## " + inline(section.title) + "\n\n"
            for block in section.blocks { out += render(block, section: section, language: language) }
        }
        out += "## " + inline(w("source_title")) + "\n\n"
        for fact in document.provenance.rows(language) {
            out += "- **" + inline(fact.label) + ":** " + inline(DocumentText.text(fact.value.value, language)) + "\n"
        }
        out += "\n"
        if let files = document.provenance.fileTable(language) {
            out += table(files, language: language, heading: true)
        }
        return out
    }

    static func render(_ block: DocumentBlock, section: DocumentSection, language: Language) -> String {
        switch block {
        case .paragraph(let text): return inline(text) + "\n\n"
        case .callout(let text, _): return "**" + inline(text) + "**\n\n"
        case .notes(let notes): return notes.map { "- " + inline($0) + "\n" }.joined() + "\n"
        case .tiles(let tiles): return self.tiles(tiles, language: language)
        case .table(let t): return table(t, language: language, heading: t.title != section.title)
        case .chart(let chart):
            // A picture's data is already in the section when the section has a table of its own.
            let hasTable = section.blocks.contains { if case .table = $0 { return true } else { return false } }
            if chart.table == nil && hasTable { return "" }
            let data = chart.table ?? seriesTable(chart)
            var out = table(data, language: language, heading: data.title != section.title)
            if let note = chart.note { out += "*" + inline(note) + "*\n\n" }
            return out
        }
    }

    static func tiles(_ tiles: [KPITile], language: Language) -> String {
        let w = DocumentWords(language)
        var table = DocumentTable(
            id: "tiles", title: "",
            columns: [
                .init("kpi", w("indicator")), .init("value", w("value")), .init("numerator", w("numerator")),
                .init("denominator", w("denominator")), .init("target", w("target")), .init("status", w("status")),
            ])
        let withTargets = tiles.contains { $0.target != nil }
        for tile in tiles {
            let fraction = tile.fraction
            table.add([
                .text(tile.label), tile.value, fraction.map { .integer($0.numerator) } ?? .empty,
                fraction.map { .integer($0.denominator) } ?? .empty, .text(tile.target?.text ?? ""),
                .text(tile.target.map { $0.verdict + ($0.gap.map { " (" + $0 + ")" } ?? "") } ?? ""),
            ])
        }
        if !withTargets {
            table.columns.removeLast(2)
            table.rows = table.rows.map { Array($0.dropLast(2)) }
        }
        return self.table(table, language: language, heading: false)
    }

    /// A chart without a table of its own: one row per category, one column per series.
    static func seriesTable(_ chart: DocumentChart) -> DocumentTable {
        var table = DocumentTable(
            id: chart.id, title: chart.title,
            columns: [.init("category", chart.categoryTitle)] + chart.series.map { .init($0.key, $0.name) })
        for (i, category) in chart.categories.enumerated() {
            table.add(
                [.text(category)]
                    + chart.series.map { s in
                        if let exact = s.exact { return DocumentCell(exact[i]) }
                        guard let v = s.values[i] else { return .empty }
                        let unit = s.onSecondaryAxis ? chart.secondaryAxis?.unit : chart.primaryAxis.unit
                        return unit == .percent ? DocumentCell(.percent(v, decimals: 2)) : .decimal(v, decimals: 2)
                    })
        }
        return table
    }

    static func table(_ table: DocumentTable, language: Language, heading: Bool) -> String {
        var out = heading && !table.title.isEmpty ? "**" + inline(table.title) + "**\n\n" : ""
        out += "| " + table.columns.map { inline($0.title) }.joined(separator: " | ") + " |\n"
        out +=
            "|"
            + table.columns.indices.map { table.isNumericColumn($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map { inline(DocumentText.text($0.value, language)) }.joined(separator: " | ") + " |\n"
        }
        for row in table.footer {
            out +=
                "| "
                + row.map {
                    let text = inline(DocumentText.text($0.value, language))
                    return text.isEmpty ? "" : "**" + text + "**"
                }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        if let note = table.note { out += "*" + inline(note) + "*\n\n" }
        return out
    }

    /// Text as Markdown shows it, never as markup: `<` and `&` become entities (so `<script>` is
    /// text), Markdown's inline markers and the table's `|` are escaped, and line
    /// breaks become spaces so a value stays in its cell.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            // `<` opens HTML and `&` an entity; `>` alone starts nothing inside a line.
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!": out += "\\" + String(scalar)
            case "\n", "\r", "\t": out += " "
            case "\u{0}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
