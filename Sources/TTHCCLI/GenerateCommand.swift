/// PLACEHOLDER: `tthc generate`, to be implemented by its owner.
enum GenerateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "generate", summary: "Generate a synthetic dossier log", usage: "tthc generate [options]", options: [], examples: ["tthc generate --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc generate: not implemented yet")
    }
}
