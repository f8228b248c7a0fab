/// PLACEHOLDER: `tthc today`, to be implemented by its owner.
enum TodayCommand: Subcommand {
    static let spec = CommandSpec(
        name: "today", summary: "What needs action today", usage: "tthc today [options]", options: [], examples: ["tthc today --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc today: not implemented yet")
    }
}
