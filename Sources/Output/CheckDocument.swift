import Metrics
import Targets

extension Document {
    /// `tthc check`'s document: the verdict first, then each target with its gap in dossiers, the
    /// units and procedures contributing most to each miss, the `--by` groups that miss.
    /// - Parameter procedureName: a procedure code's name (`TenTTHC` of the catalog), if known.
    public static func check(
        _ check: TargetCheck, provenance: DocumentProvenance, language: Language,
        procedureName: (String) -> String? = { _ in nil }
    ) -> Document {
        let w = DocumentWords(language)
        var sections: [DocumentSection] = []
        let count = DocumentText.text(.integer(check.results.count), language)
        let verdict: String
        let tone: DocumentTone
        if check.results.isEmpty {
            (verdict, tone) = (w("no_targets"), .muted)
        } else if check.allMet {
            (verdict, tone) = (w("all_met").replacingOccurrences(of: "{n}", with: count), .good)
        } else {
            let missed = DocumentText.text(.integer(check.missedCount), language)
            (verdict, tone) = (
                w("some_missed").replacingOccurrences(of: "{m}", with: missed).replacingOccurrences(
                    of: "{n}", with: count),
                .bad
            )
        }
        let tiles = check.results.map { r in
            KPITile(
                key: r.target.description, label: w.metricLabel(r.target.metric),
                value: w.measured(r.total), target: w.verdict(r.total), note: r.label)
        }
        sections.append(
            DocumentSection(id: "verdict", title: w("verdict"), blocks: [.callout(verdict, tone: tone), .tiles(tiles)]))

        var table = DocumentTable(
            id: "targets", title: w("targets"),
            columns: [
                .init("target", w("indicator")), .init("threshold", w("threshold")), .init("value", w("value")),
                .init("numerator", w("numerator")), .init("denominator", w("denominator")),
                .init("status", w("status")), .init("gap", w("gap")), .init("label", w("note")),
                .init("source", w("source")),
            ])
        for r in check.results {
            let status: DocumentCell
            switch r.total.status {
            case .met:
                status =
                    r.missedGroups.isEmpty
                    ? .text(w("met"), tone: .good) : .text(w("met_in_total_only"), tone: .warning)
            case .missed: status = .text(w("missed"), tone: .bad)
            case .noData: status = .text(w("no_data"), tone: .muted)
            }
            table.add(
                [
                    .text(w.metricLabel(r.target.metric)), .text(w.thresholdText(r.target)), w.measured(r.total),
                    r.total.denominator == nil ? .empty : .integer(r.total.value),
                    r.total.denominator.map { .integer($0) } ?? .empty, status, w.gapCell(r.total), .text(r.label),
                    .text(r.source ?? ""),
                ])
        }
        if !check.results.isEmpty {
            sections.append(DocumentSection(id: "targets", title: w("targets"), blocks: [.table(table)]))
        }

        var contributorBlocks: [DocumentBlock] = []
        for r in check.results where !r.contributors.isEmpty {
            for (dimension, ranked) in r.contributors where !ranked.isEmpty {
                // Procedure names come from the catalog: a column only when it names some.
                let isProcedure = dimension == "procedure"
                let names = isProcedure && ranked.contains { procedureName($0.key.joined(separator: " / ")) != nil }
                let titleKey = isProcedure ? "contributors_procedures" : "contributors_units"
                let title = w(titleKey).replacingOccurrences(of: "{t}", with: w.metricLabel(r.target.metric))
                var columns: [DocumentTable.Column] = [
                    .init("key", isProcedure ? w("procedure_code") : Labels.dimension(.agency, language))
                ]
                if names { columns.append(.init("procedure_name", w("procedure_name"))) }
                columns += [
                    .init("value", w("value")), .init("numerator", w("numerator")),
                    .init("denominator", w("denominator")), .init("wrong_side", w("wrong_side")),
                    .init("needed", w("needed")),
                ]
                var t = DocumentTable(
                    id: "contributors_\(r.target.description)_\(dimension)", title: title, columns: columns)
                for c in ranked {
                    let key = c.key.joined(separator: " / ")
                    var row: [DocumentCell] = [isProcedure ? .code(key) : .text(key)]
                    if names { row.append(.text(procedureName(key) ?? "")) }
                    row += [
                        w.measured(c.evaluation),
                        c.evaluation.denominator == nil ? .empty : .integer(c.evaluation.value),
                        c.evaluation.denominator.map { .integer($0) } ?? .empty, .integer(c.wrongSide),
                        w.gapCell(c.evaluation, absolute: true),
                    ]
                    t.add(row)
                }
                contributorBlocks.append(.table(t))
            }
        }
        if !contributorBlocks.isEmpty {
            sections.append(
                DocumentSection(id: "contributors", title: w("contributors_title"), blocks: contributorBlocks))
        }

        let groupMisses = check.results.filter { !$0.missedGroups.isEmpty }
        if !groupMisses.isEmpty {
            var t = DocumentTable(
                id: "groups_missed", title: w("groups_missing"),
                columns: check.groupDimensions.map { .init($0, w.dimensionTitle($0)) } + [
                    .init("target", w("indicator")), .init("value", w("value")), .init("numerator", w("numerator")),
                    .init("denominator", w("denominator")), .init("gap", w("gap")),
                ])
            for r in groupMisses {
                for (key, evaluation) in r.missedGroups {
                    t.add(
                        key.map { DocumentCell.text($0) } + [
                            .text(w.metricLabel(r.target.metric) + " " + w.thresholdText(r.target)),
                            w.measured(evaluation), evaluation.denominator == nil ? .empty : .integer(evaluation.value),
                            evaluation.denominator.map { .integer($0) } ?? .empty, w.gapCell(evaluation),
                        ])
                }
            }
            sections.append(DocumentSection(id: "groups_missed", title: w("groups_missing"), blocks: [.table(t)]))
        }

        if !check.watch.isEmpty {
            var t = DocumentTable(
                id: "watch", title: w("watch_title"),
                columns: [
                    .init("metric", w("indicator")), .init("value", w("value")), .init("numerator", w("numerator")),
                    .init("denominator", w("denominator")), .init("label", w("note")),
                ])
            for item in check.watch {
                t.add([
                    .text(w.metricLabel(item.metric)),
                    item.denominator.map { .rate(item.value, of: $0) } ?? .integer(item.value),
                    item.denominator == nil ? .empty : .integer(item.value),
                    item.denominator.map { .integer($0) } ?? .empty,
                    .text(item.label),
                ])
            }
            sections.append(DocumentSection(id: "watch", title: w("watch_title"), blocks: [.table(t)]))
        }
        if !check.notChecked.isEmpty {
            sections.append(
                DocumentSection(
                    id: "not_checked", title: w("not_checked_title"),
                    blocks: [.notes(check.notChecked.map { $0.label + ": " + $0.reason })]))
        }
        return Document(
            kind: .check, language: language, title: w("check_title"), subtitle: w.scope(provenance),
            provenance: provenance, sections: sections)
    }
}

