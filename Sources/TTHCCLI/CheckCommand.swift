/// PLACEHOLDER: `tthc check`, to be implemented by its owner.
enum CheckCommand: Subcommand {
    static let spec = CommandSpec(
        name: "check", summary: "Check KPIs against targets", usage: "tthc check [options]", options: [], examples: ["tthc check --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc check: not implemented yet")
    }
}
