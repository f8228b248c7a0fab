import Engine
import Output

/// `tthc steps`: step logs. On this branch only its `--reconcile` mode (`StepsReconcile`); the
/// figures of where the time goes come with the command's other modes.
enum StepsCommand: Subcommand {
    static let spec = CommandSpec(
        name: "steps", summary: "Step logs (QuaTrinhXuLy): where a dossier table and its steps disagree",
        usage: "tthc steps --reconcile DOSSIERS STEPS... [--format table|json|csv] [-o FILE] [options]",
        options: [OptionSpec("--format", value: "FMT", help: "table (default), json, csv or csv-excel."), CSVOption.excelSpec]
            + StepsReconcile.specs + OutputDestination.specs + EngineOptions.specs,
        examples: ["tthc steps --reconcile Datasets/sample/dossiers.csv Datasets/sample/steps.csv"],
        notes: ["Exit status: 0 they agree, 1 they disagree somewhere, 2 usage or input error."])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard !arguments.strings("--reconcile").isEmpty else {
            throw UsageError("tthc steps: expected --reconcile DOSSIERS (the other modes are not on this branch)")
        }
        return try StepsReconcile.run(arguments, console: console)
    }
}