extension DocumentWords {
    /// A target metric's name: the rate's or the count's label.
    func metricLabel(_ metric: TargetMetric) -> String {
        switch metric {
        case .rate(let kpi): return Labels.rate(kpi, language)
        case .count(let count):
            if KPICounts.fields.contains(where: { $0.name == count.name }) { return self.count(count.name) }
            return self(count.name)
        }
    }

    /// The measured value of an evaluation: a rate by its fraction, or a count.
    func measured(_ evaluation: TargetEvaluation) -> DocumentCell {
        guard let d = evaluation.denominator else { return .integer(evaluation.value) }
        return .rate(evaluation.value, of: d)
    }

    /// The gap in dossiers (`+59`: more needed on the good side), `impossible`, or empty when met.
    func gapCell(_ evaluation: TargetEvaluation, absolute: Bool = false) -> DocumentCell {
        guard evaluation.status == .missed, let gap = evaluation.gap else { return .empty }
        switch gap {
        case .dossiers(let k): return .integer(absolute ? abs(k) : k, tone: .bad)
        case .impossible: return .text(self("gap_impossible"), tone: .bad)
        }
    }

    /// `agency` -> `Đơn vị`; names that are not dimensions stay as they are.
    func dimensionTitle(_ name: String) -> String {
        GroupDimension(rawValue: name).map { Labels.dimension($0, language) } ?? name
    }
}
