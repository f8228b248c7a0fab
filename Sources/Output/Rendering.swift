import CivilTime
import Engine
import Ingest
import Metrics
import Targets
import _TextSupport

/// What a run looked at, printed at the top of every output.
public struct RunContext: Sendable {
    public var asOf: Timestamp
    public var period: ReportingPeriod?
    public var from: CivilDate?
    public var to: CivilDate?
    public var profile: TargetProfile?
    /// `--basis period`: the figures are the period table's (finished in the period, in progress
    /// at its end); nil for the default, dossiers received in the selection.
    public var basis: String?
    /// The engine's input summary (`records`, `rejected`, `files`...), passed through to JSON.
    public var input: [(String, JSONValue)]
    /// `input: 5,000 records, 0 rejected, ...` for tables.
    public var inputLine: String?
    /// The summary behind `inputLine`, so each language writes its own.
    var inputSummary: (summary: InputSummary, outside: Int, stepRows: Bool)?

    public init(
        asOf: Timestamp, period: ReportingPeriod? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
        profile: TargetProfile? = nil, input: [(String, JSONValue)] = []
    ) {
        self.asOf = asOf
        self.period = period
        self.from = from
        self.to = to
        self.profile = profile
        self.input = input
    }

    /// The lines every table output starts with: the scope, the input, the profile.
    func headerLines(_ language: Language = .en) -> [String] {
        let vi = language == .vi
        func time(_ t: Timestamp) -> String { vi ? DocumentText.timestamp(t, .vi) : t.iso8601 }
        func date(_ d: CivilDate?) -> String { d.map { vi ? DocumentText.date($0, .vi) : $0.description } ?? "..." }
        var lines: [String] = []
        var scope = Labels.phrase("header_as_of", language, ["time": time(asOf)])
        if let period {
            scope += Labels.phrase(
                "header_period", language,
                [
                    "period": vi
                        ? DocumentWords(.vi).periodName(period) + " (" + date(period.firstDay) + " - "
                            + date(period.lastDay) + ")" : period.rangeText
                ])
        }
        if let basis { scope += Labels.phrase("header_basis", language, ["basis": basis]) }
        if from != nil || to != nil {
            scope += Labels.phrase("header_received", language, ["from": date(from), "to": date(to)])
        }
        lines.append(scope)
        if let input = inputSummary {
            lines.append(
                RunContext.inputLine(
                    input.summary, outsideSelection: input.outside, stepRows: input.stepRows, language))
        } else if let inputLine {
            lines.append(inputLine)
        }
        if let profile {
            lines.append(Labels.phrase("header_profile", language, ["name": profile.name, "title": profile.title]))
            lines.append("  " + Labels.phrase("header_source", language, ["source": profile.source]))
        }
        return lines
    }

    /// `input: 5,000 records, 0 rejected, 0 duplicate ids[, 12 outside the selection]`; for a
    /// step log `input: 14,515 step rows, 0 rejected`: its ids repeat by design, one row a step.
    static func inputLine(_ input: InputSummary, outsideSelection: Int, stepRows: Bool = false, _ language: Language)
        -> String
    {
        var line =
            stepRows
            ? Labels.phrase(
                "header_input_steps", language,
                ["rows": Labels.grouped(input.records, language), "rejected": Labels.grouped(input.rejected, language)])
            : Labels.phrase(
                "header_input", language,
                [
                    "records": Labels.counted(input.records, .record, language),
                    "rejected": Labels.grouped(input.rejected, language),
                    "duplicates": Labels.grouped(input.duplicates, language),
                ])
        if outsideSelection > 0 {
            line += Labels.phrase("header_outside", language, ["n": Labels.grouped(outsideSelection, language)])
        }
        if input.afterAsOf > 0 {
            line += ", " + Labels.grouped(input.afterAsOf, language) + " " + Labels.phrase("after_as_of", language)
        }
        return line
    }

    var json: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("as_of", .string(asOf.iso8601))]
        if let period {
            members.append(
                (
                    "period",
                    .object([
                        ("name", .string(period.description)), ("first_day", .string(period.firstDay.description)),
                        ("last_day", .string(period.lastDay.description)),
                    ])
                ))
        }
        if let basis { members.append(("basis", .string(basis))) }
        if let from { members.append(("from", .string(from.description))) }
        if let to { members.append(("to", .string(to.description))) }
        if let profile {
            members.append(
                (
                    "profile",
                    .object([
                        ("name", .string(profile.name)), ("title", .string(profile.title)),
                        ("source", .string(profile.source)),
                    ])
                ))
        }
        return members
    }
}

