import Engine
import _TextSupport

/// `tthc audit`'s report: the text a person reads, and JSON.
public enum AuditRenderer {
    public static func json(_ result: AuditResult) -> String {
        let totals = result.totals
        var out = "{\"records\": \(result.input.accepted), \"checked\": \(totals.checked), \"later\": \(totals.later), "
        out += "\"earlier\": \(totals.earlier), \"matching\": \(totals.matching), "
        out += "\"missing_received\": \(result.missingReceived), \"missing_due\": \(result.missingDue), "
        out += "\"unknown_procedure\": \(result.unknownProcedure), \"groups\": ["
        out += result.groups.map { key, group in
            var g = "{\"unit\": \(JSONText.quoted(key.unit)), \"procedure\": \(JSONText.quoted(key.procedure)), "
            g += "\"checked\": \(group.checked), \"later\": \(group.later), \"earlier\": \(group.earlier), "
            g += "\"max_later_working_minutes\": \(group.maxLaterWorking / 60), \"examples\": ["
            g += group.examples.map { e in
                "{\"id\": \(JSONText.quoted(e.id)), \"received\": \"\(e.received.iso8601)\", "
                    + "\"recorded_due\": \"\(e.recorded.iso8601)\", \"legal_due\": \"\(e.legal.iso8601)\", "
                    + "\"difference_working_minutes\": \(e.differenceWorking / 60)}"
            }.joined(separator: ", ")
            return g + "]}"
        }.joined(separator: ", ")
        return out + "]}\n"
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

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func right(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// Working seconds as hours with one decimal, halves rounded up.
    static func hours(_ seconds: Int64) -> String {
        let tenths = (seconds * 10 + 1800) / 3600
        return "\(tenths / 10).\(tenths % 10)"
    }
}
