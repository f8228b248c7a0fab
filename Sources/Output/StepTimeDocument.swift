import Engine
import Metrics

/// `tthc steps`'s document, built so a leader sees the bottleneck on the first screen: the
/// headline and tiles, the breakdown most working time first, where the time goes per procedure
/// (a stacked chart by department), the hand-overs and the handlers per working day.
extension Document {
    /// - Parameter dimension: the breakdown shown as the main table (the first one by default).
    /// - Parameter rows: rows of the main table (0: all).
    public static func stepTime(
        _ result: StepTimeResult, dimension: StepDimension? = nil, rows: Int = 200, provenance: DocumentProvenance,
        language: Language
    ) -> Document {
        let word = { (key: String) in Labels.steps(key, language) }
        let perDay = result.workingSecondsPerDay
        let t = result.totals
        func duration(_ seconds: Int64?) -> DocumentCell { seconds.map { .duration($0, perDay: perDay) } ?? .empty }

        var summary: [DocumentBlock] = []
        if let headline = StepTimeRenderer.bottleneckLine(result, language) {
            summary.append(.callout(headline, tone: .warning))
        }
        summary.append(
            .tiles([
                KPITile(key: "dossiers", label: word("tile_dossiers"), value: .integer(t.dossiers)),
                KPITile(
                    key: "median", label: word("tile_median"),
                    value: duration(result.workingSeconds(t, percentile: 0.5)),
                    note: word("p90") + " "
                        + DocumentText.text(duration(result.workingSeconds(t, percentile: 0.9)).value, language)),
                KPITile(key: "late", label: word("tile_late"), value: .integer(t.late)),
                KPITile(key: "late_over_plan", label: word("tile_late_over_plan"), value: .rate(t.lateOverPlanRate)),
                KPITile(key: "returns", label: word("tile_returns"), value: .integer(t.returns)),
            ]))
        var sections = [DocumentSection(id: "summary", title: word("summary_title"), blocks: summary)]

        if let breakdown = dimension.flatMap({ result.breakdown($0) }) ?? result.breakdowns.first {
            sections.append(groupSection(breakdown, result: result, rows: rows, language: language))
        }
        if let chart = procedureChart(result, language: language) {
            sections.append(DocumentSection(id: "procedures", title: word("chart_title"), blocks: [.chart(chart)]))
        }
        if !result.handovers.isEmpty {
            var table = DocumentTable(
                id: "handovers", title: word("handovers"),
                columns: [
                    .init("from", word("from")), .init("to", word("to")), .init("count", word("count")),
                    .init("dossiers", word("dossiers")),
                ])
            for h in result.handovers.prefix(rows > 0 ? rows : result.handovers.count) {
                table.add([
                    .text(h.from ?? word("none")), .text(h.to ?? word("none")), .integer(h.count), .integer(h.dossiers),
                ])
            }
            if table.rows.count < result.handovers.count { table.totalRows = result.handovers.count }
            sections.append(DocumentSection(id: "handovers", title: word("handovers"), blocks: [.table(table)]))
        }
        if !result.staffing.isEmpty {
            var table = DocumentTable(
                id: "staffing", title: word("staffing_title"),
                columns: [
                    .init("department", word("department")), .init("working_days", word("working_days")),
                    .init("median", word("median")), .init("p90", word("p90")), .init("max", word("maximum")),
                    .init("handlers", word("handlers")),
                ])
            for s in result.staffing {
                table.add([
                    .text(s.department ?? word("none")), .integer(s.workingDays), .integer(s.median), .integer(s.p90),
                    .integer(s.maximum), .integer(s.handlers),
                ])
            }
            sections.append(DocumentSection(id: "staffing", title: word("staffing_title"), blocks: [.table(table)]))
        }
        sections[0].blocks.append(.notes([word("legend")] + StepTimeRenderer.noteLines(result, language)))
        return Document(
            kind: .steps, language: language, title: word("title"), subtitle: DocumentWords(language).scope(provenance),
            provenance: provenance, sections: sections)
    }

