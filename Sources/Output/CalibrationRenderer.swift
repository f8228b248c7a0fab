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

    public static func table(_ check: CalibrationCheck) -> String {
        var rows: [[String]] = [["KPI", "log", "simulated", "95% CI", "log in CI"]]
        for row in check.rows {
            rows.append([
                row.name, NumberText.figure(row.log), NumberText.figure(row.simulated.mean),
                "[\(NumberText.figure(row.simulated.lower)), \(NumberText.figure(row.simulated.upper))]",
                row.logWithinInterval ? "yes" : "no",
            ])
        }
        let lines =
            [
                "Reproduction of the log by the calibrated scenario, \(check.replications) replications, as of \(check.asOf.iso8601):",
                "",
            ] + SimulationRenderer.kpiTable(rows)
        return lines.joined(separator: "\n") + "\n"
    }
}
