import Simulation
import _TextSupport

/// `tthc simulate`'s results as a table and as JSON: one run of replications, or a paired
/// comparison of two scenarios.
public enum SimulationRenderer {
    /// `{"mean": ..., "half_width": ..., "ci95": [lower, upper], "replications": n}`.
    public static func estimateJSON(_ e: Estimate) -> JSONValue {
        .object([
            ("mean", .number(e.mean)), ("half_width", .number(e.halfWidth)),
            ("ci95", .array([.number(e.lower), .number(e.upper)])), ("replications", .number(Double(e.count))),
        ])
    }

    /// `[lower, upper]` of a 95% interval, `-` when it has no width (one replication).
    static func interval(_ e: Estimate, _ language: Language = .en) -> String {
        guard e.halfWidth.isFinite else { return "-" }
        // Vietnamese writes the decimal comma, so its bounds are apart by a semicolon.
        let n = { (x: Double) in Labels.number(NumberText.figure(x), language) }
        return "[" + n(e.lower) + (language == .vi ? "; " : ", ") + n(e.upper) + "]"
    }

    /// A KPI table: the name column left-aligned, the figures right-aligned.
    static func kpiTable(_ rows: [[String]]) -> [String] {
        TextColumns.lines(rows, rightAligned: { $0 > 0 })
    }

    public static func json(_ result: ExperimentResult, scenario: Scenario, seed: UInt64) -> String {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)), ("seed", .number(Double(seed))),
            ("replications", .number(Double(result.replications.count))),
            ("as_of", .string(result.replications[0].asOf.iso8601)),
        ]
        // `pools.<pool>.<kpi>` metrics nest under "pools", in the order the pools first appear.
        var pools: [String: [(String, JSONValue)]] = [:]
        var poolOrder: [String] = []
        for (name, e) in zip(result.metricNames, result.estimates) {
            if name.hasPrefix("pools.") {
                let parts = name.split(separator: ".")
                let pool = String(parts[1])
                if pools[pool] == nil { poolOrder.append(pool) }
                pools[pool, default: []].append((String(parts[2]), estimateJSON(e)))
            } else {
                members.append((name, estimateJSON(e)))
            }
        }
        members.append(("pools", .object(poolOrder.map { ($0, .object(pools[$0]!)) })))
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
        return JSONValue.object(members).text
    }

    /// A metric's name in a table: as the JSON names it in English, in words in Vietnamese.
    static func metricName(_ name: String, _ language: Language) -> String {
        language == .vi ? DocumentWords(.vi).simulationMetric(name) : name
    }

    public static func table(
        _ result: ExperimentResult, scenario: Scenario, seed: UInt64, language: Language = .en
    ) -> String {
        let asOf = result.replications[0].asOf
        var lines = [
            Labels.phrase(
                "simulate_line", language,
                [
                    "scenario": scenario.name, "replications": String(result.replications.count), "seed": String(seed),
                    "asOf": language == .vi ? DocumentText.timestamp(asOf, .vi) : asOf.iso8601,
                ]), "",
        ]
        var rows: [[String]] = [
            [Labels.phrase("simulate_kpi", language), Labels.phrase("simulate_mean", language), "95% CI"]
        ]
        for (name, e) in zip(result.metricNames, result.estimates) {
            rows.append([
                metricName(name, language), Labels.number(NumberText.figure(e.mean), language),
                interval(e, language),
            ])
        }
        lines += kpiTable(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ comparison: ScenarioComparison, a: Scenario, b: Scenario, seed: UInt64) -> String {
        let rows: [(String, JSONValue)] = comparison.rows.map { row in
            (
                row.name,
                .object([
                    ("a", estimateJSON(row.a)), ("b", estimateJSON(row.b)),
                    ("difference", estimateJSON(row.difference)),
                ])
            )
        }
        return JSONValue.object([
            ("a", .string(a.name)), ("b", .string(b.name)), ("seed", .number(Double(seed))),
            ("replications", .number(Double(comparison.replications))), ("kpis", .object(rows)),
        ]).text
    }

    public static func table(
        _ comparison: ScenarioComparison, a: Scenario, b: Scenario, language: Language = .en
    ) -> String {
        let n = { (x: Double) in Labels.number(NumberText.figure(x), language) }
        var rows: [[String]] = [
            [
                Labels.phrase("simulate_kpi", language), "A", "B", "B - A",
                Labels.phrase("simulate_ci_difference", language),
            ]
        ]
        for row in comparison.rows {
            rows.append([
                metricName(row.name, language), n(row.a.mean), n(row.b.mean), n(row.difference.mean),
                interval(row.difference, language),
            ])
        }
        let lines =
            [
                Labels.phrase(
                    "simulate_compare_line", language,
                    ["replications": String(comparison.replications), "a": a.name, "b": b.name]), "",
            ] + kpiTable(rows)
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
