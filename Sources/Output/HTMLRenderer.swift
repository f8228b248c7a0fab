/// A `Document` as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched
/// (a Content-Security-Policy says so to the browser), readable on a phone and printable on A4.
public enum HTMLRenderer {
    public static func render(_ document: Document) -> String {
        let language = document.language
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        out += "<meta name=\"generator\" content=\"tthc\">\n"
        out += "<title>" + e(document.title + (document.subtitle.map { " – " + $0 } ?? "")) + "</title>\n"
        out += "<style>\n" + HTMLStyle.css + "</style>\n</head>\n"
        out += "<body class=\"doc-\(document.kind.rawValue)\">\n<main>\n<header>\n"
        out += "<h1>" + e(document.title) + "</h1>\n"
        if let subtitle = document.subtitle { out += "<p class=\"subtitle\">" + e(subtitle) + "</p>\n" }
        if let line = document.provenance.summaryLine(language) {
            out +=
                "<p class=\"source-line\">" + e(line) + " <a href=\"#provenance\">"
                + e(DocumentWords(language)("source_title"))
            out += "</a></p>\n"
        }
        out += "</header>\n"
        for section in document.sections {
            out += "<section id=\"\(e(section.id))\">\n<h2>" + e(section.title) + "</h2>\n"
            for block in section.blocks { out += render(block, section: section, language: language) }
            out += "</section>\n"
        }
        out += provenance(document.provenance, language: language)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func e(_ text: String) -> String { HTMLText.escape(text) }

    static func render(_ block: DocumentBlock, section: DocumentSection, language: Language) -> String {
        switch block {
        case .paragraph(let text): return "<p>" + e(text) + "</p>\n"
        case .callout(let text, let tone): return "<p class=\"callout tone-\(tone.rawValue)\">" + e(text) + "</p>\n"
        case .notes(let notes):
            return "<ul class=\"notes\">" + notes.map { "<li>" + e($0) + "</li>" }.joined() + "</ul>\n"
        case .tiles(let tiles): return self.tiles(tiles, language: language)
        case .table(let table): return self.table(table, language: language, sectionTitle: section.title)
        case .chart(let chart): return self.chart(chart, language: language, sectionTitle: section.title)
        }
    }

    static func tiles(_ tiles: [KPITile], language: Language) -> String {
        var out = "<div class=\"tiles\">\n"
        for tile in tiles {
            let tone = tile.target?.tone ?? .neutral
            out += "<div class=\"tile tone-\(tone.rawValue)\" data-key=\"\(e(tile.key))\">"
            out += "<div class=\"tile-label\">" + e(tile.label) + "</div>"
            out += "<div class=\"tile-value\">" + e(DocumentText.text(tile.value.value, language)) + "</div>"
            if let (n, d) = tile.fraction {
                out += "<div class=\"tile-fraction\"><span data-part=\"numerator\">"
                out += e(DocumentText.text(.integer(n), language)) + "</span> / <span data-part=\"denominator\">"
                out += e(DocumentText.text(.integer(d), language)) + "</span></div>"
            }
            if let target = tile.target {
                out += "<div class=\"tile-target\">" + e(target.text) + " · <strong>" + e(target.verdict)
                out += "</strong></div>"
                if let gap = target.gap { out += "<div class=\"tile-gap\">" + e(gap) + "</div>" }
            }
            if let note = tile.note { out += "<div class=\"tile-note\">" + e(note) + "</div>" }
            out += "</div>\n"
        }
        return out + "</div>\n"
    }

    static func table(_ table: DocumentTable, language: Language, sectionTitle: String) -> String {
        let numeric = table.columns.indices.map { table.isNumericColumn($0) }
        // The first text column names the row: a card's title on a phone.
        let lead = table.columns.indices.first { i in
            !numeric[i] && table.rows.allSatisfy { if case .text = $0[i].value { return true } else { return false } }
        }
        var out = "<table class=\"data\" id=\"table-\(e(table.id))\" data-table=\"\(e(table.id))\">\n"
        if table.title != sectionTitle { out += "<caption>" + e(table.title) + "</caption>\n" }
        out += "<thead><tr>"
        for (i, column) in table.columns.enumerated() {
            out += "<th scope=\"col\" data-key=\"\(e(column.key))\"" + (numeric[i] ? " class=\"num\"" : "") + ">"
            out += e(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        func row(_ cells: [DocumentCell]) -> String {
            var r = "<tr>"
            for (i, cell) in cells.enumerated() {
                var classes: [String] = []
                if numeric[i] { classes.append("num") }
                if i == lead { classes.append("lead") }
                switch cell.value {
                case .code: classes.append("code")
                case .date, .timestamp: classes.append("time")
                case .duration: classes.append("duration")
                default: break
                }
                if cell.tone != .neutral { classes.append("tone-\(cell.tone.rawValue)") }
                r += "<td data-key=\"\(e(table.columns[i].key))\" data-label=\"\(e(table.columns[i].title))\""
                r += classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                r += "><span>" + e(DocumentText.text(cell.value, language)) + "</span></td>"
            }
            return r + "</tr>\n"
        }
        for cells in table.rows { out += row(cells) }
        out += "</tbody>\n"
        if !table.footer.isEmpty { out += "<tfoot>\n" + table.footer.map(row).joined() + "</tfoot>\n" }
        out += "</table>\n"
        if let note = table.note { out += "<p class=\"note\">" + e(note) + "</p>\n" }
        return out
    }

    static func chart(_ chart: DocumentChart, language: Language, sectionTitle: String) -> String {
        var out = "<figure class=\"chart\" id=\"chart-\(e(chart.id))\">\n"
        if chart.title != sectionTitle { out += "<figcaption>" + e(chart.title) + "</figcaption>\n" }
        if chart.series.count > 1 || !chart.markers.isEmpty {
            out += "<ul class=\"legend\">"
            for (i, series) in chart.series.enumerated() {
                let shape = series.style == .line ? "swatch line" : "swatch"
                out += "<li><span class=\"\(shape)\" style=\"background:\(SVGChart.colour(series, index: i))\"></span>"
                out += e(series.name) + "</li>"
            }
            for marker in chart.markers {
                out += "<li><span class=\"swatch marker\"></span>" + e(marker.label) + "</li>"
            }
            out += "</ul>\n"
        }
        // A wide drawing for screens and paper, a narrow one with the same type size for phones.
        out += "<div class=\"plot wide\">" + SVGChart.render(chart, language: language, width: 720) + "</div>\n"
        out += "<div class=\"plot narrow\">" + SVGChart.render(chart, language: language, width: 380) + "</div>\n"
        if let note = chart.note { out += "<p class=\"note\">" + e(note) + "</p>\n" }
        return out + "</figure>\n"
    }

    static func provenance(_ provenance: DocumentProvenance, language: Language) -> String {
        let w = DocumentWords(language)
        var out = "<section id=\"provenance\" class=\"provenance\">\n<h2>" + e(w("source_title")) + "</h2>\n<dl>\n"
        for fact in provenance.rows(language) {
            let code: Bool
            if case .code = fact.value.value { code = true } else { code = false }
            out += "<div><dt>" + e(fact.label) + "</dt><dd" + (code ? " class=\"code\"" : "") + ">"
            out += e(DocumentText.text(fact.value.value, language)) + "</dd></div>\n"
        }
        out += "</dl>\n"
        if let files = provenance.fileTable(language) {
            out += table(files, language: language, sectionTitle: "")
        }
        return out + "</section>\n"
    }
}
