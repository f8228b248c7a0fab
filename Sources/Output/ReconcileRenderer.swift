import Engine
import _TextSupport

/// `tthc steps --reconcile`: where a dossier table and its step log disagree, as a table, CSV or JSON.
public enum ReconcileRenderer {
    static let header = ["MaHoSo", "field", "table", "steps"]

    public static func table(_ r: Reconciliation) -> String {
        var lines = [
            "Compared \(r.compared) dossiers: \(r.disagreements.count) disagreement"
                + (r.disagreements.count == 1 ? "" : "s")
        ]
        guard !r.disagreements.isEmpty else { return lines[0] + "\n" }
        lines.append("")
        let rows =
            [header]
            + r.disagreements.map {
                [$0.dossier, $0.field.rawValue, $0.table.isEmpty ? "-" : $0.table, $0.steps.isEmpty ? "-" : $0.steps]
            }
        lines += TextColumns.lines(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ r: Reconciliation, style: CSVStyle = .plain) -> String {
        var table = CSVTable(header)
        for d in r.disagreements {
            table.add([.text(d.dossier), .text(d.field.rawValue), d.table.isEmpty ? .empty : .text(d.table), d.steps.isEmpty ? .empty : .text(d.steps)])
        }
        return table.text(style)
    }

    public static func json(_ r: Reconciliation) -> String {
        JSONValue.object([
            ("compared", .int(r.compared)),
            (
                "disagreements",
                .array(
                    r.disagreements.map {
                        .object([
                            ("dossier", .string($0.dossier)), ("field", .string($0.field.rawValue)),
                            ("table", $0.table.isEmpty ? .null : .string($0.table)),
                            ("steps", $0.steps.isEmpty ? .null : .string($0.steps)),
                        ])
                    })
            ),
        ]).text + "\n"
    }
}
