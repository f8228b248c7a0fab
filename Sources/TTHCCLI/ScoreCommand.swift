/// PLACEHOLDER: `tthc score`, to be implemented by its owner.
enum ScoreCommand: Subcommand {
    static let spec = CommandSpec(
        name: "score", summary: "Estimate the 766 index", usage: "tthc score [options]", options: [], examples: ["tthc score --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc score: not implemented yet")
    }
}