extension TargetEvaluation {
    /// `{"status": ..., "value": 97.56, "numerator": 4000, "denominator": 4100, "gap": 59, ...}`.
    var jsonMembers: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("status", .string(status.rawValue))]
        if let d = denominator {
            members.append(("value", measured.map { .decimal($0) } ?? .null))
            members.append(("numerator", .int(value)))
            members.append(("denominator", .int(d)))
        } else {
            members.append(("value", .int(value)))
        }
        switch gap {
        case .dossiers(let k)?:
            members.append(("gap", .int(k)))
        case .impossible?:
            members.append(("gap", .string("impossible")))
        case nil:
            break
        }
        if let sentence = gapSentence { members.append(("gap_text", .string(sentence))) }
        return members
    }

}

extension TargetCheck {
    /// The verdict for a terminal, in `language`; `style` colours met and missed targets.
    /// Procedures are listed with their names (`procedureNames`) when any is known.
    public func table(
        context: RunContext, language: Language = .en, style: TerminalStyle = .plain,
        procedureNames: ProcedureNames = ProcedureNames()
    ) -> String {
        let w = { (key: String) in Labels.phrase(key, language) }
        let vi = language == .vi
        var out = ""
        let verdict: String
        if results.isEmpty {
            verdict = w("check_none")
        } else if allMet {
            verdict = style.good(
                results.count == 1 && !vi
                    ? "1 target met"
                    : Labels.phrase("check_all_met", language, ["n": Labels.grouped(results.count, language)]))
        } else {
            verdict = style.bad(
                Labels.phrase(
                    "check_missed", language,
                    ["m": Labels.grouped(missedCount, language), "n": Labels.counted(results.count, .target, language)])
            )
        }
        out += "tthc check: \(verdict)\n"
        out += context.headerLines(language).map { $0 + "\n" }.joined()
        /// A header in the table's language: English keeps its lowercase names, Vietnamese words.
        func header(_ key: String) -> String { vi ? w("check_col_" + key) : key }
        func dimensionHeader(_ name: String) -> String {
            vi ? (GroupDimension(rawValue: name).map { Labels.dimension($0, .vi) } ?? name) : name
        }
        func target(_ t: Target) -> String { Labels.number(t.displayText, language) }
        if !results.isEmpty {
            out += "\n"
            var table = TextTable(["status", "target", "value", "of", "gap"].map(header))
            for r in results {
                let status: String
                switch r.total.status {
                case .met: status = w(r.missedGroups.isEmpty ? "check_met" : "check_met_star")
                case .missed: status = w("check_missed_status")
                case .noData: status = w("check_no_data")
                }
                table.add([
                    status, target(r.target), r.total.measuredText(language), r.total.fractionText(language),
                    r.total.gapSentence(language) ?? "",
                ])
            }
            out += table.render { row, column, text in
                guard column == 0 else { return text }
                switch self.results[row].total.status {
                case .met: return self.results[row].missedGroups.isEmpty ? style.good(text) : style.warning(text)
                case .missed: return style.bad(text)
                case .noData: return text
                }
            }
            if results.contains(where: { $0.total.status == .met && !$0.missedGroups.isEmpty }) {
                out += "  " + w("check_star_note") + "\n"
            }
        }
        for r in results where !r.contributors.isEmpty {
            let raise: Bool
            if case .dossiers(let k)? = r.total.gap { raise = k > 0 } else { raise = true }
            for (dimension, ranked) in r.contributors where !ranked.isEmpty {
                let who: String
                switch dimension {
                case "agency": who = w("check_units")
                case "procedure": who = w("check_procedures")
                default: who = dimensionHeader(dimension)
                }
                out +=
                    "\n" + Labels.phrase("check_contributing", language, ["target": target(r.target), "who": who])
                    + "\n"
                var wrong = GapWording.wrongSideName(r.target, raise: raise, language)
                if vi { wrong = wrong.prefix(1).uppercased() + wrong.dropFirst() }
                let named =
                    dimension == "procedure"
                    && ranked.contains { procedureNames[$0.key.joined(separator: " / ")] != nil }
                var table = TextTable(
                    [dimensionHeader(dimension)] + (named ? [vi ? "Tên thủ tục" : "procedure name"] : [])
                        + [header("value"), header("of"), wrong, header("needed")])
                for c in ranked {
                    let key = c.key.joined(separator: " / ")
                    let needed: String
                    switch c.evaluation.gap {
                    case .dossiers(let k)?: needed = Labels.grouped(abs(k), language)
                    default: needed = w("impossible")
                    }
                    table.add(
                        [key] + (named ? [procedureNames[key] ?? ""] : []) + [
                            c.evaluation.measuredText(language), c.evaluation.fractionText(language),
                            Labels.grouped(c.wrongSide, language), needed,
                        ])
                }
                out += table.render()
            }
        }
        let groupMisses = results.filter { !$0.missedGroups.isEmpty }
        if !groupMisses.isEmpty {
            out +=
                "\n" + Labels.phrase("check_groups_missing", language, ["by": groupDimensions.joined(separator: ",")])
                + "\n"
            var table = TextTable(groupDimensions.map(dimensionHeader) + ["target", "value", "of", "gap"].map(header))
            for r in groupMisses {
                for (key, evaluation) in r.missedGroups {
                    let gap: String
                    switch evaluation.gap {
                    case .dossiers(let k)?: gap = (k > 0 ? "+" : "") + Labels.grouped(k, language)
                    default: gap = w("impossible")
                    }
                    table.add(
                        key + [
                            target(r.target), evaluation.measuredText(language), evaluation.fractionText(language), gap,
                        ])
                }
            }
            out += table.render()
        }
        if !watch.isEmpty {
            out += "\n" + w("check_watched") + "\n"
            var table = TextTable(["metric", "value", "of", "note"].map(header))
            for item in watch {
                let value: String
                var of = ""
                if let d = item.denominator {
                    value = Labels.percentText(item.value, of: d, language)
                    of = Labels.grouped(item.value, language) + "/" + Labels.grouped(d, language)
                } else {
                    value = Labels.grouped(item.value, language)
                }
                table.add([item.metric.description, value, of, item.label])
            }
            out += table.render()
        }
        if !notChecked.isEmpty {
            out += "\n" + w("check_not_checked") + "\n"
            for note in notChecked { out += "  - \(note.label): \(note.reason)\n" }
        }
        return out
    }

