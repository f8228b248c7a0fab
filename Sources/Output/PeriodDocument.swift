import Engine
import Metrics
import Targets

/// The standard period table as a `Document`, for the HTML, Markdown and xlsx writers: a section
/// per period with its table (STT, the unit, the counts, a total row) in two parts that fit an A4
/// page, the balance and the fallbacks under it; the warnings first and the chain checks last.
extension Document {
    public static func period(_ report: PeriodReport, language: Language, provenance: DocumentProvenance)
        -> Document
    {
        let phrase = { (key: String) in Labels.periodPhrase(key, language) }
        var sections: [DocumentSection] = []
        let warnings = PeriodRenderer.warningLines(report, language: language)
        if !warnings.isEmpty {
            sections.append(
                DocumentSection(
                    id: "warnings", title: phrase("warnings"),
                    blocks: warnings.map { .callout($0, tone: .warning) }))
        }
        let dimension = report.breakdowns.first?.dimension
        for (p, period) in report.periods.enumerated() {
            var tables: [DocumentBlock] = []
            for (part, keys) in PeriodColumns.documentParts.enumerated() {
                let counts = PeriodColumns.counts.filter { keys.contains($0.key) }
                let withRate = keys.contains("on_time_rate")
                var columns = [
                    DocumentTable.Column("stt", Labels.periodColumn("stt", language, long: true)),
                    DocumentTable.Column("unit", dimension.map { Labels.dimension($0, language) } ?? ""),
                ]
                columns += counts.map { .init($0.key, Labels.periodColumn($0.key, language, long: true)) }
                if withRate {
                    columns.append(.init("on_time_rate", Labels.periodColumn("on_time_rate", language, long: true)))
                }
                func cells(_ figures: PeriodFigures) -> [DocumentCell] {
                    counts.map { .integer($0.value(figures)) }
                        + (withRate ? [.rate(PeriodColumns.onTimeRate(figures))] : [])
                }
                // The period in the title: a workbook names each sheet after its table.
                let title = phrase("table_part_\(part + 1)")
                    .replacingOccurrences(of: "{period}", with: DocumentWords(language).periodName(period))
                var table = DocumentTable(
                    id: "period_\(p + 1)_\(part + 1)", title: title, columns: columns,
                    note: part == 1
                        ? phrase("judged_at") + " " + DocumentText.timestamp(period.defaultAsOf, language) : nil)
                for (n, row) in PeriodRenderer.shownRows(report, period: p).enumerated() {
                    table.add(
                        [.integer(n + 1), .text(row.key ?? Labels.phrase("none", language))] + cells(row.figures[p]))
                }
                table.footer = [[.empty, .text(phrase("total"))] + cells(report.totals[p])]
                tables.append(.table(table))
            }
            let balanced = report.unbalancedRows(period: p).isEmpty
            let balance = PeriodRenderer.balanceLine(report, period: p, language: language)
            sections.append(
                DocumentSection(
                    id: "period_\(p + 1)", title: PeriodRenderer.heading(period, language, document: true),
                    blocks: tables + [
                        .callout(String(balance.drop { $0 == " " }), tone: balanced ? .good : .bad),
                        .notes([
                            String(PeriodRenderer.fallbackLine(report.totals[p], language: language).drop { $0 == " " })
                        ]),
                    ]))
        }
        let links = report.links
        if !links.isEmpty {
            sections.append(
                DocumentSection(
                    id: "chain", title: phrase("chain"),
                    blocks: [.notes(links.map { PeriodRenderer.linkLine(report, $0, language: language) })]))
        }
        let title = phrase("title")
        let subtitle = report.periods.map { PeriodRenderer.heading($0, language, document: true) }.joined(
            separator: "; ")
        return Document(
            kind: .period, language: language, title: title, subtitle: subtitle, provenance: provenance,
            sections: sections)
    }
}
