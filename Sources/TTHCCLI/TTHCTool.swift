import _TextSupport

/// A subcommand of `tthc`.
protocol Subcommand: SendableMetatype {
    static var spec: CommandSpec { get }
    /// Runs with the arguments after the subcommand name; returns the exit status.
    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32
}

/// The `tthc` command line: picks the subcommand, maps errors to exit codes.
/// Exit codes: 0 success, 1 a checked target was missed, 2 usage or input error.
public enum TTHCTool {
    static let subcommands: [any Subcommand.Type] = [
        ReportCommand.self, PeriodCommand.self, CheckCommand.self, TodayCommand.self, ScoreCommand.self,
        CalendarCommand.self, DueCommand.self, AuditCommand.self,
        SimulateCommand.self, CalibrateCommand.self, GenerateCommand.self, StepsCommand.self, ExportCommand.self,
    ]

    public static var helpText: String {
        var lines = [
            "tthc: KPIs of Vietnam's one-stop administrative-procedure (TTHC) dossier logs.", "",
            "Usage: tthc <command> [options]", "       tthc --version", "", "Commands:",
        ]
        let width = subcommands.map { $0.spec.name.count }.max() ?? 0
        for command in subcommands {
            let name = command.spec.name
            lines.append("  " + name + String(repeating: " ", count: width - name.count + 2) + command.spec.summary)
        }
        lines += [
            "", "Run 'tthc <command> --help' for the options of a command.", "", "Examples:",
            "  tthc report Datasets/sample/dossiers.csv --by agency",
            "  tthc check Datasets/sample/dossiers.csv --profile hanoi-commune-2026",
            "  tthc due --received 2026-02-13T16:30 --deadline 3d",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `tthc` with `arguments` (without the program name).
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.err(helpText)
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            console.out(helpText)
            return 0
        }
        if first == "--version" {
            console.out(Version.text + "\n")
            return 0
        }
        guard let command = subcommands.first(where: { $0.spec.name == first }) else {
            let names = subcommands.map { $0.spec.name }
            let hint = Suggestion.didYouMean(first, among: names)
            console.err(
                "tthc: unknown command '\(first)'\(hint); expected one of: \(names.joined(separator: ", "))"
                    .escapingControlCharacters + "\n")
            return 2
        }
        // A progress line left on the terminal is erased however the command ends.
        defer { console.endProgress() }
        do {
            let parsed = try command.spec.parse(Array(arguments.dropFirst()))
            if parsed.helpRequested {
                console.out(command.spec.helpText)
                return 0
            }
            return try command.run(parsed, console: console)
        } catch let error as UsageError {
            // Error text is one visible line, whatever bytes the input or the arguments held.
            console.err(error.message.escapingControlCharacters + "\n")
            return 2
        } catch {
            console.err("tthc \(command.spec.name): \(error)".escapingControlCharacters + "\n")
            return 2
        }
    }
}