    /// The machine-readable verdict.
    public func json(context: RunContext) -> JSONValue {
        var members: [(String, JSONValue)] = [("verdict", .string(allMet ? "met" : "missed"))]
        members.append(("missed", .int(missedCount)))
        members += context.json
        if !groupDimensions.isEmpty { members.append(("by", .array(groupDimensions.map { .string($0) }))) }
        members.append(
            (
                "targets",
                .array(
                    results.map { r in
                        var t: [(String, JSONValue)] = [
                            ("target", .string(r.target.description)), ("label", .string(r.label)),
                            ("kind", .string(r.target.metric.isRate ? "rate" : "count")),
                            ("operator", .string(r.target.comparison.rawValue)),
                            ("threshold", .decimal(r.target.threshold.value)),
                        ]
                        if let source = r.source { t.append(("source", .string(source))) }
                        t += r.total.jsonMembers
                        if !groupDimensions.isEmpty {
                            t.append(
                                (
                                    "groups_missed",
                                    .array(
                                        r.missedGroups.map { g in
                                            .object(
                                                [("key", keyObject(groupDimensions, g.key))] + g.evaluation.jsonMembers)
                                        })
                                ))
                        }
                        if !r.contributors.isEmpty {
                            t.append(
                                (
                                    "contributors",
                                    .object(
                                        r.contributors.map { (dimension, ranked) in
                                            (
                                                dimension,
                                                .array(
                                                    ranked.map { c in
                                                        .object(
                                                            [
                                                                ("key", .string(c.key.joined(separator: " / "))),
                                                                ("wrong_side", .int(c.wrongSide)),
                                                            ] + c.evaluation.jsonMembers)
                                                    })
                                            )
                                        })
                                ))
                        }
                        return .object(t)
                    })
            ))
        members.append(
            (
                "watch",
                .array(
                    watch.map { w in
                        var m: [(String, JSONValue)] = [
                            ("metric", .string(w.metric.description)), ("label", .string(w.label)),
                        ]
                        if let d = w.denominator {
                            m.append(("value", d == 0 ? .null : .decimal(Double(w.value) * 100 / Double(d))))
                            m.append(("numerator", .int(w.value)))
                            m.append(("denominator", .int(d)))
                        } else {
                            m.append(("value", .int(w.value)))
                        }
                        return .object(m)
                    })
            ))
        members.append(
            (
                "not_checked",
                .array(notChecked.map { .object([("label", .string($0.label)), ("reason", .string($0.reason))]) })
            ))
        if !context.input.isEmpty { members.append(("input", .object(context.input))) }
        return .object(members)
    }
}

