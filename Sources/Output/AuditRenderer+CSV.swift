import Engine
import _TextSupport

extension AuditRenderer {
    /// `tthc audit --format csv`: one row per unit and procedure (as the JSON's groups), then the
    /// total; differences in working minutes.
    public static func csv(_ result: AuditResult, style: CSVStyle = .plain) -> String {
        var table = CSVTable([
            "scope", "unit", "procedure", "procedure_name", "checked", "later", "earlier", "matching",
            "max_later_working_minutes",
        ])
        let catalog = result.settings.classifier.catalog
        func row(_ scope: String, _ unit: String?, _ procedure: String?, _ g: AuditGroup) -> [CSVTable.Cell] {
            [
                .text(scope), .optionalText(unit), .optionalText(procedure),
                .optionalText(procedure.flatMap { catalog?[$0]?.name }), .integer(g.checked), .integer(g.later),
                .integer(g.earlier), .integer(g.matching), .integer(Int(g.maxLaterWorking / 60)),
            ]
        }
        for (key, group) in result.groups { table.add(row("group", key.unit, key.procedure, group)) }
        table.add(row("total", nil, nil, result.totals))
        return table.text(style)
    }
}
