import Targets
import _TextSupport

extension ScoreReport {
    /// `tthc score --format csv`: one row per indicator, and per group not computed, for the total
    /// (`scope` total) and then each unit (`scope` unit, `key` the unit). Points are rounded as in
    /// the JSON (four decimals); a group's row has no indicator.
    public static func csv(
        total: ScoreEstimate, units: [(key: String, estimate: ScoreEstimate)], style: CSVStyle = .plain
    ) -> String {
        var table = CSVTable([
            "scope", "key", "group", "indicator", "rate_percent", "numerator", "denominator", "threshold_percent",
            "points", "max",
        ])
        func points(_ p: Double?) -> CSVTable.Cell {
            p.map { .number(NumberText.trimmed(($0 * 10000).rounded() / 10000)) } ?? .empty
        }
        func add(_ scope: String, _ key: String?, _ estimate: ScoreEstimate) {
            for g in estimate.groups {
                for line in estimate.lines where line.group == g.group.name {
                    table.add([
                        .text(scope), .optionalText(key), .text(g.group.name), .text(line.indicator.kpi.rawValue),
                        .percent(line.rate.numerator, of: line.rate.denominator), .integer(line.rate.numerator),
                        .integer(line.rate.denominator), .number(NumberText.trimmed(line.indicator.threshold)),
                        points(line.points), .number(NumberText.trimmed(line.indicator.points)),
                    ])
                }
                table.add([
                    .text(scope), .optionalText(key), .text(g.group.name), .empty, .empty, .empty, .empty, .empty,
                    points(g.points), .number(NumberText.trimmed(g.group.points)),
                ])
            }
        }
        add("total", nil, total)
        for unit in units { add("unit", unit.key, unit.estimate) }
        return table.text(style)
    }
}
