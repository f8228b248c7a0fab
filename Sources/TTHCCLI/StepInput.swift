import Engine
import Ingest
import _TextSupport

/// `tthc report --steps`: the report's figures from step logs, with what the join left out
/// said on standard error.
enum StepInput {
    static func report(_ arguments: ParsedArguments, files: [String], options: ReportOptions, console: Console)
        throws -> ReportResult
    {
        let stepOptions = try StepOptions.stepLogOptions(arguments, scan: options.scan)
        var dossierOptions = options
        // The dossier table is read as a table, with its own rejects file left to the steps.
        dossierOptions.scan.rejectsPath = nil
        let (result, summary) = try StepReport.run(
            steps: files, dossiers: arguments.strings("--dossiers"), options: dossierOptions, stepOptions: stepOptions)
        for line in notes(summary, command: arguments.command) { console.err(line + "\n") }
        return result
    }

    /// What the fold and the join left out, one line each, named by the command as every
    /// other stderr line is.
    static func notes(_ summary: StepReportSummary, command: String) -> [String] {
        var lines: [String] = []
        let steps = summary.steps
        let n = NumberText.grouped
        lines.append(
            "tthc \(command): \(n(steps.steps)) steps of \(n(steps.dossiers)) dossiers folded"
                + (steps.input.rejected > 0 ? ", \(n(steps.input.rejected)) invalid rows skipped" : "")
                + (steps.contradictory > 0 ? ", \(n(steps.contradictory)) contradictory dossiers skipped" : ""))
        if summary.rowsWithoutSteps > 0 {
            lines.append(
                "tthc \(command): warning: \(n(summary.rowsWithoutSteps)) dossier rows have no steps and are left out")
        }
        if summary.stepsWithoutRow > 0 {
            lines.append(
                "tthc \(command): warning: \(n(summary.stepsWithoutRow)) dossiers with steps have no row in --dossiers "
                    + "and are left out")
        }
        return lines
    }
}