    /// The breakdown as a table: its key columns, then the figures, most working time first.
    static func groupSection(_ breakdown: StepBreakdown, result: StepTimeResult, rows: Int, language: Language)
        -> DocumentSection
    {
        let word = { (key: String) in Labels.steps(key, language) }
        let perDay = result.workingSecondsPerDay
        let keyTitles = Labels.stepColumns(breakdown.dimension, language)
        let keyNames = StepTimeRenderer.keyNames(breakdown.dimension)
        var columns = zip(keyNames, keyTitles).map { DocumentTable.Column($0, $1) }
        columns += [
            ("dossiers", "dossiers"), ("median", "median"), ("p90", "p90"), ("time_held", "time_held"),
            ("share", "share"), ("late", "late"), ("late_over_plan", "late_over_plan"),
            ("handovers_out", "handovers_out"), ("returns", "returns"), ("reworked", "reworked"),
        ].map { DocumentTable.Column($0.0, word($0.1)) }
        let title = Labels.steps(
            "groups_title", language, ["dimension": word("dimension." + breakdown.dimension.rawValue)])
        var table = DocumentTable(id: "groups", title: title, columns: columns)
        func cells(_ f: StepFigures, share: Rate) -> [DocumentCell] {
            [
                .integer(f.dossiers),
                result.workingSeconds(f, percentile: 0.5).map { .duration($0, perDay: perDay) } ?? .empty,
                result.workingSeconds(f, percentile: 0.9).map { .duration($0, perDay: perDay) } ?? .empty,
                .duration(f.workingSeconds, perDay: perDay), .rate(share), .integer(f.late),
                .rate(f.lateOverPlanRate, tone: f.lateOverPlan > 0 ? .bad : .neutral), .integer(f.handoversOut),
                .integer(f.returns), .integer(f.reworkedDossiers),
            ]
        }
        let shown = rows > 0 ? Array(breakdown.groups.prefix(rows)) : breakdown.groups
        for group in shown {
            let key = StepTimeRenderer.keyValues(group.key, breakdown.dimension).map {
                DocumentCell.text($0 ?? word("none"))
            }
            table.add(key + cells(group.figures, share: group.share))
        }
        let t = result.totals
        table.footer = [
            [.text(word("total"))] + Array(repeating: .empty, count: keyNames.count - 1)
                + cells(t, share: Rate(Int(t.workingSeconds), Int(t.workingSeconds)))
        ]
        if shown.count < breakdown.groups.count { table.totalRows = breakdown.groups.count }
        return DocumentSection(id: "groups", title: title, blocks: [.table(table)])
    }

    /// Procedures with the most working time (up to 12), each a stacked column of the mean working
    /// days per dossier each department held; departments beyond the six that hold the most
    /// time are one series. Nil without the procedure breakdown or without working time.
    static func procedureChart(_ result: StepTimeResult, language: Language) -> DocumentChart? {
        guard let breakdown = result.breakdown(.procedure), result.totals.workingSeconds > 0 else { return nil }
        let word = { (key: String) in Labels.steps(key, language) }
        let perDay = Double(result.workingSecondsPerDay)
        let procedures = result.procedures.filter { $0.figures.workingSeconds > 0 }.sorted {
            if $0.figures.workingSeconds != $1.figures.workingSeconds {
                return $0.figures.workingSeconds > $1.figures.workingSeconds
            }
            return StepTimeAnalysis.optionalLess($0.procedure, $1.procedure)
        }.prefix(12)
        guard !procedures.isEmpty else { return nil }
        // The departments that hold the most time over all procedures, in that order.
        var byDepartment: [String?: Int64] = [:]
        for group in breakdown.groups { byDepartment[group.key.department, default: 0] += group.figures.workingSeconds }
        let ranked = byDepartment.filter { $0.value > 0 }.sorted {
            $0.value != $1.value ? $0.value > $1.value : StepTimeAnalysis.optionalLess($0.key, $1.key)
        }.map(\.key)
        let named = Array(ranked.prefix(ranked.count > 7 ? 6 : 7))
        let hasOther = ranked.count > named.count
        var seconds: [[Int64]] = Array(
            repeating: Array(repeating: 0, count: procedures.count), count: named.count + (hasOther ? 1 : 0))
        for (p, procedure) in procedures.enumerated() {
            for group in breakdown.groups
            where group.key.procedure == procedure.procedure && group.figures.workingSeconds > 0 {
                let series = named.firstIndex(of: group.key.department) ?? named.count
                seconds[series][p] += group.figures.workingSeconds
            }
        }
        let categories = procedures.map { $0.procedure ?? word("none") }
        let names = named.map { $0 ?? word("none") } + (hasOther ? [word("other_departments")] : [])
        var series: [DocumentChart.Series] = []
        for (s, name) in names.enumerated() {
            var values: [Double?] = []
            for (p, procedure) in procedures.enumerated() {
                let mean: Double = Double(seconds[s][p]) / Double(procedure.figures.dossiers)
                values.append(mean / perDay)
            }
            series.append(.init(key: "department_\(s + 1)", name: name, values: values, style: .columns))
        }
        var columns = [DocumentTable.Column("procedure", word("procedure")), .init("dossiers", word("dossiers"))]
        for (s, name) in names.enumerated() { columns.append(.init("department_\(s + 1)", name)) }
        var table = DocumentTable(id: "procedures", title: word("chart_title"), columns: columns)
        for (p, procedure) in procedures.enumerated() {
            var row: [DocumentCell] = [.text(categories[p]), .integer(procedure.figures.dossiers)]
            for s in names.indices {
                let mean = seconds[s][p] / Int64(procedure.figures.dossiers)
                row.append(.duration(mean, perDay: result.workingSecondsPerDay))
            }
            table.add(row)
        }
        return DocumentChart(
            id: "procedures", title: word("chart_title"), categoryTitle: word("procedure"), categories: categories,
            series: series, primaryAxis: .init(title: word("chart_axis"), unit: .workingDays, minimum: 0),
            stacked: true,
            note: word("chart_note"), table: table)
    }
}
