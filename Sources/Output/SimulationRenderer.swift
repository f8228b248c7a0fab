import Simulation
import Targets
import _TextSupport

/// `tthc simulate`'s results as a table and as JSON: one run of replications, or a paired
/// comparison of two scenarios, each ending with the stability warnings and the verdicts.
///
/// The pieces (`estimateJSON`, `warningText`, `verdictText`, `warningJSON`, `verdictJSON`) are
/// public so that other documents (HTML) can lay out the same results.
public enum SimulationRenderer {
    /// What a rendering needs beside the results: the targets judged and the labels' language.
    public struct Context: Sendable {
        public var targets: [Target]
        public var language: Language
        /// `--by procedure|pool`: the breakdown tables to add.
        public var breakdowns: [String]

        public init(targets: [Target] = [], language: Language = .en, breakdowns: [String] = []) {
            self.targets = targets
            self.language = language
            self.breakdowns = breakdowns
        }
    }

    /// `{"mean": ..., "half_width": ..., "ci95": [lower, upper], "replications": n}`.
    public static func estimateJSON(_ e: Estimate) -> JSONValue {
        .object([
            ("mean", .number(e.mean)), ("half_width", .number(e.halfWidth)),
            ("ci95", .array([.number(e.lower), .number(e.upper)])), ("replications", .number(Double(e.count))),
        ])
    }

    /// `[lower, upper]` of a 95% interval, `-` when it has no width (one replication).
    static func interval(_ e: Estimate) -> String {
        e.halfWidth.isFinite ? "[\(NumberText.figure(e.lower)), \(NumberText.figure(e.upper))]" : "-"
    }

    /// A KPI table: the name column left-aligned, the figures right-aligned.
    static func kpiTable(_ rows: [[String]]) -> [String] {
        TextColumns.lines(rows, rightAligned: { $0 > 0 })
    }

    static func word(_ key: String, _ language: Language) -> String { Labels.simulation(key, language) }

    // MARK: Warnings and verdicts

    /// One line saying which pool cannot keep up, by how much, and the staff that would do.
    public static func warningText(_ w: StabilityWarning, language: Language = .en) -> String {
        let l = w.load
        let pool = "\(word("pool", language)) \(l.pool)"
        let load =
            "\(NumberText.trimmed(l.arrivalsPerWorkingHour, maxDecimals: 2)) \(word("per_working_hour", language)) × "
            + "\(NumberText.trimmed(l.workHoursPerVisit, maxDecimals: 2)) \(word("work_hours", language)) = "
            + "\(NumberText.trimmed(l.offeredStaff, maxDecimals: 2)) \(word("staff_of_work", language)) "
            + "\(l.staff) \(word("staff", language)) (rho \(NumberText.trimmed(l.utilization, maxDecimals: 2)))"
        let fix = "\(w.staffNeeded) \(word("staff", language)) \(word("would_bring", language))"
        switch w.kind {
        case .overloaded:
            return "\(pool) \(word("overloaded", language)): \(load); \(word("unbounded", language)). \(fix)."
        case .growing:
            let growth = NumberText.trimmed(w.growthPerWeek, maxDecimals: 1)
            return
                "\(pool): \(word("grew", language)) \(w.growingReplications) \(word("of", language)) \(w.replications) "
                + "\(word("replications_word", language)) (\(NumberText.trimmed(w.secondQuarterQueue, maxDecimals: 1)) "
                + "\(word("second_quarter", language)), \(NumberText.trimmed(w.lastQuarterQueue, maxDecimals: 1)) "
                + "\(word("last_quarter", language)), +\(growth) \(word("a_week", language))); \(load). \(fix)."
        }
    }

