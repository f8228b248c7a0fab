/// PLACEHOLDER: `tthc report`, to be implemented by its owner.
enum ReportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "report", summary: "KPIs of dossier logs", usage: "tthc report [options]", options: [], examples: ["tthc report --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc report: not implemented yet")
    }
}
