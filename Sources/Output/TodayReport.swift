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

    func duration(_ s: Int64, _ language: Language) -> String {
        formatWorkingDuration(s, perDay: workingSecondsPerDay, language: language)
    }

    func listHeading(_ title: String, _ list: BoundedList<DailyMonitor.Item>, _ language: Language = .en) -> String {
        let shown = list.sorted.count
        return "\n\(title): \(Labels.grouped(list.total, language))"
            + (shown < list.total
                ? Labels.phrase("today_first_shown", language, ["n": Labels.grouped(shown, language)]) : "") + "\n"
    }

    /// Whether any target misses today or period to date.
    public var anyTargetMissed: Bool {
        targets.contains {
            $0.target.evaluate(figures.today).status == .missed
                || $0.target.evaluate(figures.periodToDate).status == .missed
        }
    }

    public func table(context: RunContext, language: Language = .en, style: TerminalStyle = .plain) -> String {
        let vi = language == .vi
        let w = { (key: String) in Labels.phrase(key, language) }
        let n = { (x: Int) in Labels.grouped(x, language) }
        func time(_ t: Timestamp) -> String { vi ? DocumentText.timestamp(t, .vi) : t.iso8601 }
        func header(_ key: String) -> String { vi ? w("today_col_" + key) : key }
        /// The procedure name column appears when the log or the catalog names any listed procedure.
        let named = [monitor.dueSoon, monitor.overdue, monitor.lateWithoutApology].contains {
            $0.sorted.contains { !$0.dossier.procedureName.isEmpty }
        }
        func procedure(_ d: MonitoredDossier) -> [String] { named ? [d.procedure, d.procedureName] : [d.procedure] }
        let procedureHeaders = named ? [header("procedure"), header("procedure name")] : [header("procedure")]
        var out =
            Labels.phrase(
                "today_line", language,
                [
                    "due": n(monitor.dueSoon.total), "horizon": time(monitor.horizonEnd),
                    "overdue": n(monitor.overdue.total),
                    "late": n(monitor.lateWithoutApology.total),
                ]) + "\n"
        out += context.headerLines(language).map { $0 + "\n" }.joined()

        out += listHeading(
            Labels.phrase("today_due_soon", language, ["horizon": time(monitor.horizonEnd)]), monitor.dueSoon, language)
        if monitor.dueSoon.total > 0 {
            var t = TextTable(
                [header("due"), header("left"), header("agency")] + procedureHeaders + [
                    header("dossier"), header("note"),
                ])
            for item in monitor.dueSoon.sorted {
                let d = item.dossier
                t.add(
                    [time(d.due!), duration(item.workingSeconds, language), d.agency] + procedure(d) + [
                        d.id, d.waitingForSupplement ? w("today_waiting") : "",
                    ])
            }
            out += t.render()
        }
        out += listHeading(w("today_overdue"), monitor.overdue, language)
        if monitor.overdue.total > 0 {
            out += "  " + Labels.phrase("today_with_apology", language, ["n": n(monitor.overdueWithApology)]) + "\n"
            var t = TextTable(
                [header("due"), header("overdue"), header("apology"), header("agency")] + procedureHeaders + [
                    header("dossier"), header("note"),
                ])
            for item in monitor.overdue.sorted {
                let d = item.dossier
                var notes: [String] = []
                if d.lateBySupplements { notes.append(w("today_two_supplements")) }
                if d.waitingForSupplement { notes.append(w("today_waiting")) }
                t.add(
                    [
                        time(d.due!), duration(item.workingSeconds, language), w(d.apology ? "today_yes" : "today_no"),
                        d.agency,
                    ]
                        + procedure(d) + [d.id, notes.joined(separator: "; ")])
            }
            out += t.render { row, column, text in
                column == 2 && !self.monitor.overdue.sorted[row].dossier.apology ? style.bad(text) : text
            }
        }
        out += listHeading(w("today_late_without_apology"), monitor.lateWithoutApology, language)
        if monitor.lateWithoutApology.total > 0 {
            var t = TextTable(
                [header("finished"), header("due"), header("late by"), header("agency")] + procedureHeaders + [
                    header("dossier")
                ])
            for item in monitor.lateWithoutApology.sorted {
                let d = item.dossier
                t.add(
                    [time(d.end!), time(d.due!), duration(item.workingSeconds, language), d.agency] + procedure(d) + [
                        d.id
                    ])
            }
            out += t.render()
        }

        let today = figures.today
        let ptd = figures.periodToDate
        let start = vi ? DocumentText.date(periodStart, .vi) : periodStart.description
        let day = vi ? DocumentText.date(monitor.asOf.date, .vi) : monitor.asOf.date.description
        out +=
            "\n" + Labels.phrase("today_figures", language, ["day": day, "period": periodName, "from": start]) + "\n"
        var t = TextTable(["", header("today"), header("period to date")])
        t.add([w("today_received"), n(today.received), n(ptd.received)])
        t.add([w("today_finished"), n(today.finished), n(ptd.finished)])
        t.add([w("today_early_or_on_time"), n(today.early + today.onTime), n(ptd.early + ptd.onTime)])
        t.add([w("today_late"), n(today.late), n(ptd.late)])
        t.add([w("today_in_progress_overdue"), "", n(ptd.inProgressOverdue)])
        for kpi in [KPI.onTime, .progress, .online] {
            let a = kpi == .progress ? Rate(0, 0) : today.rate(kpi)
            t.add([
                vi ? Labels.rate(kpi, .vi) : "\(kpi.rawValue) rate",
                Labels.percentText(a.numerator, of: a.denominator, language),
                Labels.percentText(ptd.rate(kpi).numerator, of: ptd.rate(kpi).denominator, language),
            ])
        }
        out += t.render()
        if !targets.isEmpty {
            let profile = context.profile.map { Labels.phrase("today_profile", language, ["name": $0.name]) } ?? ""
            out += "\n" + Labels.phrase("today_targets", language, ["profile": profile]) + "\n"
            var tt = TextTable([header("target"), header("today"), "", header("period to date"), ""])
            func status(_ e: TargetEvaluation) -> String {
                switch e.status {
                case .met: return w("check_met")
                case .missed: return vi ? w("check_missed_status") : e.status.rawValue
                case .noData: return vi ? w("check_no_data") : e.status.rawValue
                }
            }
            for item in targets {
                let a = item.target.evaluate(today)
                let b = item.target.evaluate(ptd)
                tt.add([
                    Labels.number(item.target.displayText, language), a.measuredText(language), status(a),
                    b.measuredText(language), status(b),
                ])
            }
            out += tt.render { row, column, text in
                guard column == 2 || column == 4 else { return text }
                let e = column == 2 ? self.targets[row].target.evaluate(today) : self.targets[row].target.evaluate(ptd)
                return e.status == .missed ? style.bad(text) : e.status == .met ? style.good(text) : text
            }
            for item in targets {
                if let sentence = item.target.evaluate(ptd).gapSentence(language) {
                    out += "  - \(Labels.number(item.target.displayText, language)): \(sentence)\n"
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
                                ("procedure_name", .string(d.procedureName)),
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
