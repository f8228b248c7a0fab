import CivilTime
import Engine
import Ingest
import Metrics
import _TextSupport

/// Turns a `ReportResult` into text: JSON for programs, an aligned table for a terminal, CSV
/// for spreadsheets.
public enum ReportRenderer {
    // MARK: JSON

    /// The JSON document described in the README (schema section): the top level and the
    /// groups one member a line, each value on its line.
    public static func json(_ result: ReportResult) -> String {
        let groups = result.groups.map { group -> JSONValue in
            let key = zip(result.dimensions, group.key.values).map { dimension, value in
                (dimension.rawValue, value.map(JSONValue.string) ?? .null)
            }
            return .object([("key", .object(key))] + aggregateMembers(group.aggregate, result: result))
        }
        var out = "{\n  \"as_of\": " + (result.asOf.map { JSONValue.string($0.iso8601) } ?? .null).lineText + ",\n"
        out += "  \"clock\": " + JSONValue.string(result.clock.rawValue).lineText + ",\n"
        out += "  \"totals\": " + JSONValue.object(aggregateMembers(result.totals, result: result)).lineText + ",\n"
        out += "  \"groups\": [" + groups.map { "\n    " + $0.lineText }.joined(separator: ",")
        out += result.groups.isEmpty ? "],\n" : "\n  ],\n"
        let input = RunContext.inputMembers(result.input, outsideSelection: result.outsideSelection)
        out += "  \"input\": " + JSONValue.object(input).lineText
        // Only when there are misses, so a report whose catalog covers the log is unchanged.
        if result.catalogMisses.dossiers > 0 {
            out += ",\n  \"catalog_misses\": " + catalogMissesJSON(result.catalogMisses).lineText
        }
        return out + "\n}\n"
    }

    /// `{"percent": 97.5609, "numerator": 4000, "denominator": 4100}`: the percentage truncated
    /// to four decimals, null when the denominator is 0.
    public static func rateJSON(_ rate: Rate) -> JSONValue {
        .object([
            ("percent", percent(rate, decimals: 4).map(JSONValue.numberText) ?? .null),
            ("numerator", .int(rate.numerator)), ("denominator", .int(rate.denominator)),
        ])
    }

    /// A rate's percentage as every format prints it; nil when the denominator is 0.
    static func percent(_ rate: Rate, decimals: Int) -> String? {
        NumberText.percent(rate.numerator, of: rate.denominator, decimals: decimals)
    }

    static func aggregateMembers(_ aggregate: KPIAggregate, result: ReportResult) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = KPICounts.fields.map { name, keyPath in
            (name, .int(aggregate.counts[keyPath: keyPath]))
        }
        members.append(("rates", .object(KPI.allCases.map { ($0.jsonName, rateJSON(aggregate.counts.rate($0))) })))
        func days(_ percentile: Double) -> JSONValue {
            result.processingDays(aggregate, percentile: percentile).map {
                .numberText(NumberText.fixed($0, decimals: 3))
            }
                ?? .null
        }
        members.append(
            (
                "processing_working_days",
                .object([
                    ("median", days(0.5)), ("p90", days(0.9)), ("finished", .int(aggregate.processingMinutes.total)),
                ])
            ))
        return members
    }

    /// `{"no_due": N, "codes": n, "top": [{"code": …, "dossiers": n}, …]}`: the five most frequent codes.
    static func catalogMissesJSON(_ misses: CatalogMisses) -> JSONValue {
        let top: [JSONValue] = misses.top(5).map {
            .object([("code", .string($0.code)), ("dossiers", .int($0.dossiers))])
        }
        return .object([("no_due", .int(misses.dossiers)), ("codes", .int(misses.byCode.count)), ("top", .array(top))])
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
        if input.afterAsOf > 0 {
            inputLine += ", " + NumberText.grouped(input.afterAsOf) + " " + Labels.phrase("after_as_of", language)
        }
        lines.append(inputLine)
        lines.append("")
        lines.append(Labels.phrase("counts", language))
        let counts = result.totals.counts
        var countRows: [[String]] = []
        for (name, keyPath) in KPICounts.fields {
            countRows.append([Labels.count(name, language), NumberText.grouped(counts[keyPath: keyPath])])
        }
        lines.append(contentsOf: TextColumns.lines(countRows, rightAligned: { $0 == 1 }))
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
        lines.append(contentsOf: TextColumns.lines(rateRows, rightAligned: { $0 >= 1 }))
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
            lines.append(contentsOf: TextColumns.lines(rows, rightAligned: numeric.contains))
        }
        return lines.joined(separator: "\n") + "\n"
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
