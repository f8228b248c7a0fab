/// PLACEHOLDER: `tthc audit`, to be implemented by its owner.
enum AuditCommand: Subcommand {
    static let spec = CommandSpec(
        name: "audit", summary: "Audit due dates against the law", usage: "tthc audit [options]", options: [], examples: ["tthc audit --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc audit: not implemented yet")
    }
}
