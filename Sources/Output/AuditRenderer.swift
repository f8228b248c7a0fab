import CivilTime
import Engine
import _TextSupport

/// `tthc audit`'s report: the text a person reads, and JSON.
public enum AuditRenderer {
    public static func json(_ result: AuditResult) -> String {
        let totals = result.totals
        let groups: [JSONValue] = result.groups.map { key, group in
            let examples: [JSONValue] = group.examples.map { e in
                .object([
                    ("id", .string(e.id)), ("received", .string(e.received.iso8601)),
                    ("recorded_due", .string(e.recorded.iso8601)), ("legal_due", .string(e.legal.iso8601)),
                    ("difference_working_minutes", .int(Int(e.differenceWorking / 60))),
                ])
            }
            return .object([
                ("unit", .string(key.unit)), ("procedure", .string(key.procedure)), ("checked", .int(group.checked)),
                ("later", .int(group.later)), ("earlier", .int(group.earlier)),
                ("max_later_working_minutes", .int(Int(group.maxLaterWorking / 60))), ("examples", .array(examples)),
            ])
        }
        return JSONValue.object([
            ("records", .int(result.input.accepted)), ("checked", .int(totals.checked)), ("later", .int(totals.later)),
            ("earlier", .int(totals.earlier)), ("matching", .int(totals.matching)),
            ("missing_received", .int(result.missingReceived)), ("missing_due", .int(result.missingDue)),
            ("unknown_procedure", .int(result.unknownProcedure)), ("groups", .array(groups)),
        ]).lineText + "\n"
    }

    /// - Parameter catalogPath: the catalog file as the user named it.
    public static func text(_ result: AuditResult, catalogPath: String, language: Language = .en) -> String {
        let totals = result.totals
        let tolerance = result.settings.tolerance
        let w = { (key: String) in Labels.phrase(key, language) }
        let n = { (x: Int) in Labels.grouped(x, language) }
        let vi = language == .vi
        func time(_ t: Timestamp) -> String { vi ? DocumentText.timestamp(t, .vi) : t.iso8601 }
        var out = Labels.phrase(
            "audit_title", language, ["catalog": catalogPath, "mode": result.settings.classifier.dueMode.rawValue])
        out += tolerance > 0 ? Labels.phrase("audit_tolerance", language, ["minutes": String(tolerance / 60)]) : ""
        out += ")\n"
        out +=
            Labels.phrase(
                "audit_summary", language,
                [
                    "records": Labels.counted(result.input.accepted, .record, language), "checked": n(totals.checked),
                    "later": n(totals.later), "earlier": n(totals.earlier), "matching": n(totals.matching),
                ]) + "\n"
        if result.missingReceived + result.missingDue + result.unknownProcedure > 0 {
            out +=
                Labels.phrase(
                    "audit_not_checked", language,
                    [
                        "received": n(result.missingReceived), "due": n(result.missingDue),
                        "unknown": n(result.unknownProcedure),
                    ]) + "\n"
        }
        let mismatched = result.mismatched
        if mismatched.isEmpty { return out + "\n" + w("audit_no_mismatch") + "\n" }
        // Procedure names from the catalog the audit is made against.
        let catalog = result.settings.classifier.catalog
        let named = mismatched.contains { !(catalog?[$0.key.procedure]?.name ?? "").isEmpty }
        var rows = [
            [w("audit_unit"), w("audit_procedure")] + (named ? [w("audit_procedure_name")] : []) + [
                w("audit_checked"), w("audit_later"), w("audit_earlier"), w("audit_max_later"),
            ]
        ]
        for (key, group) in mismatched {
            rows.append(
                [key.unit, key.procedure] + (named ? [catalog?[key.procedure]?.name ?? ""] : []) + [
                    n(group.checked), n(group.later), n(group.earlier),
                    Labels.number(hours(group.maxLaterWorking), language),
                ])
        }
        let firstNumber = named ? 3 : 2
        out += "\n" + TextColumns.lines(rows, rightAligned: { $0 >= firstNumber }).joined(separator: "\n") + "\n"
        out += "\n" + w("audit_examples") + "\n"
        for (key, group) in mismatched where !group.examples.isEmpty {
            out += "  \(key.unit) / \(key.procedure):\n"
            for e in group.examples {
                let sign = e.differenceWorking >= 0 ? "+" : "-"
                out += "    \(e.id): \(time(e.received)), \(time(e.recorded)) \(w("audit_vs")) \(time(e.legal)) "
                out += "(\(sign)\(Labels.number(hours(abs(e.differenceWorking)), language)) h)\n"
            }
        }
        return out
    }

    static func padded(_ text: String, _ width: Int) -> String { TextColumns.padded(text, to: width) }

    static func right(_ n: Int, _ width: Int) -> String { TextColumns.padded(String(n), to: width, rightAligned: true) }

    /// Working seconds as hours with one decimal, halves rounded up.
    static func hours(_ seconds: Int64) -> String {
        let tenths = (seconds * 10 + 1800) / 3600
        return "\(tenths / 10).\(tenths % 10)"
    }
}
