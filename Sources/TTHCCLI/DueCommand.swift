import CivilTime
import Ingest
import Metrics
import Output
import Records
import WorkingTime

/// `tthc due`: the legal due time of one dossier, with how it was reached.
enum DueCommand: Subcommand {
    static let spec = CommandSpec(
        name: "due", summary: "Compute the legal due time of a dossier",
        usage: "tthc due --received TIME (--deadline 3d|4h|today | --catalog FILE --procedure CODE) [options]",
        options: [
            OptionSpec(
                "--received", value: "TIME",
                help:
                    "When the dossier was received (Vietnam time): 2026-02-13T16:30, 20260213163000, 13/02/2026 16:30."),
            OptionSpec(
                "--deadline", value: "SPEC",
                help: "Legal deadline: Nd working days, Nh working hours, or 'today' (within the day)."),
            OptionSpec(
                "--catalog", value: "FILE",
                help: "Procedure catalog CSV (MaTTHC, ThoiHanGiaiQuyet, DonViThoiGian, GioNhanSau ...)."),
            OptionSpec(
                "--procedure", value: "CODE",
                help: "Procedure code (MaTTHC) to look up in --catalog for the deadline and cut-off."),
            OptionSpec(
                "--pause", value: "START/END", repeatable: true,
                help: "A clock stop (supplement request ... supplement received); repeatable."),
            CalendarOption.spec(),
            OptionSpec(
                "--due-mode", value: "MODE",
                help: "exact (default: exact working-time addition) or end-of-day (end of the last working day)."),
            OptionSpec("--format", value: "FORMAT", help: "text (default) or json."), LanguageOption.spec,
        ],
        examples: [
            "tthc due --received 2026-02-13T16:30 --deadline 3d",
            "tthc due --received 2026-03-02T15:30 --catalog Datasets/catalog/commune-procedures.csv --procedure 1.001193",
            "tthc due --received 2026-08-26T09:00 --deadline 5d --pause 2026-08-27T15:00/2026-09-03T10:00 --format json",
            "tthc due --received 2026-03-02T10:00 --deadline 4h --calendar Datasets/calendars/example-overlay.csv",
        ],
        notes: [
            "The clock starts at the first working instant at or after the received time; N working days are N times",
            "the working seconds of a day; a due at the end of an office interval stays there (17:00, not 08:00).",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let receivedText = arguments.string("--received") else {
            throw UsageError("tthc due: --received TIME is required (for example 2026-02-13T16:30)")
        }
        guard let received = TimestampParser.parse(receivedText) else {
            throw UsageError("tthc due: --received expects a time such as 2026-02-13T16:30, got '\(receivedText)'")
        }
        guard WorkCalendar.covers(received) else {
            throw UsageError("tthc due: --received \(receivedText) is \(WorkCalendar.outsideText)")
        }
        let format = try arguments.choice("--format", ["text", "json"]) ?? "text"
        let mode = DueMode(rawValue: try arguments.choice("--due-mode", ["exact", "end-of-day"]) ?? "exact")!
        let calendar = try CalendarOption.calendar(arguments)

        var deadline: Deadline? = nil
        var cutoff: Int? = nil
        if let code = arguments.string("--procedure") {
            guard let path = arguments.string("--catalog") else {
                throw UsageError("tthc due: --procedure needs --catalog FILE")
            }
            let catalog = try CatalogReader.read(contentsOfFile: path)
            guard let entry = catalog[code] else {
                throw UsageError("tthc due: procedure '\(code)' is not in \(path)")
            }
            deadline = entry.deadline
            cutoff = entry.afternoonCutoff
        }
        if let text = arguments.string("--deadline") {
            guard let parsed = parseDeadline(text) else {
                throw UsageError(
                    "tthc due: --deadline expects Nd (working days), Nh (working hours) or today, got '\(text)'")
            }
            deadline = parsed
        }
        guard let deadline else {
            throw UsageError("tthc due: give --deadline (3d, 4h, today) or --catalog FILE --procedure CODE")
        }
        var pauses: [PauseInterval] = []
        for text in arguments.strings("--pause") {
            // Dates written dd/MM/yyyy contain slashes too: split on the slash between two times.
            guard let pause = splitPause(text), pause.end > pause.start else {
                throw UsageError(
                    "tthc due: --pause expects START/END with END after START (2026-08-27T15:00/2026-09-03T10:00), got '\(text)'"
                )
            }
            guard WorkCalendar.covers(pause.start), WorkCalendar.covers(pause.end) else {
                throw UsageError("tthc due: --pause \(text) is \(WorkCalendar.outsideText)")
            }
            pauses.append(PauseInterval(start: pause.start, end: pause.end))
        }

        // Overlapping pauses count once, by the classifier's one rule.
        let paused = DossierClassifier(calendar: calendar).pausedWorkingSeconds(&pauses, from: received, limit: nil)
            .closed
        let explanation = DueExplanation(
            received: received, deadline: deadline, afternoonCutoff: cutoff, mode: mode, pausedWorkingSeconds: paused,
            calendar: calendar)
        // Past the tables the clock would clamp, not count: a due there is an error, not an answer.
        guard WorkCalendar.covers(explanation.due), explanation.due >= received else {
            throw UsageError(
                "tthc due: the due time falls after 2100-12-31, where the calendar ends; no due can be computed for \(receivedText) with this deadline"
            )
        }
        let language = try LanguageOption.terminal(arguments)
        console.out(
            format == "json" ? DueRenderer.json(explanation) : DueRenderer.text(explanation, language: language))
        return 0
    }

    static func parseDeadline(_ text: String) -> Deadline? {
        let t = text.lowercased()
        if t == "today" || t == "same-day" || t == "sameday" { return .sameDay }
        guard let unit = t.last, let n = Int(t.dropLast()), n > 0, n <= 3650 else { return nil }
        switch unit {
        case "d": return .workingDays(n)
        case "h": return .workingHours(n)
        default: return nil
        }
    }

    /// Splits `START/END` where either side may itself be `dd/MM/yyyy HH:mm`.
    static func splitPause(_ text: String) -> (start: Timestamp, end: Timestamp)? {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "/" {
            let left = String(chars[..<i]), right = String(chars[(i + 1)...])
            if let a = TimestampParser.parse(left), let b = TimestampParser.parse(right) { return (a, b) }
        }
        return nil
    }
}