    public static func warningJSON(_ w: StabilityWarning, language: Language = .en) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("pool", .string(w.load.pool)), ("kind", .string(w.kind.rawValue)), ("load", loadJSON(w.load)),
            ("staff_for_utilization_below_0_9", .int(w.staffNeeded)),
        ]
        if w.kind == .growing {
            members += [
                ("growing_replications", .int(w.growingReplications)), ("replications", .int(w.replications)),
                ("queue_second_quarter", .decimal(w.secondQuarterQueue)),
                ("queue_last_quarter", .decimal(w.lastQuarterQueue)),
                ("queue_growth_per_week", .decimal(w.growthPerWeek)),
            ]
        }
        members.append(("text", .string(warningText(w, language: language))))
        return .object(members)
    }

    public static func loadJSON(_ l: PoolLoad) -> JSONValue {
        .object([
            ("staff", .int(l.staff)), ("arrivals_per_working_hour", .decimal(l.arrivalsPerWorkingHour)),
            ("work_hours_per_visit", .decimal(l.workHoursPerVisit)), ("offered_staff", .decimal(l.offeredStaff)),
            ("utilization", .decimal(l.utilization)),
        ])
    }

    /// A figure of a verdict: a rate by the one display rule, a count with one decimal.
    static func value(_ x: Double, rate: Bool) -> String {
        rate ? NumberText.percentText(x) : NumberText.trimmed(x, maxDecimals: 1)
    }

    static func signed(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let text = NumberText.fixed(x, decimals: 2)
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// The verdict in words: `on-time 98.90% → 99.40% (+0.50 points, 95% CI +0.30 to +0.70):
    /// significant; meets the target on-time >= 99%`.
    public static func verdictText(_ v: KPIVerdict, language: Language = .en) -> String {
        let rate = v.isRate
        var text = word("label." + v.metric, language) + " "
        if let a = v.baseline, let d = v.difference {
            text += "\(value(a.mean, rate: rate)) → \(value(v.estimate.mean, rate: rate)) (\(signed(d.mean))"
            text += rate ? " \(word("points", language))" : ""
            if d.halfWidth.isFinite { text += ", \(word("ci", language)) \(signed(d.lower)) – \(signed(d.upper))" }
            text += "): "
            text += v.significant == true ? word("significant", language) : word("not_significant", language)
        } else {
            text += value(v.estimate.mean, rate: rate)
            if v.estimate.halfWidth.isFinite {
                // A rate's interval is shown inside 0-100%: its t interval can step outside.
                let lower = rate ? max(0, v.estimate.lower) : v.estimate.lower
                let upper = rate ? min(100, v.estimate.upper) : v.estimate.upper
                text += " (\(word("ci", language)) \(value(lower, rate: rate)) – \(value(upper, rate: rate)))"
            }
        }
        if let target = v.target, let judgement = v.judgement {
            text += (v.baseline == nil ? ": " : "; ") + word(judgement.rawValue, language) + " "
            text += "\(word("target", language)) \(target.displayText)"
            if judgement == .likely { text += " " + word("likely_why", language) }
        }
        return text
    }

    public static func verdictJSON(_ v: KPIVerdict, language: Language = .en) -> JSONValue {
        var members: [(String, JSONValue)] = [("kpi", .string(v.metric))]
        members.append(("target", v.target.map { .string($0.description) } ?? .null))
        members.append(("judgement", v.judgement.map { .string($0.rawValue) } ?? .null))
        if let a = v.baseline, let d = v.difference {
            members += [
                ("a", estimateJSON(a)), ("b", estimateJSON(v.estimate)), ("difference", estimateJSON(d)),
                ("significant", v.significant.map(JSONValue.bool) ?? .null),
            ]
        } else {
            members.append(("estimate", estimateJSON(v.estimate)))
        }
        members.append(("text", .string(verdictText(v, language: language))))
        return .object(members)
    }

    static func closingLines(warnings: [StabilityWarning], verdicts: [KPIVerdict], context: Context) -> [String] {
        var lines: [String] = []
        if !warnings.isEmpty {
            lines += ["", word("warnings", context.language) + ":"]
            lines += warnings.map { "  " + warningText($0, language: context.language) }
        }
        lines += ["", word("verdict", context.language) + ":"]
        lines += verdicts.map { "  " + verdictText($0, language: context.language) }
        let skipped = KPIVerdict.notSimulated(context.targets)
        if !skipped.isEmpty {
            lines.append(
                "  \(word("not_simulated", context.language)): "
                    + skipped.map(\.displayText).joined(separator: ", "))
        }
        return lines
    }

    static func notSimulatedJSON(_ context: Context) -> JSONValue {
        .array(KPIVerdict.notSimulated(context.targets).map { .string($0.description) })
    }

    // MARK: One run

    /// `pools.<pool>.<kpi>` and `procedures.<name>.<kpi>` metrics nest under their group, in
    /// the order the groups first appear; other metrics stay at the top.
    static func nested(_ names: [String], _ values: [JSONValue]) -> (
        top: [(String, JSONValue)], groups: [(String, JSONValue)]
    ) {
        var top: [(String, JSONValue)] = []
        var groups: [(kind: String, members: [(String, [(String, JSONValue)])])] = []
        for (name, value) in zip(names, values) {
            let parts = name.split(separator: ".").map(String.init)
            guard parts.count == 3 else {
                top.append((name, value))
                continue
            }
            if !groups.contains(where: { $0.kind == parts[0] }) { groups.append((parts[0], [])) }
            let g = groups.firstIndex { $0.kind == parts[0] }!
            if !groups[g].members.contains(where: { $0.0 == parts[1] }) { groups[g].members.append((parts[1], [])) }
            let m = groups[g].members.firstIndex { $0.0 == parts[1] }!
            groups[g].members[m].1.append((parts[2], value))
        }
        return (top, groups.map { ($0.kind, .object($0.members.map { ($0.0, .object($0.1)) })) })
    }

    public static func json(
        _ result: ExperimentResult, scenario: Scenario, seed: UInt64, context: Context = Context()
    ) -> String {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)), ("seed", .number(Double(seed))),
            ("replications", .number(Double(result.replications.count))),
            ("as_of", .string(result.replications[0].asOf.iso8601)),
        ]
        let (top, groups) = nested(result.metricNames, result.estimates.map(estimateJSON))
        members += top
        members += groups
        if !groups.contains(where: { $0.0 == "pools" }) { members.append(("pools", .object([(String, JSONValue)]()))) }
        members.append(
            (
                "littles_law",
                .object([
                    ("mean_in_system", estimateJSON(Estimate(values: result.replications.map(\.littleL)))),
                    (
                        "arrival_rate_times_time_in_system",
                        estimateJSON(Estimate(values: result.replications.map(\.littleLambdaW)))
                    ),
                ])
            ))
        members.append(("events", .number(Double(result.replications.reduce(0) { $0 + $1.events }))))
        members.append(("loads", .object(result.loads.map { ($0.pool, loadJSON($0)) })))
        members.append(("warnings", .array(result.warnings.map { warningJSON($0, language: context.language) })))
        members.append(
            (
                "verdict",
                .array(result.verdicts(targets: context.targets).map { verdictJSON($0, language: context.language) })
            ))
        members.append(("not_simulated", notSimulatedJSON(context)))
        return JSONValue.object(members).text
    }

    public static func table(
        _ result: ExperimentResult, scenario: Scenario, seed: UInt64, context: Context = Context()
    ) -> String {
        let language = context.language
        var lines = [
            "\(word("scenario", language)): \(scenario.name)   \(word("replications", language)): \(result.replications.count)   \(word("seed", language)): \(seed)   \(word("as_of_first", language)): \(result.replications[0].asOf.iso8601)",
            "",
        ]
        var rows: [[String]] = [[word("kpi", language), word("mean", language), word("ci", language)]]
        for (name, e) in zip(result.metricNames, result.estimates) where !isBreakdown(name) {
            rows.append([Labels.simulationMetric(name, language), NumberText.figure(e.mean), interval(e)])
        }
        lines += kpiTable(rows)
        lines += breakdownTables(names: result.metricNames, context: context) { name in
            result.estimate(name).map { [NumberText.figure($0.mean)] }
        }
        lines += closingLines(
            warnings: result.warnings, verdicts: result.verdicts(targets: context.targets), context: context)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Breakdowns (`--by procedure|pool`)

    /// Metrics of a breakdown group (`procedures.x.on_time`, `by_pool.x.on_time`), shown in
    /// their own tables.
    static func isBreakdown(_ name: String) -> Bool {
        name.hasPrefix("procedures.") || name.hasPrefix("by_pool.")
    }

    /// One table per `--by` dimension: a row per procedure (or pool), a column per KPI.
    static func breakdownTables(names: [String], context: Context, cell: (String) -> [String]?) -> [String] {
        var lines: [String] = []
        for dimension in context.breakdowns {
            let prefix = dimension == "procedure" ? "procedures." : "by_pool."
            var groups: [String] = []
            var columns: [String] = []
            for name in names where name.hasPrefix(prefix) {
                let parts = name.split(separator: ".").map(String.init)
                guard parts.count == 3 else { continue }
                if !groups.contains(parts[1]) { groups.append(parts[1]) }
                if !columns.contains(parts[2]) { columns.append(parts[2]) }
            }
            guard !groups.isEmpty else { continue }
            let title = Labels.dimension(dimension == "procedure" ? .procedure : .field, context.language)
            lines += ["", "\(title) (\(dimension)):"]
            var rows: [[String]] = [[dimension] + columns.map { Labels.simulationMetric($0, context.language) }]
            for g in groups {
                rows.append([g] + columns.flatMap { cell("\(prefix)\(g).\($0)") ?? ["-"] })
            }
            lines += kpiTable(rows)
        }
        return lines
    }

    // MARK: Comparison

    public static func json(
        _ comparison: ScenarioComparison, a: String, b: String, seed: UInt64, context: Context = Context()
    ) -> String {
        let rows: [(String, JSONValue)] = comparison.rows.map { row in
            (
                row.name,
                .object([
                    ("a", estimateJSON(row.a)), ("b", estimateJSON(row.b)),
                    ("difference", estimateJSON(row.difference)),
                ])
            )
        }
        let language = context.language
        return JSONValue.object([
            ("a", .string(a)), ("b", .string(b)), ("seed", .number(Double(seed))),
            ("replications", .number(Double(comparison.replications))), ("kpis", .object(rows)),
            (
                "loads",
                .object([
                    ("a", .object(comparison.loadsA.map { ($0.pool, loadJSON($0)) })),
                    ("b", .object(comparison.loadsB.map { ($0.pool, loadJSON($0)) })),
                ])
            ),
            (
                "warnings",
                .object([
                    ("a", .array(comparison.warningsA.map { warningJSON($0, language: language) })),
                    ("b", .array(comparison.warningsB.map { warningJSON($0, language: language) })),
                ])
            ),
            (
                "verdict",
                .array(comparison.verdicts(targets: context.targets).map { verdictJSON($0, language: language) })
            ),
            ("not_simulated", notSimulatedJSON(context)),
        ]).text
    }

    public static func table(_ comparison: ScenarioComparison, a: String, b: String, context: Context = Context())
        -> String
    {
        let language = context.language
        var rows: [[String]] = [[word("kpi", language), "A", "B", "B - A", word("difference_ci", language)]]
        for row in comparison.rows where !isBreakdown(row.name) {
            rows.append([
                Labels.simulationMetric(row.name, language), NumberText.figure(row.a.mean),
                NumberText.figure(row.b.mean), NumberText.figure(row.difference.mean), interval(row.difference),
            ])
        }
        var lines =
            [
                "\(word("paired", language)), \(comparison.replications) \(word("replications_word", language)):",
                "  A = \(a)", "  B = \(b)", "",
            ] + kpiTable(rows)
        lines += breakdownTables(names: comparison.rows.map(\.name), context: context) { name in
            comparison.rows.first { $0.name == name }.map {
                [NumberText.figure($0.a.mean) + " → " + NumberText.figure($0.b.mean)]
            }
        }
        let warnings =
            comparison.warningsA.map { w -> StabilityWarning in w }.map { ("A", $0) }
            + comparison.warningsB.map { ("B", $0) }
        if !warnings.isEmpty {
            lines += ["", word("warnings", language) + ":"]
            lines += warnings.map { "  \($0.0): " + warningText($0.1, language: language) }
        }
        lines += closingLines(warnings: [], verdicts: comparison.verdicts(targets: context.targets), context: context)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stderr note of `--from-log`: how many dossiers are open, and which were skipped.
    public static func backlogNote(_ backlog: Backlog, file: String) -> String {
        var note = "tthc simulate: \(backlog.dossiers.count) dossiers open in \(file) at \(backlog.asOf.iso8601)"
        if !backlog.unmatched.isEmpty {
            let codes = backlog.unmatched.sorted { $0.value > $1.value }.prefix(5).map { "\($0.key) (\($0.value))" }
                .joined(separator: ", ")
            note +=
                "; skipped \(backlog.unmatched.values.reduce(0, +)) whose procedure code is not in the scenario: \(codes)"
        }
        return note + "\n"
    }
}
