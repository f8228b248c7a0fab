/// PLACEHOLDER: `tthc calibrate`, to be implemented by its owner.
enum CalibrateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "calibrate", summary: "Calibrate a scenario from a log", usage: "tthc calibrate [options]", options: [], examples: ["tthc calibrate --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc calibrate: not implemented yet")
    }
}
