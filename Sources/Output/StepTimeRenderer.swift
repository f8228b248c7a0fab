import Engine
import Metrics
import _TextSupport

/// Turns a `StepTimeResult` into text: an aligned table whose first rows are the bottleneck, JSON
/// for programs, CSV for spreadsheets.
public enum StepTimeRenderer {
    /// A group's key as columns (`Labels.stepColumns` heads them); nil where the log gave no name.
    public static func keyValues(_ key: StepGroupKey, _ dimension: StepDimension) -> [String?] {
        switch dimension {
        case .department: return [key.department]
        case .handler: return [key.department, key.handler]
        case .procedure: return [key.procedure, key.department]
        case .transition: return [key.department, key.next]
        }
    }

    /// The JSON names of a dimension's key columns.
    static func keyNames(_ dimension: StepDimension) -> [String] {
        switch dimension {
        case .department: return ["department"]
        case .handler: return ["department", "handler"]
        case .procedure: return ["procedure", "department"]
        case .transition: return ["from", "to"]
        }
    }

    /// The group that holds the most working time (the first of a non-procedure breakdown, or of
    /// the department breakdown when there is one): what the headline names.
    public static func bottleneck(_ result: StepTimeResult) -> (group: StepGroup, dimension: StepDimension)? {
        let breakdown =
            result.breakdown(.department) ?? result.breakdowns.first { $0.dimension != .procedure }
        guard let breakdown, let first = breakdown.groups.first, first.figures.workingSeconds > 0 else { return nil }
        return (first, breakdown.dimension)
    }

    /// `Land office` or `Land office / Binh` or `Counter -> Land office`.
    public static func groupName(_ group: StepGroup, _ dimension: StepDimension, _ language: Language) -> String {
        let names = keyValues(group.key, dimension).map { $0 ?? Labels.steps("none", language) }
        return names.joined(separator: dimension == .transition ? " -> " : " / ")
    }

    /// The headline sentence, or nil without any working time.
    public static func bottleneckLine(_ result: StepTimeResult, _ language: Language) -> String? {
        guard let (group, dimension) = bottleneck(result) else { return nil }
        let f = group.figures
        let median =
            result.workingSeconds(f, percentile: 0.5).map {
                formatWorkingDuration($0, perDay: result.workingSecondsPerDay, language: language)
            } ?? "-"
        let share = Labels.percentText(group.share.numerator, of: group.share.denominator, language)
        let name = groupName(group, dimension, language)
        guard f.late > 0 else {
            return Labels.steps("bottleneck_no_late", language, ["name": name, "share": share, "median": median])
        }
        return Labels.steps(
            "bottleneck", language,
            [
                "name": name, "share": share, "median": median,
                "late_share": Labels.percentText(f.lateOverPlan, of: f.late, language),
            ])
    }

    /// What was left out, the dossiers without a due and the supplement waits, when there are any:
    /// the lines under the totals in the table and the notes of the document.
    public static func noteLines(_ result: StepTimeResult, _ language: Language) -> [String] {
        let n = { (x: Int) in Labels.grouped(x, language) }
        var lines: [String] = []
        if result.withoutReceived + result.outsideSelection + result.afterAsOf > 0 {
            lines.append(
                Labels.steps(
                    "left_out_line", language,
                    [
                        "without": n(result.withoutReceived), "outside": n(result.outsideSelection),
                        "after": n(result.afterAsOf),
                    ]))
        }
        if result.withoutDue > 0 { lines.append(Labels.steps("no_due_line", language, ["n": n(result.withoutDue)])) }
        if result.pausedSeconds > 0 {
            let time = formatWorkingDuration(
                result.pausedSeconds, perDay: result.workingSecondsPerDay, language: language)
            lines.append(Labels.steps("paused_line", language, ["time": time]))
        }
        return lines
    }

    // MARK: Table

