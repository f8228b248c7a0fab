import Engine
import Metrics
import Targets

extension Document {
    /// `tthc today`'s document, ready to print for the morning meeting: what falls due soon, what
    /// is overdue and why (the working time it ran over, or a second supplement request), the late
    /// dossiers still owing an apology letter, and today's and the period's figures.
    public static func today(_ report: TodayReport, provenance: DocumentProvenance, language: Language) -> Document {
        let w = DocumentWords(language)
        let monitor = report.monitor
        let perDay = report.workingSecondsPerDay
        let horizon = DocumentText.timestamp(monitor.horizonEnd, language)
        var sections: [DocumentSection] = []
        sections.append(
            DocumentSection(
                id: "summary", title: w("kpis"),
                blocks: [
                    .tiles([
                        KPITile(
                            key: "due_soon", label: w("due_soon_title"), value: .integer(monitor.dueSoon.total),
                            note: w("due_by").replacingOccurrences(of: "{t}", with: horizon)),
                        KPITile(
                            key: "overdue", label: w("overdue_title"),
                            value: .integer(monitor.overdue.total, tone: monitor.overdue.total > 0 ? .bad : .neutral),
                            note: w("with_apology").replacingOccurrences(
                                of: "{n}", with: DocumentText.text(.integer(monitor.overdueWithApology), language))),
                        KPITile(
                            key: "late_without_apology", label: w("late_no_apology_title"),
                            value: .integer(monitor.lateWithoutApology.total)),
                    ])
                ]))

        func listBlocks(_ list: BoundedList<DailyMonitor.Item>, _ table: DocumentTable) -> [DocumentBlock] {
            guard list.total > 0 else { return [.paragraph(w("none_listed"))] }
            var blocks: [DocumentBlock] = []
            if list.sorted.count < list.total {
                blocks.append(
                    .paragraph(
                        w("list_first").replacingOccurrences(
                            of: "{n}", with: DocumentText.text(.integer(list.sorted.count), language)
                        ).replacingOccurrences(of: "{total}", with: DocumentText.text(.integer(list.total), language))))
            }
            return blocks + [.table(table)]
        }
        func identity(_ d: MonitoredDossier) -> [DocumentCell] {
            [.text(d.agency), .code(d.procedure), .text(d.procedureName), .code(d.id)]
        }
        let identityColumns: [DocumentTable.Column] = [
            .init("unit", Labels.dimension(.agency, language)), .init("procedure", w("procedure_code")),
            .init("procedure_name", w("procedure_name")), .init("id", w("dossier_id")),
        ]

        var due = DocumentTable(
            id: "due_soon", title: w("due_soon_title"),
            columns: [.init("due", w("due")), .init("left", w("left"))] + identityColumns + [.init("note", w("note"))],
            totalRows: monitor.dueSoon.sorted.count < monitor.dueSoon.total ? monitor.dueSoon.total : nil)
        for item in monitor.dueSoon.sorted {
            let d = item.dossier
            due.add(
                [.timestamp(d.due), .duration(item.workingSeconds, perDay: perDay)] + identity(d) + [
                    .text(d.waitingForSupplement ? w("waiting_supplement") : "")
                ])
        }
        due.title = w("due_soon_title") + " (" + w("due_by").replacingOccurrences(of: "{t}", with: horizon) + ")"
        sections.append(DocumentSection(id: "due_soon", title: due.title, blocks: listBlocks(monitor.dueSoon, due)))

        var overdue = DocumentTable(
            id: "overdue", title: w("overdue_title"),
            columns: [.init("due", w("due")), .init("why", w("overdue_by"))] + identityColumns + [
                .init("apology", w("apology_letter")), .init("note", w("note")),
            ],
            totalRows: monitor.overdue.sorted.count < monitor.overdue.total ? monitor.overdue.total : nil)
        for item in monitor.overdue.sorted {
            let d = item.dossier
            let why: DocumentCell =
                d.lateBySupplements && item.workingSeconds == 0
                ? .text(w("reason_supplements"), tone: .bad)
                : .duration(item.workingSeconds, perDay: perDay, tone: .bad)
            var notes: [String] = []
            if d.lateBySupplements && item.workingSeconds > 0 { notes.append(w("reason_supplements")) }
            if d.waitingForSupplement { notes.append(w("waiting_supplement")) }
            overdue.add(
                [.timestamp(d.due), why] + identity(d) + [
                    .flag(d.apology, tone: d.apology ? .neutral : .warning), .text(notes.joined(separator: "; ")),
                ])
        }
        sections.append(
            DocumentSection(id: "overdue", title: w("overdue_title"), blocks: listBlocks(monitor.overdue, overdue)))

        var late = DocumentTable(
            id: "late_without_apology", title: w("late_no_apology_title"),
            columns: [.init("end", w("end")), .init("due", w("due")), .init("why", w("over_by"))] + identityColumns,
            totalRows: monitor.lateWithoutApology.sorted.count < monitor.lateWithoutApology.total
                ? monitor.lateWithoutApology.total : nil)
        for item in monitor.lateWithoutApology.sorted {
            let d = item.dossier
            let why: DocumentCell =
                item.workingSeconds == 0
                ? .text(w("reason_supplements"), tone: .bad)
                : .duration(item.workingSeconds, perDay: perDay, tone: .bad)
            late.add([.timestamp(d.end), .timestamp(d.due), why] + identity(d))
        }
        sections.append(
            DocumentSection(
                id: "late_without_apology", title: w("late_no_apology_title"),
                blocks: listBlocks(monitor.lateWithoutApology, late)))

        let today = report.figures.today
        let ptd = report.figures.periodToDate
        var figures = DocumentTable(
            id: "figures", title: w("figures_title"),
            columns: [
                .init("figure", w("indicator")), .init("today", w("today")),
                .init("period_to_date", w("period_to_date")),
            ])
        figures.add([.text(w.count("received")), .integer(today.received), .integer(ptd.received)])
        figures.add([.text(w.count("finished")), .integer(today.finished), .integer(ptd.finished)])
        figures.add([
            .text(w("early_or_on_time")), .integer(today.early + today.onTime), .integer(ptd.early + ptd.onTime),
        ])
        figures.add([.text(w("late_column")), .integer(today.late), .integer(ptd.late)])
        figures.add([.text(w("overdue_in_progress")), .empty, .integer(ptd.inProgressOverdue)])
        for kpi in [KPI.onTime, .progress, .online] {
            figures.add([
                .text(Labels.rate(kpi, language)), kpi == .progress ? .rate(0, of: 0) : .rate(today.rate(kpi)),
                .rate(ptd.rate(kpi)),
            ])
        }
        var figureBlocks: [DocumentBlock] = [.table(figures)]
        if !report.targets.isEmpty {
            var targets = DocumentTable(
                id: "targets", title: w("targets"),
                columns: [
                    .init("target", w("indicator")), .init("threshold", w("threshold")), .init("today", w("today")),
                    .init("today_status", w("status")), .init("period_to_date", w("period_to_date")),
                    .init("period_status", w("status")), .init("gap", w("gap")),
                ])
            for item in report.targets {
                let a = item.target.evaluate(today)
                let b = item.target.evaluate(ptd)
                targets.add([
                    .text(w.metricLabel(item.target.metric)), .text(w.thresholdText(item.target)), w.measured(a),
                    w.statusCell(a), w.measured(b), w.statusCell(b), w.gapCell(b),
                ])
            }
            figureBlocks.append(.table(targets))
        }
        let periodLine =
            w("today") + ": " + DocumentText.date(monitor.asOf.date, language) + "; " + w("period_to_date") + ": "
            + report.periodName + ", " + DocumentText.date(report.periodStart, language) + " – "
            + DocumentText.date(monitor.asOf.date, language)
        sections.append(
            DocumentSection(id: "figures", title: w("figures_title"), blocks: [.paragraph(periodLine)] + figureBlocks))
        return Document(
            kind: .today, language: language, title: w("today_title"), subtitle: w.scope(provenance),
            provenance: provenance, sections: sections)
    }
}

extension DocumentWords {
    /// `Met`, `Missed` or `No data`, coloured.
    func statusCell(_ evaluation: TargetEvaluation) -> DocumentCell {
        switch evaluation.status {
        case .met: return .text(self("met"), tone: .good)
        case .missed: return .text(self("missed"), tone: .bad)
        case .noData: return .text(self("no_data"), tone: .muted)
        }
    }
}