func keyObject(_ dimensions: [String], _ key: [String]) -> JSONValue {
    .object(zip(dimensions, key).map { ($0, .string($1)) })
}

extension ScoreEstimate {
    func pointsText(_ p: Double?) -> String {
        guard let p else { return "n/a" }
        return NumberText.trimmed((p * 100).rounded() / 100)
    }

    /// One line per group: `progress  19.00 / 20`.
    func groupRows(_ label: String?) -> [[String]] {
        groups.map { g in
            let computed = g.computedMaximum > 0 ? pointsText(g.points) : "not computed"
            return (label.map { [$0] } ?? []) + [
                g.group.name, computed, NumberText.trimmed(g.computedMaximum), NumberText.trimmed(g.group.points),
            ]
        }
    }

    public func jsonValue(key: JSONValue?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let key { members.append(("key", key)) }
        members.append(("points", .decimal((points * 100).rounded() / 100)))
        members.append(("computed_max", .decimal(computedMaximum)))
        members.append(("total_max", .decimal(model.total)))
        members.append(
            (
                "groups",
                .array(
                    groups.map { g in
                        var m: [(String, JSONValue)] = [("group", .string(g.group.name))]
                        if let title = g.group.title { m.append(("title", .string(title))) }
                        m.append(("max", .decimal(g.group.points)))
                        m.append(("points", g.points.map { .decimal(($0 * 10000).rounded() / 10000) } ?? .null))
                        m.append(("computed_max", .decimal(g.computedMaximum)))
                        m.append(
                            (
                                "indicators",
                                .array(
                                    lines.filter { $0.group == g.group.name }.map { line in
                                        .object([
                                            ("kpi", .string(line.indicator.kpi.rawValue)),
                                            ("label", .string(line.indicator.label)),
                                            ("rate", line.rate.percent.map { .decimal($0) } ?? .null),
                                            ("numerator", .int(line.rate.numerator)),
                                            ("denominator", .int(line.rate.denominator)),
                                            ("threshold", .decimal(line.indicator.threshold)),
                                            ("max", .decimal(line.indicator.points)),
                                            (
                                                "points",
                                                line.points.map { .decimal(($0 * 10000).rounded() / 10000) } ?? .null
                                            ),
                                        ])
                                    })
                            ))
                        m.append(
                            (
                                "not_computed",
                                .array(
                                    g.group.notComputed.map {
                                        .object([
                                            ("label", .string($0.label)), ("max", .decimal($0.points)),
                                            ("reason", .string($0.reason)),
                                        ])
                                    })
                            ))
                        return .object(m)
                    })
            ))
        return .object(members)
    }
}

