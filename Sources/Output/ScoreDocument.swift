import Targets

extension Document {
    /// `tthc score`'s document: the points of each 766 group the log supports, per indicator and
    /// per unit, and what it cannot compute.
    public static func score(
        total: ScoreEstimate, units: [(key: String, estimate: ScoreEstimate)], unitDimension: String,
        provenance: DocumentProvenance, language: Language
    ) -> Document {
        let w = DocumentWords(language)
        func points(_ p: Double?) -> DocumentCell {
            p.map { .decimal(($0 * 100).rounded() / 100, decimals: 2) } ?? .empty
        }
        func plain(_ x: Double) -> DocumentCell { .decimal(x, decimals: x == x.rounded() ? 0 : 2) }
        let sentence = w("score_total").replacingOccurrences(
            of: "{p}", with: DocumentText.text(.decimal((total.points * 100).rounded() / 100, decimals: 2), language)
        ).replacingOccurrences(of: "{c}", with: DocumentText.text(plain(total.computedMaximum).value, language))
            .replacingOccurrences(of: "{t}", with: DocumentText.text(plain(total.model.total).value, language))
        var tiles: [KPITile] = [
            KPITile(key: "points", label: w("points"), value: points(total.points))
        ]
        for g in total.groups where g.computedMaximum > 0 {
            tiles.append(
                KPITile(
                    key: "group_" + g.group.name, label: w.scoreGroup(g.group), value: points(g.points),
                    note: w("computed_max") + " " + DocumentText.text(plain(g.computedMaximum).value, language) + " / "
                        + DocumentText.text(plain(g.group.points).value, language)))
        }
        var table = DocumentTable(
            id: "indicators", title: w("score_title"),
            columns: [
                .init("group", w("group")), .init("indicator", w("indicator")), .init("rate", w("rate")),
                .init("numerator", w("numerator")), .init("denominator", w("denominator")),
                .init("threshold", w("threshold")), .init("points", w("points")), .init("max", w("max")),
            ])
        for g in total.groups {
            for line in total.lines where line.group == g.group.name {
                table.add([
                    .text(w.scoreGroup(g.group)), .text(line.indicator.label), .rate(line.rate),
                    .integer(line.rate.numerator), .integer(line.rate.denominator),
                    DocumentCell(.percent(line.indicator.threshold, decimals: 0)), points(line.points),
                    plain(line.indicator.points),
                ])
            }
            for missing in g.group.notComputed {
                table.add([
                    .text(w.scoreGroup(g.group)), .text(missing.label + " (" + w("not_computed") + ")"),
                    .empty, .empty, .empty, .empty, .empty, plain(missing.points),
                ])
            }
        }
        var sections = [
            DocumentSection(id: "score", title: w("kpis"), blocks: [.paragraph(sentence), .tiles(tiles)]),
            DocumentSection(id: "indicators", title: w("score_title"), blocks: [.table(table)]),
        ]
        if !units.isEmpty {
            let names = total.groups.filter { $0.computedMaximum > 0 || !$0.group.indicators.isEmpty }
            var perUnit = DocumentTable(
                id: "units", title: w("per_unit"),
                columns: [
                    .init("unit", unitDimension == "agency" ? Labels.dimension(.agency, language) : unitDimension),
                    .init("points", w("points")), .init("computed_max", w("computed_max")),
                ] + names.map { .init($0.group.name, w.scoreGroup($0.group)) })
            for (key, estimate) in units {
                var row: [DocumentCell] = [.text(key), points(estimate.points), plain(estimate.computedMaximum)]
                for g in names {
                    row.append(points(estimate.groups.first { $0.group.name == g.group.name }?.points))
                }
                perUnit.add(row)
            }
            sections.append(DocumentSection(id: "units", title: w("per_unit"), blocks: [.table(perUnit)]))
        }
        let notes = total.groups.flatMap { g in
            g.group.notComputed.map {
                (w.scoreGroup(g.group)) + " (" + DocumentText.text(plain($0.points).value, language) + "): "
                    + $0.label + ": " + $0.reason
            }
        }
        if !notes.isEmpty {
            sections.append(
                DocumentSection(id: "not_computed", title: w("not_computed_title"), blocks: [.notes(notes)]))
        }
        return Document(
            kind: .score, language: language, title: w("score_title"), subtitle: w.scope(provenance),
            provenance: provenance, sections: sections)
    }
}

extension DocumentWords {
    /// A 766 group's name in the document's language: the index's own names for the groups of the
    /// shipped model, else the profile's title.
    func scoreGroup(_ group: ScoreModel.Group) -> String {
        let key = "score_group_" + group.name
        let label = self(key)
        return label != key ? label : group.title ?? group.name
    }
}
