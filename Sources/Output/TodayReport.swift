import CivilTime
import Engine
import Metrics
import Targets
import _TextSupport

/// Renders `tthc today`.
public struct TodayReport: Sendable {
    public var monitor: DailyMonitor
    public var figures: TodayFigures
    /// The first day of the period-to-date figures.
    public var periodStart: CivilDate
    public var periodName: String
    public var targets: [TargetProfile.Item]
    public var workingSecondsPerDay: Int64

    public init(
        monitor: DailyMonitor, figures: TodayFigures, periodStart: CivilDate, periodName: String,
        targets: [TargetProfile.Item], workingSecondsPerDay: Int64
    ) {
        self.monitor = monitor
        self.figures = figures
        self.periodStart = periodStart
        self.periodName = periodName
        self.targets = targets
        self.workingSecondsPerDay = workingSecondsPerDay
    }

    func duration(_ s: Int64) -> String { formatWorkingDuration(s, perDay: workingSecondsPerDay) }

    func listHeading(_ title: String, _ list: BoundedList<DailyMonitor.Item>) -> String {
        let shown = list.sorted.count
        return "\n\(title): \(NumberText.grouped(list.total))" + (shown < list.total ? " (first \(shown) shown)" : "")
            + "\n"
    }

    /// Whether any target misses today or period to date.
    public var anyTargetMissed: Bool {
        targets.contains {
            $0.target.evaluate(figures.today).status == .missed
                || $0.target.evaluate(figures.periodToDate).status == .missed
        }
    }

    public func table(context: RunContext) -> String {
        var out = "tthc today: \(NumberText.grouped(monitor.dueSoon.total)) due by \(monitor.horizonEnd.iso8601), "
        out +=
            "\(NumberText.grouped(monitor.overdue.total)) overdue, \(NumberText.grouped(monitor.lateWithoutApology.total)) late without apology\n"
        out += context.headerLines.map { $0 + "\n" }.joined()

        out += listHeading("Due soon (in progress, due by \(monitor.horizonEnd.iso8601))", monitor.dueSoon)
        if monitor.dueSoon.total > 0 {
            var t = TextTable(["due", "left", "agency", "procedure", "dossier", "note"])
            for item in monitor.dueSoon.sorted {
                let d = item.dossier
                t.add([
                    d.due!.iso8601, duration(item.workingSeconds), d.agency, d.procedure, d.id,
                    d.waitingForSupplement ? "waiting for supplement" : "",
                ])
            }
            out += t.render()
        }
        out += listHeading("Overdue in progress", monitor.overdue)
        if monitor.overdue.total > 0 {
            out += "  (\(NumberText.grouped(monitor.overdueWithApology)) with an apology letter recorded)\n"
            var t = TextTable(["due", "overdue", "apology", "agency", "procedure", "dossier", "note"])
            for item in monitor.overdue.sorted {
                let d = item.dossier
                var notes: [String] = []
                if d.lateBySupplements { notes.append("2+ supplement requests: late by the 766 rule") }
                if d.waitingForSupplement { notes.append("waiting for supplement") }
                t.add([
                    d.due!.iso8601, duration(item.workingSeconds), d.apology ? "yes" : "NO", d.agency, d.procedure,
                    d.id, notes.joined(separator: "; "),
                ])
            }
            out += t.render()
        }
        out += listHeading("Finished late without an apology letter", monitor.lateWithoutApology)
        if monitor.lateWithoutApology.total > 0 {
            var t = TextTable(["finished", "due", "late by", "agency", "procedure", "dossier"])
            for item in monitor.lateWithoutApology.sorted {
                let d = item.dossier
                t.add([d.end!.iso8601, d.due!.iso8601, duration(item.workingSeconds), d.agency, d.procedure, d.id])
            }
            out += t.render()
        }

        let today = figures.today
        let ptd = figures.periodToDate
        out += "\nFigures: today (\(monitor.asOf.date)) and period to date (\(periodName), from \(periodStart))\n"
        var t = TextTable(["", "today", "period to date"])
        t.add(["received", NumberText.grouped(today.received), NumberText.grouped(ptd.received)])
        t.add(["finished", NumberText.grouped(today.finished), NumberText.grouped(ptd.finished)])
        t.add([
            "early or on time", NumberText.grouped(today.early + today.onTime),
            NumberText.grouped(ptd.early + ptd.onTime),
        ])
        t.add(["late", NumberText.grouped(today.late), NumberText.grouped(ptd.late)])
        t.add(["in progress overdue", "", NumberText.grouped(ptd.inProgressOverdue)])
        for kpi in [KPI.onTime, .progress, .online] {
            let a = kpi == .progress ? Rate(0, 0) : today.rate(kpi)
            t.add([
                "\(kpi.rawValue) rate", NumberText.percentText(a.numerator, of: a.denominator),
                NumberText.percentText(ptd.rate(kpi).numerator, of: ptd.rate(kpi).denominator),
            ])
        }
        out += t.render()
        if !targets.isEmpty {
            out += "\nTargets" + (context.profile.map { " (profile \($0.name))" } ?? "") + ":\n"
            var tt = TextTable(["target", "today", "", "period to date", ""])
            for item in targets {
                let a = item.target.evaluate(today)
                let b = item.target.evaluate(ptd)
                tt.add([item.target.displayText, a.measuredText, a.status.rawValue, b.measuredText, b.status.rawValue])
            }
            out += tt.render()
            for item in targets {
                if let sentence = item.target.evaluate(ptd).gapSentence {
                    out += "  - \(item.target.displayText): \(sentence)\n"
                }
            }
        }
        return out
    }

