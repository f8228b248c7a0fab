import Engine
import Simulation
import _TextSupport

/// `tthc calibrate`'s outputs: the calibrated scenario file and the reproduction check.
public enum CalibrationRenderer {
    /// The scenario file: a comment naming the logs, then the scenario JSON.
    public static func scenarioFile(_ summary: Calibration.Summary, files: [String]) -> String {
        "// Calibrated by tthc calibrate from \(files.joined(separator: ", ")).\n" + summary.scenario.text
    }

    /// The check as JSON; `scenario` names the written file.
    public static func json(_ check: CalibrationCheck, scenario: String) -> String {
        let kpis: [(String, JSONValue)] = check.rows.map { row in
            (
                row.name,
                .object([
                    ("log", .number(row.log)), ("simulated", SimulationRenderer.estimateJSON(row.simulated)),
                    ("log_within_ci", .bool(row.logWithinInterval)),
                ])
            )
        }
        return JSONValue.object([
            ("scenario", .string(scenario)), ("as_of", .string(check.asOf.iso8601)),
            ("replications", .number(Double(check.replications))), ("kpis", .object(kpis)),
        ]).text
    }

    public static func table(_ check: CalibrationCheck, language: Language = .en) -> String {
        let w = { (key: String) in Labels.phrase(key, language) }
        let n = { (x: Double) in Labels.number(NumberText.figure(x), language) }
        var rows: [[String]] = [
            [w("simulate_kpi"), w("calibrate_log"), w("calibrate_simulated"), "95% CI", w("calibrate_in_ci")]
        ]
        for row in check.rows {
            rows.append([
                SimulationRenderer.metricName(row.name, language), n(row.log), n(row.simulated.mean),
                SimulationRenderer.interval(row.simulated, language),
                w(row.logWithinInterval ? "today_yes" : "calibrate_no"),
            ])
        }
        let asOf = language == .vi ? DocumentText.timestamp(check.asOf, .vi) : check.asOf.iso8601
        let lines =
            [
                Labels.phrase(
                    "calibrate_line", language, ["replications": String(check.replications), "asOf": asOf]), "",
            ] + SimulationRenderer.kpiTable(rows)
        return lines.joined(separator: "\n") + "\n"
    }
}
