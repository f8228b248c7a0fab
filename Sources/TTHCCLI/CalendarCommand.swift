/// PLACEHOLDER: `tthc calendar`, to be implemented by its owner.
enum CalendarCommand: Subcommand {
    static let spec = CommandSpec(
        name: "calendar", summary: "Working calendar and lunar dates", usage: "tthc calendar [options]", options: [], examples: ["tthc calendar --help"])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw UsageError("tthc calendar: not implemented yet")
    }
}