    public func json(context: RunContext) -> JSONValue {
        func items(_ list: BoundedList<DailyMonitor.Item>, _ durationKey: String) -> JSONValue {
            .object([
                ("total", .int(list.total)),
                (
                    "items",
                    .array(
                        list.sorted.map { item in
                            let d = item.dossier
                            var m: [(String, JSONValue)] = [
                                ("id", .string(d.id)), ("agency", .string(d.agency)),
                                ("procedure", .string(d.procedure)),
                                ("received", d.received.map { .string($0.iso8601) } ?? .null),
                                ("due", .string(d.due!.iso8601)),
                            ]
                            if let end = d.end { m.append(("end", .string(end.iso8601))) }
                            m.append((durationKey + "_working_seconds", .int(Int(item.workingSeconds))))
                            m.append((durationKey, .string(duration(item.workingSeconds))))
                            m.append(("apology", .bool(d.apology)))
                            m.append(("waiting_for_supplement", .bool(d.waitingForSupplement)))
                            m.append(("late_by_supplements", .bool(d.lateBySupplements)))
                            return .object(m)
                        })
                ),
            ])
        }
        func counts(_ c: KPICounts) -> JSONValue {
            .object(
                KPICounts.fields.map { ($0.name, .int(c[keyPath: $0.keyPath])) } + [
                    (
                        "rates",
                        .object(
                            KPI.allCases.map { kpi in (kpi.jsonName, c.rate(kpi).percent.map { .decimal($0) } ?? .null)
                            }
                        )
                    )
                ])
        }
        var members = context.json
        members.append(("horizon_end", .string(monitor.horizonEnd.iso8601)))
        members.append(("due_soon", items(monitor.dueSoon, "working_time_left")))
        var overdue = items(monitor.overdue, "overdue_by")
        if case .object(var m) = overdue {
            m.insert(.init("with_apology", .int(monitor.overdueWithApology)), at: 1)
            overdue = .object(m)
        }
        members.append(("overdue", overdue))
        members.append(("late_without_apology", items(monitor.lateWithoutApology, "late_by")))
        members.append(("today", counts(figures.today)))
        members.append(
            (
                "period_to_date",
                .object([
                    ("name", .string(periodName)), ("from", .string(periodStart.description)),
                    ("counts", counts(figures.periodToDate)),
                ])
            ))
        members.append(
            (
                "targets",
                .array(
                    targets.map { item in
                        .object([
                            ("target", .string(item.target.description)), ("label", .string(item.label)),
                            ("today", .object(item.target.evaluate(figures.today).jsonMembers)),
                            ("period_to_date", .object(item.target.evaluate(figures.periodToDate).jsonMembers)),
                        ])
                    })
            ))
        if !context.input.isEmpty { members.append(("input", .object(context.input))) }
        return .object(members)
    }
}
