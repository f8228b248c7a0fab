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
    public static func text(_ result: AuditResult, catalogPath: String) -> String {
        let totals = result.totals
        let tolerance = result.settings.tolerance
        var out = "Audit of NgayHenTra against the legal due (\(catalogPath), "
        out += "due mode \(result.settings.classifier.dueMode.rawValue)"
        out += tolerance > 0 ? ", tolerance \(tolerance / 60) min)\n" : ")\n"
        out += "\(result.input.accepted) records; \(totals.checked) checked: \(totals.later) due later than "
        out += "the law allows, \(totals.earlier) earlier, \(totals.matching) matching.\n"
        if result.missingReceived + result.missingDue + result.unknownProcedure > 0 {
            out += "Not checked: \(result.missingReceived) without NgayTiepNhan, "
            out += "\(result.missingDue) without NgayHenTra, "
            out += "\(result.unknownProcedure) with a MaTTHC not in the catalog.\n"
        }
        let mismatched = result.mismatched
        if mismatched.isEmpty { return out + "\nNo mismatch.\n" }
        let unitWidth = max(4, mismatched.map { $0.key.unit.count }.max() ?? 0)
        let procWidth = max(9, mismatched.map { $0.key.procedure.count }.max() ?? 0)
        out += "\n" + padded("Unit", unitWidth) + "  " + padded("Procedure", procWidth)
        out += "  Checked    Later  Earlier  Max later (working h)\n"
        for (key, group) in mismatched {
            out += padded(key.unit, unitWidth) + "  " + padded(key.procedure, procWidth)
            out += "  " + right(group.checked, 7) + "  " + right(group.later, 7) + "  " + right(group.earlier, 7)
            out += "  " + hours(group.maxLaterWorking) + "\n"
        }
        out += "\nExamples (MaHoSo: received, recorded due vs legal due, difference in working time):\n"
        for (key, group) in mismatched where !group.examples.isEmpty {
            out += "  \(key.unit) / \(key.procedure):\n"
            for e in group.examples {
                let sign = e.differenceWorking >= 0 ? "+" : "-"
                out += "    \(e.id): \(e.received.iso8601), \(e.recorded.iso8601) vs \(e.legal.iso8601) "
                out += "(\(sign)\(hours(abs(e.differenceWorking))) h)\n"
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
