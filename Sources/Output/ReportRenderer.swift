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

    /// - Parameter procedureNames: names for a `--by procedure` table's codes (a column beside them).
    public static func table(
        _ result: ReportResult, language: Language, procedureNames: ProcedureNames = ProcedureNames()
    ) -> String {
        let n = { (x: Int) in Labels.grouped(x, language) }
        var lines: [String] = []
        let asOf = result.asOf.map { language == .vi ? DocumentText.timestamp($0, .vi) : $0.iso8601 } ?? "-"
        lines.append(Labels.phrase("as_of", language) + ": " + asOf)
        let input = result.input
        var inputLine =
            Labels.phrase("input", language) + ": " + Labels.counted(input.records, .record, language) + ", "
            + n(input.rejected) + " " + Labels.phrase("rejected", language) + ", " + n(input.duplicates) + " "
            + Labels.phrase("duplicates", language)
        if input.replaced > 0 {
            inputLine += ", " + n(input.replaced) + " " + Labels.phrase("replaced", language)
        }
        if result.outsideSelection > 0 {
            inputLine += ", " + n(result.outsideSelection) + " " + Labels.phrase("outside", language)
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
            countRows.append([Labels.count(name, language), n(counts[keyPath: keyPath])])
        }
        lines.append(contentsOf: TextColumns.lines(countRows, rightAligned: { $0 == 1 }))
        lines.append("")
        lines.append(Labels.phrase("rates", language))
        var rateRows: [[String]] = []
        for kpi in KPI.allCases {
            let rate = counts.rate(kpi)
            rateRows.append([
                Labels.rate(kpi, language),
                percent(rate, decimals: 2).map { Labels.number($0, language) + "%" } ?? "-",
                n(rate.numerator) + " / " + n(rate.denominator),
            ])
        }
        lines.append(contentsOf: TextColumns.lines(rateRows, rightAligned: { $0 >= 1 }))
        lines.append("")
        let median = result.processingDays(result.totals, percentile: 0.5)
        let p90 = result.processingDays(result.totals, percentile: 0.9)
        func days(_ x: Double?) -> String {
            x.map { Labels.number(NumberText.fixed($0, decimals: 2), language) } ?? "-"
        }
        lines.append(
            Labels.phrase(result.clock == .working ? "processing" : "processing_calendar", language) + ": "
                + Labels.phrase("median", language) + " " + days(median) + ", " + Labels.phrase("p90", language) + " "
                + days(p90))
        if !result.dimensions.isEmpty {
            lines.append("")
            lines.append(Labels.phrase("groups", language))
            // The procedure's name beside its code, when the log or the catalog names any.
            let procedureColumn = result.dimensions.firstIndex(of: .procedure)
            let named =
                procedureColumn.map { column in
                    result.groups.contains { $0.key.values[column].flatMap { procedureNames[$0] } != nil }
                } ?? false
            var header: [String] = []
            for (i, dimension) in result.dimensions.enumerated() {
                header.append(Labels.dimension(dimension, language))
                if named && i == procedureColumn { header.append(Labels.phrase("procedure_name_column", language)) }
            }
            let numericStart = header.count
            header += [
                Labels.count("received", language), Labels.count("finished", language),
                Labels.phrase("late_column", language), Labels.phrase("overdue_column", language),
            ]
            header += KPI.allCases.map { Labels.rate($0, language) }
            var rows = [header]
            for group in result.groups {
                let c = group.aggregate.counts
                // A group without a key value and without a received dossier is a row of zeros.
                if c.received == 0 && group.key.values.contains(where: { $0 == nil }) { continue }
                var row: [String] = []
                for (i, value) in group.key.values.enumerated() {
                    // One line per row even when a key holds a line break.
                    row.append(
                        value.map {
                            keyText(String($0.map { $0.isNewline ? " " : $0 }), result.dimensions[i], language)
                        }
                            ?? Labels.phrase("none", language))
                    if named && i == procedureColumn { row.append(value.flatMap { procedureNames[$0] } ?? "") }
                }
                row += [c.received, c.finished, c.late, c.inProgressOverdue].map(n)
                row += KPI.allCases.map { kpi in
                    percent(c.rate(kpi), decimals: 2).map { Labels.number($0, language) + "%" } ?? "-"
                }
                rows.append(row)
            }
            let numeric = Set(numericStart..<header.count)
            lines.append(contentsOf: TextColumns.lines(rows, rightAligned: numeric.contains))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A group key as a table shows it: channels by name in Vietnamese, everything else as it is.
    static func keyText(_ value: String, _ dimension: GroupDimension, _ language: Language) -> String {
        guard dimension == .channel, language == .vi else { return value }
        switch value {
        case "in_person": return "Trực tiếp"
        case "online": return "Trực tuyến"
        case "postal": return "Bưu chính công ích"
        default: return value
        }
    }

    // MARK: CSV

    /// One row per group (then the total), a header row, counts and rate percentages; `style`
    /// makes it the plain CSV for programs (the default) or the one for Excel.
    public static func csv(_ result: ReportResult, style: CSVStyle = .plain) -> String {
        var header = ["scope"] + result.dimensions.map(\.rawValue)
        header += KPICounts.fields.map(\.name)
        header += KPI.allCases.map { $0.jsonName + "_percent" }
        header += ["processing_median_working_days", "processing_p90_working_days"]
        var table = CSVTable(header)
        func row(scope: String, key: [String?], aggregate: KPIAggregate) -> [CSVTable.Cell] {
            var cells: [CSVTable.Cell] = [.text(scope)] + key.map(CSVTable.Cell.optionalText)
            cells += KPICounts.fields.map { .integer(aggregate.counts[keyPath: $0.keyPath]) }
            cells += KPI.allCases.map {
                let rate = aggregate.counts.rate($0)
                return .percent(rate.numerator, of: rate.denominator)
            }
            for percentile in [0.5, 0.9] {
                cells.append(
                    result.processingDays(aggregate, percentile: percentile).map {
                        .number(NumberText.fixed($0, decimals: 3))
                    } ?? .empty)
            }
            return cells
        }
        for group in result.groups {
            table.add(row(scope: "group", key: group.key.values, aggregate: group.aggregate))
        }
        table.add(row(scope: "total", key: result.dimensions.map { _ in nil }, aggregate: result.totals))
        return table.text(style)
    }
}
