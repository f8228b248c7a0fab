import CivilTime
import Engine
import Ingest
import Metrics
import _TextSupport

/// Turns a `ReportResult` into text: JSON for programs, an aligned table for a terminal, CSV
/// for spreadsheets.
public enum ReportRenderer {
    // MARK: JSON

    /// The JSON document described in the README (schema section).
    public static func json(_ result: ReportResult) -> String {
        var out = "{\n  \"as_of\": " + (result.asOf.map { NumberText.jsonString($0.iso8601) } ?? "null") + ",\n"
        out += "  \"clock\": " + NumberText.jsonString(result.clock.rawValue) + ",\n"
        out += "  \"totals\": " + aggregateJSON(result.totals, result: result, indent: "  ") + ",\n"
        out += "  \"groups\": ["
        for (i, group) in result.groups.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            var keyParts: [String] = []
            for (d, dimension) in result.dimensions.enumerated() {
                keyParts.append(
                    NumberText.jsonString(dimension.rawValue) + ": "
                        + (group.key.values[d].map(NumberText.jsonString) ?? "null"))
            }
            out += "    {\"key\": {" + keyParts.joined(separator: ", ") + "}, "
            let body = aggregateJSON(group.aggregate, result: result, indent: "    ")
            out += String(body.dropFirst())  // splice the counts into the group object
        }
        out += result.groups.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"input\": " + inputJSON(result)
        // Only when there are misses, so a report whose catalog covers the log is unchanged.
        if result.catalogMisses.dossiers > 0 {
            out += ",\n  \"catalog_misses\": " + catalogMissesJSON(result.catalogMisses)
        }
        return out + "\n}\n"
    }

    public static func rateJSON(_ rate: Rate) -> String {
        "{\"percent\": " + (percent(rate, decimals: 4) ?? "null") + ", \"numerator\": "
            + String(rate.numerator) + ", \"denominator\": " + String(rate.denominator) + "}"
    }

    /// A rate's percentage as every format prints it; nil when the denominator is 0.
    static func percent(_ rate: Rate, decimals: Int) -> String? {
        NumberText.percent(rate.numerator, of: rate.denominator, decimals: decimals)
    }

    static func aggregateJSON(_ aggregate: KPIAggregate, result: ReportResult, indent: String) -> String {
        var parts: [String] = []
        for (name, keyPath) in KPICounts.fields {
            parts.append(NumberText.jsonString(name) + ": " + String(aggregate.counts[keyPath: keyPath]))
        }
        let rates = KPI.allCases.map { NumberText.jsonString($0.jsonName) + ": " + rateJSON(aggregate.counts.rate($0)) }
        parts.append("\"rates\": {" + rates.joined(separator: ", ") + "}")
        let median = result.processingDays(aggregate, percentile: 0.5)
        let p90 = result.processingDays(aggregate, percentile: 0.9)
        parts.append(
            "\"processing_working_days\": {\"median\": " + (median.map { NumberText.fixed($0, decimals: 3) } ?? "null")
                + ", \"p90\": " + (p90.map { NumberText.fixed($0, decimals: 3) } ?? "null") + ", \"finished\": "
                + String(aggregate.processingMinutes.total) + "}")
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// `{"no_due": N, "top": [{"code": …, "dossiers": n}, …]}`: the five most frequent codes.
    static func catalogMissesJSON(_ misses: CatalogMisses) -> String {
        let top = misses.top(5).map {
            "{\"code\": " + NumberText.jsonString($0.code) + ", \"dossiers\": " + String($0.dossiers) + "}"
        }
        return "{\"no_due\": \(misses.dossiers), \"codes\": \(misses.byCode.count), \"top\": ["
            + top.joined(separator: ", ") + "]}"
    }

    static func inputJSON(_ result: ReportResult) -> String {
        let input = result.input
        var files: [String] = []
        for file in input.files {
            files.append(
                "{\"path\": " + NumberText.jsonString(file.path) + ", \"records\": " + String(file.records)
                    + ", \"rejected\": " + String(file.rejected) + "}")
        }
        return "{\"records\": \(input.records), \"accepted\": \(input.accepted), \"rejected\": \(input.rejected), "
            + "\"duplicates\": \(input.duplicates), \"replaced\": \(input.replaced), "
            + "\"outside_selection\": \(result.outsideSelection), \"files\": [" + files.joined(separator: ", ") + "]}"
    }

    // MARK: Table

    public static func table(_ result: ReportResult, language: Language) -> String {
        var lines: [String] = []
        let asOf = result.asOf?.iso8601 ?? "-"
        lines.append(Labels.phrase("as_of", language) + ": " + asOf)
        let input = result.input
        var inputLine =
            Labels.phrase("input", language) + ": " + NumberText.grouped(input.records) + " "
            + Labels.phrase("records", language) + ", " + NumberText.grouped(input.rejected) + " "
            + Labels.phrase("rejected", language) + ", " + NumberText.grouped(input.duplicates) + " "
            + Labels.phrase("duplicates", language)
        if input.replaced > 0 {
            inputLine += ", " + NumberText.grouped(input.replaced) + " " + Labels.phrase("replaced", language)
        }
        if result.outsideSelection > 0 {
            inputLine += ", " + NumberText.grouped(result.outsideSelection) + " " + Labels.phrase("outside", language)
        }
        lines.append(inputLine)
        lines.append("")
        lines.append(Labels.phrase("counts", language))
        let counts = result.totals.counts
        var countRows: [[String]] = []
        for (name, keyPath) in KPICounts.fields {
            countRows.append([Labels.count(name, language), NumberText.grouped(counts[keyPath: keyPath])])
        }
        lines.append(contentsOf: align(countRows, rightAligned: [1]))
        lines.append("")
        lines.append(Labels.phrase("rates", language))
        var rateRows: [[String]] = []
        for kpi in KPI.allCases {
            let rate = counts.rate(kpi)
            rateRows.append([
                Labels.rate(kpi, language), percent(rate, decimals: 2).map { $0 + "%" } ?? "-",
                NumberText.grouped(rate.numerator) + " / " + NumberText.grouped(rate.denominator),
            ])
        }
        lines.append(contentsOf: align(rateRows, rightAligned: [1, 2]))
        lines.append("")
        let median = result.processingDays(result.totals, percentile: 0.5)
        let p90 = result.processingDays(result.totals, percentile: 0.9)
        lines.append(
            Labels.phrase(result.clock == .working ? "processing" : "processing_calendar", language) + ": "
                + Labels.phrase("median", language) + " "
                + (median.map { NumberText.fixed($0, decimals: 2) } ?? "-") + ", " + Labels.phrase("p90", language)
                + " "
                + (p90.map { NumberText.fixed($0, decimals: 2) } ?? "-"))
        if !result.dimensions.isEmpty {
            lines.append("")
            lines.append(Labels.phrase("groups", language))
            var header = result.dimensions.map { Labels.dimension($0, language) }
            header += [
                Labels.count("received", language), Labels.count("finished", language),
                Labels.phrase("late_column", language), Labels.phrase("overdue_column", language),
            ]
            header += [KPI.progress, .onTime, .online, .fullOnline, .onlinePayment].map { Labels.rate($0, language) }
            var rows = [header]
            for group in result.groups {
                // One line per row even when a key holds a line break.
                var row = group.key.values.map { value in
                    value.map { String($0.map { $0.isNewline ? " " : $0 }) } ?? Labels.phrase("none", language)
                }
                let c = group.aggregate.counts
                row += [c.received, c.finished, c.late, c.inProgressOverdue].map(NumberText.grouped)
                row += [KPI.progress, .onTime, .online, .fullOnline, .onlinePayment].map { kpi in
                    percent(c.rate(kpi), decimals: 2) ?? "-"
                }
                rows.append(row)
            }
            let numeric = Set(result.dimensions.count..<header.count)
            lines.append(contentsOf: align(rows, rightAligned: numeric))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pads columns to equal width (in characters, so Vietnamese text aligns).
    public static func align(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            var parts: [String] = []
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad))
            }
            return parts.joined(separator: "  ")
        }
    }

    // MARK: CSV

    /// One row per group (then the total), a header row, counts and rate percentages.
    public static func csv(_ result: ReportResult) -> String {
        var header = ["scope"] + result.dimensions.map(\.rawValue)
        header += KPICounts.fields.map(\.name)
        header += KPI.allCases.map { $0.jsonName + "_percent" }
        header += ["processing_median_working_days", "processing_p90_working_days"]
        var lines = [header.joined(separator: ",")]
        func row(scope: String, key: [String?], aggregate: KPIAggregate) -> String {
            var cells = [scope] + key.map { NumberText.csvField($0 ?? "") }
            cells += KPICounts.fields.map { String(aggregate.counts[keyPath: $0.keyPath]) }
            cells += KPI.allCases.map {
                percent(aggregate.counts.rate($0), decimals: 4) ?? ""
            }
            cells.append(
                result.processingDays(aggregate, percentile: 0.5).map { NumberText.fixed($0, decimals: 3) } ?? "")
            cells.append(
                result.processingDays(aggregate, percentile: 0.9).map { NumberText.fixed($0, decimals: 3) } ?? "")
            return cells.joined(separator: ",")
        }
        for group in result.groups {
            lines.append(row(scope: "group", key: group.key.values, aggregate: group.aggregate))
        }
        lines.append(row(scope: "total", key: result.dimensions.map { _ in nil }, aggregate: result.totals))
        return lines.joined(separator: "\n") + "\n"
    }
}
