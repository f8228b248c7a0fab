import CivilTime
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
    /// The engine's input summary (`records`, `rejected`, `files`...), passed through to JSON.
    public var input: [(String, JSONValue)]
    /// `input: 5,000 records, 0 rejected, ...` for tables.
    public var inputLine: String?

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

    var headerLines: [String] {
        var lines: [String] = []
        var scope = "as of \(asOf.iso8601)"
        if let period { scope += ", period \(period.rangeText)" }
        if from != nil || to != nil {
            scope += ", received \(from?.description ?? "...") .. \(to?.description ?? "...")"
        }
        lines.append(scope)
        if let inputLine { lines.append(inputLine) }
        if let profile {
            lines.append("profile \(profile.name): \(profile.title)")
            lines.append("  source: \(profile.source)")
        }
        return lines
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

    /// `4,000/4,100` for a rate, empty for a count.
    var fractionText: String {
        guard let d = denominator else { return "" }
        return "\(NumberText.grouped(value))/\(NumberText.grouped(d))"
    }
}

extension TargetCheck {
    /// The verdict for a terminal.
    public func table(context: RunContext) -> String {
        var out = ""
        let verdict =
            results.isEmpty
            ? "no targets given"
            : allMet ? "all \(results.count) targets met" : "\(missedCount) of \(results.count) targets missed"
        out += "tthc check: \(verdict)\n"
        out += context.headerLines.map { $0 + "\n" }.joined()
        if !results.isEmpty {
            out += "\n"
            var table = TextTable(["status", "target", "value", "of", "gap"])
            for r in results {
                let status: String
                switch r.total.status {
                case .met: status = r.missedGroups.isEmpty ? "met" : "met*"
                case .missed: status = "MISSED"
                case .noData: status = "no data"
                }
                table.add([
                    status, r.target.displayText, r.total.measuredText, r.total.fractionText, r.total.gapSentence ?? "",
                ])
            }
            out += table.render()
            if results.contains(where: { $0.total.status == .met && !$0.missedGroups.isEmpty }) {
                out += "  (* met in total, missed in some groups)\n"
            }
        }
        for r in results where !r.contributors.isEmpty {
            let raise: Bool
            if case .dossiers(let k)? = r.total.gap { raise = k > 0 } else { raise = true }
            for (dimension, ranked) in r.contributors where !ranked.isEmpty {
                out +=
                    "\n\(r.target.displayText): \(dimension == "agency" ? "units" : dimension == "procedure" ? "procedures" : dimension) contributing most to the miss\n"
                let wrong = GapWording.wrongSideName(r.target, raise: raise)
                var table = TextTable([dimension, "value", "of", wrong, "needed"])
                for c in ranked {
                    let needed: String
                    switch c.evaluation.gap {
                    case .dossiers(let k)?: needed = NumberText.grouped(abs(k))
                    default: needed = "impossible"
                    }
                    table.add([
                        c.key.joined(separator: " / "), c.evaluation.measuredText, c.evaluation.fractionText,
                        NumberText.grouped(c.wrongSide), needed,
                    ])
                }
                out += table.render()
            }
        }
        let groupMisses = results.filter { !$0.missedGroups.isEmpty }
        if !groupMisses.isEmpty {
            out += "\nGroups missing targets (--by \(groupDimensions.joined(separator: ","))):\n"
            var table = TextTable(groupDimensions + ["target", "value", "of", "gap"])
            for r in groupMisses {
                for (key, evaluation) in r.missedGroups {
                    let gap: String
                    switch evaluation.gap {
                    case .dossiers(let k)?: gap = (k > 0 ? "+" : "") + NumberText.grouped(k)
                    default: gap = "impossible"
                    }
                    table.add(key + [r.target.displayText, evaluation.measuredText, evaluation.fractionText, gap])
                }
            }
            out += table.render()
        }
        if !watch.isEmpty {
            out += "\nWatched (no threshold):\n"
            var table = TextTable(["metric", "value", "of", "note"])
            for w in watch {
                let value: String
                var of = ""
                if let d = w.denominator {
                    value = NumberText.percentText(w.value, of: d)
                    of = "\(NumberText.grouped(w.value))/\(NumberText.grouped(d))"
                } else {
                    value = NumberText.grouped(w.value)
                }
                table.add([w.metric.description, value, of, w.label])
            }
            out += table.render()
        }
        if !notChecked.isEmpty {
            out += "\nNot checked (the log cannot measure them):\n"
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
        context: RunContext
    ) -> String {
        var out =
            "tthc score: \(total.pointsText(total.points)) of the \(NumberText.trimmed(total.computedMaximum)) points the log can support "
        out +=
            "(the index has \(NumberText.trimmed(total.model.total)); \(NumberText.trimmed(total.uncoveredPoints)) not computed)\n"
        out += context.headerLines.map { $0 + "\n" }.joined()
        if let source = total.model.source { out += "  formulas: \(source)\n" }
        out += "\n"
        var table = TextTable(["group", "indicator", "rate", "of", "threshold", "points", "max"])
        for g in total.groups {
            let lines = total.lines.filter { $0.group == g.group.name }
            for line in lines {
                table.add([
                    g.group.name, line.indicator.kpi.rawValue,
                    NumberText.percentText(line.rate.numerator, of: line.rate.denominator),
                    "\(NumberText.grouped(line.rate.numerator))/\(NumberText.grouped(line.rate.denominator))",
                    NumberText.trimmed(line.indicator.threshold) + "%", total.pointsText(line.points),
                    NumberText.trimmed(line.indicator.points),
                ])
            }
            for missing in g.group.notComputed {
                table.add([g.group.name, "not computed", "", "", "", "-", NumberText.trimmed(missing.points)])
            }
        }
        out += table.render()
        let notes = total.groups.flatMap { $0.group.notComputed }
        if !notes.isEmpty {
            out += "\nNot computed (the log cannot support them):\n"
            for g in total.groups {
                for n in g.group.notComputed {
                    out += "  - \(g.group.name) (\(NumberText.trimmed(n.points))): \(n.label): \(n.reason)\n"
                }
            }
        }
        if !units.isEmpty {
            out += "\nPer \(unitDimension):\n"
            let names = total.groups.filter { $0.computedMaximum > 0 || !$0.group.indicators.isEmpty }.map(\.group.name)
            var perUnit = TextTable([unitDimension, "points", "of"] + names)
            for (key, estimate) in units {
                var row = [key, estimate.pointsText(estimate.points), NumberText.trimmed(estimate.computedMaximum)]
                for name in names {
                    let g = estimate.groups.first { $0.group.name == name }!
                    row.append(estimate.pointsText(g.points))
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
    public mutating func setInput(_ input: InputSummary, outsideSelection: Int) {
        self.input = RunContext.inputMembers(input, outsideSelection: outsideSelection)
        var line =
            "input: \(NumberText.grouped(input.records)) records, \(NumberText.grouped(input.rejected)) rejected, "
        line += "\(NumberText.grouped(input.duplicates)) duplicate ids"
        if outsideSelection > 0 { line += ", \(NumberText.grouped(outsideSelection)) outside the selection" }
        if input.afterAsOf > 0 {
            line += ", \(NumberText.grouped(input.afterAsOf)) " + Labels.phrase("after_as_of", .en)
        }
        inputLine = line
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