    /// The breakdown of `dimension` (the first one by default), most working time first, cut to
    /// `top` rows (0: all), under the scope lines and the headline, with the hand-overs after it.
    public static func table(
        _ result: StepTimeResult, context: RunContext, dimension: StepDimension? = nil, top: Int = 20,
        language: Language
    ) -> String {
        let n = { (x: Int) in Labels.grouped(x, language) }
        let perDay = result.workingSecondsPerDay
        func duration(_ seconds: Int64?) -> String {
            seconds.map { formatWorkingDuration($0, perDay: perDay, language: language) } ?? "-"
        }
        var lines = context.headerLines(language)
        let t = result.totals
        lines.append(
            Labels.steps(
                "dossiers_line", language,
                [
                    "analysed": n(t.dossiers), "late": n(t.late),
                    "median": duration(result.workingSeconds(t, percentile: 0.5)),
                    "p90": duration(result.workingSeconds(t, percentile: 0.9)),
                ]))
        lines += noteLines(result, language)
        lines.append(Labels.steps("legend", language))
        if let headline = bottleneckLine(result, language) {
            lines.append("")
            lines.append(headline)
        }
        guard let breakdown = dimension.flatMap({ result.breakdown($0) }) ?? result.breakdowns.first else {
            return lines.joined(separator: "\n") + "\n"
        }
        let staffing = Dictionary(result.staffing.map { ($0.department, $0.median) }) { a, _ in a }
        let withStaff = breakdown.dimension == .department
        var header = Labels.stepColumns(breakdown.dimension, language)
        let numericStart = header.count
        header += [
            "dossiers", "median", "p90", "share", "late", "late_over_plan", "handovers_out", "returns",
        ].map { Labels.steps($0, language) }
        if withStaff { header.append(Labels.steps("handlers_per_day", language)) }
        var rows = [header]
        func cells(_ f: StepFigures, share: Rate) -> [String] {
            [
                n(f.dossiers), duration(result.workingSeconds(f, percentile: 0.5)),
                duration(result.workingSeconds(f, percentile: 0.9)),
                Labels.percentText(share.numerator, of: share.denominator, language), n(f.late),
                Labels.percentText(f.lateOverPlan, of: f.late, language), n(f.handoversOut), n(f.returns),
            ]
        }
        let shown = top > 0 ? Array(breakdown.groups.prefix(top)) : breakdown.groups
        for group in shown {
            var row = keyValues(group.key, breakdown.dimension).map { value in
                value.map { String($0.map { $0.isNewline ? " " : $0 }) } ?? Labels.steps("none", language)
            }
            row += cells(group.figures, share: group.share)
            if withStaff { row.append(staffing[group.key.department].map(n) ?? "-") }
            rows.append(row)
        }
        var total = [Labels.steps("total", language)] + Array(repeating: "", count: numericStart - 1)
        total += cells(t, share: Rate(Int(t.workingSeconds), Int(t.workingSeconds)))
        if withStaff { total.append("") }
        rows.append(total)
        lines.append("")
        lines.append(contentsOf: TextColumns.lines(rows, rightAligned: { $0 >= numericStart }))
        if shown.count < breakdown.groups.count {
            lines.append(Labels.steps("more_rows", language, ["n": n(breakdown.groups.count - shown.count)]))
        }
        if !result.handovers.isEmpty {
            lines.append("")
            lines.append(Labels.steps("handovers", language))
            var pairs: [[String]] = []
            for h in result.handovers.prefix(top > 0 ? min(top, 10) : result.handovers.count) {
                pairs.append([
                    "  " + (h.from ?? Labels.steps("none", language)), "->", h.to ?? Labels.steps("none", language),
                    n(h.count),
                ])
            }
            lines.append(contentsOf: TextColumns.lines(pairs, rightAligned: { $0 == 3 }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    static func days(_ value: Double?) -> JSONValue {
        value.map { .numberText(NumberText.fixed($0, decimals: 3)) } ?? .null
    }

    static func figureMembers(_ f: StepFigures, result: StepTimeResult) -> [(String, JSONValue)] {
        [
            ("dossiers", .int(f.dossiers)), ("steps", .int(f.steps)), ("working_seconds", .int(Int(f.workingSeconds))),
            (
                "working_days",
                .object([
                    ("median", days(result.workingDays(f, percentile: 0.5))),
                    ("p90", days(result.workingDays(f, percentile: 0.9))),
                    (
                        "total",
                        .numberText(
                            NumberText.fixed(
                                Double(f.workingSeconds) / Double(result.workingSecondsPerDay), decimals: 3))
                    ),
                ])
            ),
            ("late", .int(f.late)), ("late_over_plan", ReportRenderer.rateJSON(f.lateOverPlanRate)),
            ("over_plan", .int(f.overPlan)), ("handovers_out", .int(f.handoversOut)), ("returns", .int(f.returns)),
            ("reworked_dossiers", .int(f.reworkedDossiers)),
        ]
    }

    static func name(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// Every breakdown computed, the totals, per procedure, hand-overs and handlers per working
    /// day, then what was left out and the input: one member a line, groups one a line.
    public static func json(_ result: StepTimeResult, context: RunContext) -> String {
        var out = "{\n"
        func member(_ key: String, _ value: JSONValue, last: Bool = false) {
            out += "  " + JSONValue.string(key).lineText + ": " + value.lineText + (last ? "\n" : ",\n")
        }
        func list(_ key: String, _ values: [JSONValue]) {
            out += "  " + JSONValue.string(key).lineText + ": ["
            out += values.map { "\n    " + $0.lineText }.joined(separator: ",")
            out += values.isEmpty ? "],\n" : "\n  ],\n"
        }
        for (key, value) in context.json { member(key, value) }
        member("clock", .string("working"))
        member("working_seconds_per_day", .int(Int(result.workingSecondsPerDay)))
        member("totals", .object(figureMembers(result.totals, result: result)))
        for breakdown in result.breakdowns {
            list(
                "by_" + breakdown.dimension.rawValue,
                breakdown.groups.map { group in
                    let key = zip(keyNames(breakdown.dimension), keyValues(group.key, breakdown.dimension)).map {
                        ($0, name($1))
                    }
                    return .object(
                        [("key", .object(key))] + figureMembers(group.figures, result: result) + [
                            ("share_of_time", ReportRenderer.rateJSON(group.share))
                        ])
                })
        }
        list(
            "procedures",
            result.procedures.map {
                .object([("procedure", name($0.procedure))] + figureMembers($0.figures, result: result))
            })
        list(
            "handovers",
            result.handovers.map {
                .object([
                    ("from", name($0.from)), ("to", name($0.to)), ("count", .int($0.count)),
                    ("dossiers", .int($0.dossiers)),
                ])
            })
        list(
            "handlers_per_working_day",
            result.staffing.map {
                .object([
                    ("department", name($0.department)), ("working_days", .int($0.workingDays)),
                    ("median", .int($0.median)), ("p90", .int($0.p90)), ("max", .int($0.maximum)),
                    ("handlers", .int($0.handlers)),
                ])
            })
        member(
            "dossiers",
            .object([
                ("histories", .int(result.histories)), ("analysed", .int(result.totals.dossiers)),
                ("without_received_step", .int(result.withoutReceived)),
                ("outside_selection", .int(result.outsideSelection)), ("after_as_of", .int(result.afterAsOf)),
                ("without_due", .int(result.withoutDue)),
                ("paused_working_seconds", .int(Int(result.pausedSeconds))),
            ]), last: context.input.isEmpty)
        if !context.input.isEmpty { member("input", .object(context.input), last: true) }
        return out + "}\n"
    }

    // MARK: CSV

    /// One row per group of `dimension` (the first breakdown by default), then the total: the key
    /// columns, counts, working days and rates with four decimals.
    public static func csv(_ result: StepTimeResult, dimension: StepDimension? = nil, style: CSVStyle = .plain)
        -> String
    {
        guard let breakdown = dimension.flatMap({ result.breakdown($0) }) ?? result.breakdowns.first else {
            return CSVTable(["scope"]).text(style)
        }
        var table = CSVTable(
            ["scope"] + keyNames(breakdown.dimension) + [
                "dossiers", "steps", "working_seconds", "median_working_days", "p90_working_days",
                "share_of_time_percent", "late", "late_over_plan", "late_over_plan_percent", "over_plan",
                "handovers_out", "returns", "reworked_dossiers",
            ])
        func row(_ scope: String, _ key: [String?], _ f: StepFigures, share: Rate) -> [CSVTable.Cell] {
            var cells: [CSVTable.Cell] = [.text(scope)] + key.map(CSVTable.Cell.optionalText)
            cells += [.integer(f.dossiers), .integer(f.steps), .integer(Int(f.workingSeconds))]
            for q in [0.5, 0.9] {
                cells.append(
                    result.workingDays(f, percentile: q).map { .number(NumberText.fixed($0, decimals: 3)) } ?? .empty)
            }
            cells += [
                .percent(share.numerator, of: share.denominator), .integer(f.late), .integer(f.lateOverPlan),
                .percent(f.lateOverPlan, of: f.late), .integer(f.overPlan), .integer(f.handoversOut),
                .integer(f.returns), .integer(f.reworkedDossiers),
            ]
            return cells
        }
        for group in breakdown.groups {
            table.add(row("group", keyValues(group.key, breakdown.dimension), group.figures, share: group.share))
        }
        let t = result.totals
        table.add(
            row(
                "total", keyNames(breakdown.dimension).map { _ in nil }, t,
                share: Rate(Int(t.workingSeconds), Int(t.workingSeconds))))
        return table.text(style)
    }
}
