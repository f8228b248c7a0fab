/// PLACEHOLDER: `tthc simulate`, to be implemented by its owner.
enum SimulateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "simulate", summary: "Simulate a service center", usage: "tthc simulate [options]", options: [], examples: ["tthc simulate --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc simulate: not implemented yet")
    }
}