/// Renders `tthc score`: the total estimate in detail, then one line per unit.
public enum ScoreReport {
    public static func table(
        total: ScoreEstimate, units: [(key: String, estimate: ScoreEstimate)], unitDimension: String,
        context: RunContext, language: Language = .en
    ) -> String {
        let vi = language == .vi
        let w = { (key: String) in Labels.phrase(key, language) }
        let n = { (x: Double) in Labels.number(NumberText.trimmed(x), language) }
        func points(_ estimate: ScoreEstimate, _ p: Double?) -> String {
            Labels.number(estimate.pointsText(p), language)
        }
        /// A group's name: its id in English (as profiles write it), its title in Vietnamese.
        func group(_ name: String) -> String {
            guard vi else { return name }
            let title = Labels.document("score_group_" + name, .vi)
            return title.hasPrefix("score_group_") ? name : title
        }
        func header(_ key: String) -> String { vi ? w("score_" + key) : key }
        var out =
            Labels.phrase(
                "score_line", language,
                [
                    "points": points(total, total.points), "computable": n(total.computedMaximum),
                    "total": n(total.model.total), "uncovered": n(total.uncoveredPoints),
                ]) + "\n"
        out += context.headerLines(language).map { $0 + "\n" }.joined()
        if let source = total.model.source {
            out += "  " + Labels.phrase("score_formulas", language, ["source": source]) + "\n"
        }
        out += "\n"
        var table = TextTable(["group", "indicator", "rate", "of", "threshold", "points", "max"].map(header))
        for g in total.groups {
            let lines = total.lines.filter { $0.group == g.group.name }
            for line in lines {
                table.add([
                    group(g.group.name), vi ? Labels.rate(line.indicator.kpi, .vi) : line.indicator.kpi.rawValue,
                    Labels.percentText(line.rate.numerator, of: line.rate.denominator, language),
                    Labels.grouped(line.rate.numerator, language) + "/"
                        + Labels.grouped(line.rate.denominator, language),
                    n(line.indicator.threshold) + "%", points(total, line.points), n(line.indicator.points),
                ])
            }
            for missing in g.group.notComputed {
                table.add([group(g.group.name), w("score_not_computed"), "", "", "", "-", n(missing.points)])
            }
        }
        out += table.render()
        let notes = total.groups.flatMap { $0.group.notComputed }
        if !notes.isEmpty {
            out += "\n" + w("score_not_computed_heading") + "\n"
            for g in total.groups {
                for note in g.group.notComputed {
                    out += "  - \(group(g.group.name)) (\(n(note.points))): \(note.label): \(note.reason)\n"
                }
            }
        }
        if !units.isEmpty {
            let dimensions = unitDimension.split(separator: ",").map(String.init)
            let unitHeader =
                vi
                ? dimensions.map { GroupDimension(rawValue: $0).map { Labels.dimension($0, .vi) } ?? $0 }
                    .joined(separator: ", ") : unitDimension
            out +=
                "\n" + Labels.phrase("score_per", language, ["unit": vi ? unitHeader.lowercased() : unitHeader]) + "\n"
            let names = total.groups.filter { $0.computedMaximum > 0 || !$0.group.indicators.isEmpty }.map(\.group.name)
            var perUnit = TextTable([unitHeader, header("points"), header("of")] + names.map(group))
            for (key, estimate) in units {
                var row = [key, points(estimate, estimate.points), n(estimate.computedMaximum)]
                for name in names {
                    let g = estimate.groups.first { $0.group.name == name }!
                    row.append(points(estimate, g.points))
                }
                perUnit.add(row)
            }
            out += perUnit.render()
        }
        return out
    }

    public static func json(
        total: ScoreEstimate, units: [(key: String, estimate: ScoreEstimate)], unitDimension: String,
        context: RunContext
    ) -> JSONValue {
        var members = context.json
        members.append(("total", total.jsonValue(key: nil)))
        members.append(
            ("units", .array(units.map { $0.estimate.jsonValue(key: .object([(unitDimension, .string($0.key))])) })))
        if !context.input.isEmpty { members.append(("input", .object(context.input))) }
        return .object(members)
    }
}

extension RunContext {
    /// The engine's input summary as JSON members and a one-line text, the same keys as `tthc report`.
    /// - Parameter stepRows: the input is a step log, whose records are step rows.
    public mutating func setInput(_ input: InputSummary, outsideSelection: Int, stepRows: Bool = false) {
        self.input = RunContext.inputMembers(input, outsideSelection: outsideSelection)
        inputSummary = (input, outsideSelection, stepRows)
        inputLine = RunContext.inputLine(input, outsideSelection: outsideSelection, stepRows: stepRows, .en)
    }

    /// The engine's input summary as JSON members, the same in every command's document.
    static func inputMembers(_ input: InputSummary, outsideSelection: Int) -> [(String, JSONValue)] {
        [
            ("records", .int(input.records)), ("accepted", .int(input.accepted)), ("rejected", .int(input.rejected)),
            ("duplicates", .int(input.duplicates)), ("replaced", .int(input.replaced)),
            ("outside_selection", .int(outsideSelection)), ("after_as_of", .int(input.afterAsOf)),
            (
                "files",
                .array(
                    input.files.map {
                        .object([
                            ("path", .string($0.path)), ("records", .int($0.records)), ("rejected", .int($0.rejected)),
                        ])
                    })
            ),
        ]
    }
}
