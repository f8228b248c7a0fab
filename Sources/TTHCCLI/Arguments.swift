import _TextSupport

/// A mistake in how a command was called: reported on one line, exit code 2.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One option a subcommand accepts.
public struct OptionSpec: Sendable {
    public var name: String
    /// Placeholder for the value (`FILE`, `N`), nil for a flag.
    public var valueName: String?
    public var help: String
    public var repeatable: Bool

    public init(_ name: String, value: String? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
    }
}

/// A subcommand's description, used for parsing and for `--help`.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    public var usage: String
    public var options: [OptionSpec]
    public var examples: [String]
    public var notes: [String]

    public init(
        name: String, summary: String, usage: String, options: [OptionSpec], examples: [String],
        notes: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.examples = examples
        self.notes = notes
    }

    public var helpText: String {
        var lines = ["tthc \(name): \(summary)", "", "Usage: \(usage)", "", "Options:"]
        let width = options.map { optionLabel($0).count }.max() ?? 0
        for option in options {
            let label = optionLabel(option)
            lines.append("  " + label + String(repeating: " ", count: width - label.count + 2) + option.help)
        }
        lines.append("  " + "-h, --help" + String(repeating: " ", count: max(2, width - 10 + 2)) + "Show this help.")
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes)
        }
        lines.append("")
        lines.append("Examples:")
        lines.append(contentsOf: examples.map { "  " + $0 })
        return lines.joined(separator: "\n") + "\n"
    }

    private func optionLabel(_ option: OptionSpec) -> String {
        option.valueName.map { "\(option.name) \($0)" } ?? option.name
    }

    /// Splits `arguments` (without the subcommand name) into options and positionals.
    /// `--name value`, `--name=value` and flags; `--` ends options; `-` is a positional (stdin).
    public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments(command: name)
        parsed.given = arguments
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || arg == "-" || !arg.hasPrefix("-") {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" {
                optionsEnded = true
                continue
            }
            if arg == "-h" || arg == "--help" {
                parsed.helpRequested = true
                continue
            }
            var name = arg
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let known = options.map(\.name)
                let hint = Suggestion.didYouMean(name, among: known + ["--help"])
                throw UsageError(
                    "tthc \(self.name): unknown option '\(name)'\(hint); expected one of: \(known.joined(separator: ", ")), --help"
                )
            }
            if let valueName = spec.valueName {
                let value: String
                if let inline = inlineValue {
                    value = inline
                } else {
                    guard i < arguments.count else {
                        throw UsageError("tthc \(self.name): option \(name) expects a value \(valueName)")
                    }
                    value = arguments[i]
                    i += 1
                }
                if !spec.repeatable, parsed.values[name] != nil {
                    throw UsageError("tthc \(self.name): option \(name) given twice; expected it once")
                }
                parsed.values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else {
                    throw UsageError("tthc \(self.name): option \(name) is a flag and takes no value")
                }
                parsed.flags.insert(name)
            }
        }
        return parsed
    }
}

/// The result of parsing: typed accessors throw a one-line `UsageError` naming what was expected.
public struct ParsedArguments: Sendable {
    public var command: String
    /// The arguments as given (after the subcommand name), for the command line a document names.
    public var given: [String] = []
    public var positionals: [String] = []
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var helpRequested = false

    public init(command: String) { self.command = command }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    public func string(_ name: String) -> String? { values[name]?.last }

    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    public func int(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(
                "tthc \(command): \(name) expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'"
            )
        }
        return value
    }

    public func double(_ name: String) throws(UsageError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw UsageError("tthc \(command): \(name) expects a number, got '\(text)'")
        }
        return value
    }

    public func choice(_ name: String, _ allowed: [String]) throws(UsageError) -> String? {
        guard let text = string(name) else { return nil }
        guard allowed.contains(text) else {
            throw UsageError(
                "tthc \(command): \(name) expects one of \(allowed.joined(separator: "|")), got '\(text)'"
                    + Suggestion.didYouMean(text, among: allowed))
        }
        return text
    }
}
