import Engine
import Output

/// `tthc steps --reconcile DOSSIERS STEPS...`: where a dossier table and its step log disagree.
/// A mode of `tthc steps`, kept in its own file: the steps command hands over to it when
/// `--reconcile` is given.
enum StepsReconcile {
    static let reconcileSpec = OptionSpec(
        "--reconcile", value: "DOSSIERS", repeatable: true,
        help: "List where this dossier table and the step logs disagree: dossier, field, the two values.")
    static let specs = [reconcileSpec] + StepOptions.specs

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let dossiers = arguments.strings("--reconcile")
        let steps = arguments.positionals
        guard !steps.isEmpty else {
            throw UsageError(
                "tthc steps: --reconcile DOSSIERS expects the step logs after it, e.g. tthc steps --reconcile dossiers.csv steps.csv")
        }
        let (format, csvStyle) = try CSVOption.format(arguments, ["table", "json", "csv", "csv-excel"])
        let destination = try OutputDestination(arguments, format: format)
        let options = try EngineOptions.reportOptions(arguments)
        let stepOptions = try StepOptions.stepLogOptions(arguments, scan: options.scan)
        var tableScan = options.scan
        tableScan.rejectsPath = nil
        let result = try StepReconciliation.run(
            dossiers: dossiers, steps: steps, scan: tableScan, stepOptions: stepOptions)
        switch format {
        case "json": try destination.write(ReconcileRenderer.json(result), console: console)
        case "csv": try destination.write(ReconcileRenderer.csv(result, style: csvStyle), console: console)
        default: try destination.write(ReconcileRenderer.table(result), console: console)
        }
        // Like `check`: 1 when they disagree, so a script can tell.
        return result.disagreements.isEmpty ? 0 : 1
    }
}
