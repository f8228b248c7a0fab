/// PLACEHOLDER: `tthc due`, to be implemented by its owner.
enum DueCommand: Subcommand {
    static let spec = CommandSpec(
        name: "due", summary: "Compute a due time", usage: "tthc due [options]", options: [], examples: ["tthc due --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc due: not implemented yet")
    }
}
