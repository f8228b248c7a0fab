import Targets
import _TextSupport

extension TargetCheck {
    /// `tthc check --format csv`: one row per target in total, then per `--by` group that misses
    /// it, then per contributor to a miss. A rate's `value` is its percentage (four decimals by the
    /// one rule), a count's the count; `gap` is the signed change in dossiers, or `impossible`.
    public func csv(style: CSVStyle = .plain) -> String {
        var table = CSVTable([
            "scope", "dimension", "key", "target", "label", "status", "value", "numerator", "denominator", "threshold",
            "gap", "wrong_side",
        ])
        func row(
            _ scope: String, _ dimension: String, _ key: [String], _ r: Result, _ e: TargetEvaluation,
            wrongSide: Int? = nil
        ) -> [CSVTable.Cell] {
            var cells: [CSVTable.Cell] = [
                .text(scope), dimension.isEmpty ? .empty : .text(dimension),
                key.isEmpty ? .empty : .text(key.joined(separator: " / ")), .text(r.target.description),
                .text(r.label), .text(e.status.rawValue),
            ]
            if let d = e.denominator {
                cells += [.percent(e.value, of: d), .integer(e.value), .integer(d)]
            } else {
                cells += [.integer(e.value), .empty, .empty]
            }
            cells.append(.number(r.target.threshold.description))
            switch e.gap {
            case .dossiers(let k)?: cells.append(.integer(k))
            case .impossible?: cells.append(.text("impossible"))
            case nil: cells.append(.empty)
            }
            cells.append(wrongSide.map(CSVTable.Cell.integer) ?? .empty)
            return cells
        }
        for r in results { table.add(row("total", "", [], r, r.total)) }
        let dimensions = groupDimensions.joined(separator: ",")
        for r in results {
            for g in r.missedGroups { table.add(row("group", dimensions, g.key, r, g.evaluation)) }
        }
        for r in results {
            for (dimension, ranked) in r.contributors {
                for c in ranked {
                    table.add(row("contributor", dimension, c.key, r, c.evaluation, wrongSide: c.wrongSide))
                }
            }
        }
        return table.text(style)
    }
}
