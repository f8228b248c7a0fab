import CivilTime
import Engine
import Metrics
import Targets

extension Document {
    /// `tthc report`'s document: KPI tiles against the profile's targets, trends of volume and
    /// on-time rate, the channel mix, units ranked by on-time rate, processing times against the
    /// due, the `--by` groups and the first late dossiers.
    public static func report(
        _ result: ReportResult, details: ReportDetails, profile: TargetProfile?, provenance: DocumentProvenance,
        language: Language
    ) -> Document {
        let w = DocumentWords(language)
        var sections: [DocumentSection] = []
        sections.append(
            DocumentSection(
                id: "kpis", title: w("kpis"),
                blocks: [.tiles(reportTiles(result, profile: profile, w))]))
        let buckets = TrendBuckets(details.days, period: provenance.period)
        if !buckets.categories.isEmpty {
            sections.append(trendSection(buckets, profile: profile, w))
            sections.append(channelSection(buckets, w))
        }
        sections.append(unitSection(details, w))
        sections.append(processingSection(result, details: details, w))
        if !result.dimensions.isEmpty { sections.append(groupSection(result, w)) }
        sections.append(lateSection(details, w))
        sections.append(
            DocumentSection(
                id: "totals", title: w("totals_title"),
                blocks: [.table(rateTable(result.totals.counts, w)), .table(countTable(result.totals.counts, w))]))
        return Document(
            kind: .report, language: language, title: w("report_title"), subtitle: w.scope(provenance),
            provenance: provenance, sections: sections)
    }

    // MARK: KPIs

    static func reportTiles(_ result: ReportResult, profile: TargetProfile?, _ w: DocumentWords) -> [KPITile] {
        let counts = result.totals.counts
        var tiles: [KPITile] = [
            KPITile(
                key: "received", label: w.count("received"), value: .integer(counts.received),
                target: w.targetVerdict(profile, .count(CountMetric("received")!), counts)),
            KPITile(
                key: "finished", label: w.count("finished"), value: .integer(counts.finished),
                note: result.processingDays(result.totals, percentile: 0.5).map {
                    w("median") + " " + DocumentText.text(.decimal($0, decimals: 2), w.language) + " "
                        + w(result.clock == .working ? "working_days" : "calendar_days")
                }),
        ]
        for kpi in KPI.allCases {
            tiles.append(
                KPITile(
                    key: kpi.jsonName, label: Labels.rate(kpi, w.language), value: .rate(counts.rate(kpi)),
                    target: w.targetVerdict(profile, .rate(kpi), counts)))
        }
        tiles.append(
            KPITile(
                key: "in_progress_overdue", label: w("overdue_in_progress"), value: .integer(counts.inProgressOverdue),
                target: w.targetVerdict(profile, .count(CountMetric("in_progress_overdue")!), counts)))
        // Count targets of the profile that no tile above shows (`late<=0`).
        for item in profile?.targets ?? [] {
            guard case .count(let metric) = item.target.metric,
                !["received", "finished", "in_progress_overdue"].contains(metric.name)
            else { continue }
            tiles.append(
                KPITile(
                    key: metric.name, label: item.label, value: .integer(metric.value(in: counts)),
                    target: w.verdict(item.target.evaluate(counts))))
        }
        return tiles
    }

    /// Every rate with its numerator and denominator (the tiles' figures as a table).
    static func rateTable(_ counts: KPICounts, _ w: DocumentWords) -> DocumentTable {
        var table = DocumentTable(
            id: "rates", title: w("rates"),
            columns: [
                .init("kpi", w("indicator")), .init("rate", w("rate")), .init("numerator", w("numerator")),
                .init("denominator", w("denominator")),
            ])
        for kpi in KPI.allCases {
            let rate = counts.rate(kpi)
            table.add([
                .text(Labels.rate(kpi, w.language)), .rate(rate), .integer(rate.numerator), .integer(rate.denominator),
            ])
        }
        return table
    }

    static func countTable(_ counts: KPICounts, _ w: DocumentWords) -> DocumentTable {
        var table = DocumentTable(
            id: "counts", title: w("counts"),
            columns: [.init("count", w("indicator")), .init("dossiers", w("dossiers"))]
        )
        for (name, keyPath) in KPICounts.fields {
            table.add([.text(w.count(name)), .integer(counts[keyPath: keyPath])])
        }
        return table
    }

    // MARK: Trends

    static func trendSection(_ buckets: TrendBuckets, profile: TargetProfile?, _ w: DocumentWords) -> DocumentSection {
        let received = buckets.counts.map { Double($0.received) }
        let onTime = buckets.counts.map { $0.rate(.onTime).percent }
        var markers: [DocumentChart.Marker] = []
        for item in profile?.targets ?? [] where item.target.metric == .rate(.onTime) {
            markers.append(
                .init(
                    label: w("target") + " " + w.thresholdText(item.target), value: item.target.threshold.value,
                    onSecondaryAxis: true))
        }
        var table = DocumentTable(
            id: "trend", title: w("trend_title"),
            columns: [
                .init("period", buckets.title(w)), .init("received", w.count("received")),
                .init("finished", w.count("finished")), .init("late", w("late_column")),
                .init("on_time_rate", Labels.rate(.onTime, w.language)),
            ])
        for (label, c) in zip(buckets.categories, buckets.counts) {
            table.add([
                .text(label), .integer(c.received), .integer(c.finished), .integer(c.late), .rate(c.rate(.onTime)),
            ])
        }
        let chart = DocumentChart(
            id: "trend", title: w("trend_title"), categoryTitle: buckets.title(w), categories: buckets.categories,
            series: [
                .init(key: "received", name: w.count("received"), values: received, style: .columns),
                .init(
                    key: "on_time", name: Labels.rate(.onTime, w.language), values: onTime, style: .line,
                    onSecondaryAxis: true),
            ],
            primaryAxis: .init(title: w("dossiers"), unit: .count, minimum: 0),
            secondaryAxis: .init(title: Labels.rate(.onTime, w.language), unit: .percent, minimum: 0, maximum: 100),
            markers: markers, note: w(buckets.noteKey), table: table)
        return DocumentSection(id: "trend", title: w("trend_title"), blocks: [.chart(chart)])
    }

    static func channelSection(_ buckets: TrendBuckets, _ w: DocumentWords) -> DocumentSection {
        func share(_ part: (KPICounts) -> Int) -> [Double?] {
            buckets.counts.map { Rate(part($0), $0.received).percent }
        }
        let inPerson: (KPICounts) -> Int = { $0.received - $0.online - $0.postal }
        var table = DocumentTable(
            id: "channels", title: w("channels_title"),
            columns: [
                .init("period", buckets.title(w)), .init("received", w.count("received")),
                .init("in_person", w("in_person")), .init("online", w("online_channel")), .init("postal", w("postal")),
                .init("online_rate", Labels.rate(.online, w.language)),
                .init("full_online_rate", Labels.rate(.fullOnline, w.language)),
            ])
        for (label, c) in zip(buckets.categories, buckets.counts) {
            table.add([
                .text(label), .integer(c.received), .integer(inPerson(c)), .integer(c.online), .integer(c.postal),
                .rate(c.rate(.online)), .rate(c.rate(.fullOnline)),
            ])
        }
        let mix = DocumentChart(
            id: "channels", title: w("channels_title"), categoryTitle: buckets.title(w),
            categories: buckets.categories,
            series: [
                .init(key: "in_person", name: w("in_person"), values: share(inPerson), style: .columns),
                .init(key: "online", name: w("online_channel"), values: share(\.online), style: .columns),
                .init(key: "postal", name: w("postal"), values: share(\.postal), style: .columns),
                .init(
                    key: "full_online", name: Labels.rate(.fullOnline, w.language),
                    values: buckets.counts.map { $0.rate(.fullOnline).percent }, style: .line),
            ],
            primaryAxis: .init(title: w("share_of_received"), unit: .percent, minimum: 0, maximum: 100), stacked: true,
            note: w("channels_note"), table: table)
        return DocumentSection(id: "channels", title: w("channels_title"), blocks: [.chart(mix)])
    }

    // MARK: Units

    /// Units by on-time rate, best first (compared as exact fractions); units with nothing
    /// finished come last.
    static func rankedUnits(_ details: ReportDetails) -> [(unit: String?, counts: KPICounts)] {
        details.units.sorted { a, b in
            let (x, y) = (a.counts.rate(.onTime), b.counts.rate(.onTime))
            if (x.denominator == 0) != (y.denominator == 0) { return y.denominator == 0 }
            if x.denominator > 0 {
                let left = x.numerator * y.denominator
                let right = y.numerator * x.denominator
                if left != right { return left > right }
            }
            if x.denominator != y.denominator { return x.denominator > y.denominator }
            return (a.unit ?? "\u{10FFFF}") < (b.unit ?? "\u{10FFFF}")
        }
    }

    static func unitSection(_ details: ReportDetails, _ w: DocumentWords) -> DocumentSection {
        let ranked = rankedUnits(details)
        var table = DocumentTable(
            id: "units", title: w("units_title"),
            columns: [
                .init("rank", w("rank")), .init("unit", Labels.dimension(.agency, w.language)),
                .init("received", w.count("received")), .init("finished", w.count("finished")),
                .init("on_time_rate", Labels.rate(.onTime, w.language)), .init("late", w("late_column")),
                .init("in_progress_overdue", w("overdue_column")),
                .init("progress_rate", Labels.rate(.progress, w.language)),
            ])
        for (i, u) in ranked.enumerated() {
            let c = u.counts
            table.add([
                .integer(i + 1), .text(u.unit ?? w("no_unit")), .integer(c.received), .integer(c.finished),
                .rate(c.rate(.onTime)), .integer(c.late, tone: c.late > 0 ? .bad : .neutral),
                .integer(c.inProgressOverdue, tone: c.inProgressOverdue > 0 ? .bad : .neutral),
                .rate(c.rate(.progress)),
            ])
        }
        let judged = ranked.filter { $0.counts.rate(.onTime).denominator > 0 }
        var blocks: [DocumentBlock] = []
        if !judged.isEmpty {
            blocks.append(
                .chart(
                    DocumentChart(
                        id: "units", title: w("units_chart"), categoryTitle: Labels.dimension(.agency, w.language),
                        categories: judged.map { $0.unit ?? w("no_unit") },
                        series: [
                            .init(
                                key: "on_time", name: Labels.rate(.onTime, w.language),
                                values: judged.map { $0.counts.rate(.onTime).percent }, style: .bars,
                                exact: judged.map {
                                    let r = $0.counts.rate(.onTime)
                                    return .rate(numerator: r.numerator, denominator: r.denominator)
                                })
                        ],
                        primaryAxis: .init(
                            title: Labels.rate(.onTime, w.language), unit: .percent, minimum: 0, maximum: 100))))
        }
        blocks.append(.table(table))
        return DocumentSection(id: "units", title: w("units_title"), blocks: blocks)
    }

    // MARK: Processing times

    static func processingSection(_ result: ReportResult, details: ReportDetails, _ w: DocumentWords)
        -> DocumentSection
    {
        let p = details.processing
        let starts = ProcessingDistribution.binStarts
        let last = (0..<starts.count).last { p.byDue[$0] + p.afterDue[$0] + p.withoutDue[$0] > 0 } ?? 0
        let bins = 0...last
        func label(_ i: Int) -> String {
            let from = DocumentText.text(
                .decimal(starts[i], decimals: starts[i] == starts[i].rounded() ? 0 : 1), w.language)
            guard i + 1 < starts.count else { return from + "+" }
            let to = DocumentText.text(
                .decimal(starts[i + 1], decimals: starts[i + 1] == starts[i + 1].rounded() ? 0 : 1), w.language)
            return from + "–" + to
        }
        let unitWord = w(result.clock == .working ? "working_days" : "calendar_days")
        var table = DocumentTable(
            id: "processing", title: w("processing_title"),
            columns: [
                .init("days", w("processing_time") + " (" + unitWord + ")"), .init("by_due", w("finished_by_due")),
                .init("after_due", w("finished_after_due")), .init("without_due", w("finished_without_due")),
            ])
        for i in bins {
            table.add([.text(label(i)), .integer(p.byDue[i]), .integer(p.afterDue[i]), .integer(p.withoutDue[i])])
        }
        var blocks: [DocumentBlock] = []
        if p.total > 0 {
            blocks.append(
                .chart(
                    DocumentChart(
                        id: "processing", title: w("processing_title"),
                        categoryTitle: w("processing_time") + " (" + unitWord + ")", categories: bins.map(label),
                        series: [
                            .init(
                                key: "by_due", name: w("finished_by_due"), values: bins.map { Double(p.byDue[$0]) },
                                style: .columns, tone: .good),
                            .init(
                                key: "after_due", name: w("finished_after_due"),
                                values: bins.map { Double(p.afterDue[$0]) }, style: .columns, tone: .bad),
                            .init(
                                key: "without_due", name: w("finished_without_due"),
                                values: bins.map { Double(p.withoutDue[$0]) }, style: .columns, tone: .muted),
                        ],
                        primaryAxis: .init(title: w("dossiers"), unit: .count, minimum: 0), stacked: true,
                        note: w("processing_note"), table: table)))
        } else {
            blocks.append(.paragraph(w("no_finished")))
        }
        let median = result.processingDays(result.totals, percentile: 0.5)
        let p90 = result.processingDays(result.totals, percentile: 0.9)
        if let median, let p90 {
            blocks.append(
                .paragraph(
                    w("median") + ": " + DocumentText.text(.decimal(median, decimals: 2), w.language) + " " + unitWord
                        + "; " + w("p90") + ": " + DocumentText.text(.decimal(p90, decimals: 2), w.language) + " "
                        + unitWord + "."))
        }
        return DocumentSection(id: "processing", title: w("processing_title"), blocks: blocks)
    }

    // MARK: Groups and late dossiers

    static func groupSection(_ result: ReportResult, _ w: DocumentWords) -> DocumentSection {
        let kpis: [KPI] = [.progress, .onTime, .online, .fullOnline, .onlinePayment]
        var columns = result.dimensions.map { DocumentTable.Column($0.rawValue, Labels.dimension($0, w.language)) }
        columns += [
            .init("received", w.count("received")), .init("finished", w.count("finished")),
            .init("late", w("late_column")), .init("in_progress_overdue", w("overdue_column")),
        ]
        columns += kpis.map { .init($0.jsonName + "_rate", Labels.rate($0, w.language)) }
        var table = DocumentTable(id: "groups", title: w("groups_title"), columns: columns)
        func row(_ key: [DocumentCell], _ c: KPICounts) -> [DocumentCell] {
            key + [.integer(c.received), .integer(c.finished), .integer(c.late), .integer(c.inProgressOverdue)]
                + kpis.map { .rate(c.rate($0)) }
        }
        for group in result.groups {
            let key = zip(result.dimensions, group.key.values).map { dimension, value in
                DocumentCell.text(value.map { w.groupValue(dimension, $0) } ?? w("none"))
            }
            table.add(row(key, group.aggregate.counts))
        }
        table.footer = [
            row(
                [.text(w("total"))] + Array(repeating: DocumentCell.empty, count: result.dimensions.count - 1),
                result.totals.counts)
        ]
        return DocumentSection(id: "groups", title: w("groups_title"), blocks: [.table(table)])
    }

    static func lateSection(_ details: ReportDetails, _ w: DocumentWords) -> DocumentSection {
        let list = details.late.sorted
        var table = DocumentTable(
            id: "late_dossiers", title: w("late_title"),
            columns: [
                .init("number", "#"), .init("id", w("dossier_id")),
                .init("unit", Labels.dimension(.agency, w.language)),
                .init("procedure", w("procedure_code")), .init("procedure_name", w("procedure_name")),
                .init("due", w("due")), .init("end", w("end")), .init("over", w("over_by")),
                .init("apology", w("apology_letter")),
            ],
            totalRows: list.count < details.late.total ? details.late.total : nil,
            note: w("late_note"))
        for (i, d) in list.enumerated() {
            table.add([
                .integer(i + 1), .code(d.id), .text(d.agency), .code(d.procedure), .text(d.procedureName),
                .timestamp(d.due), .timestamp(d.end),
                // Why it is late: the time it ran over, or the supplement rule when it ran over none.
                d.lateBySupplements
                    ? .text(w("reason_supplements"), tone: .bad)
                    : .duration(d.overSeconds, perDay: details.secondsPerDay, tone: .bad),
                .flag(d.apology, tone: d.apology ? .neutral : .warning),
            ])
        }
        var blocks: [DocumentBlock] = []
        if list.isEmpty {
            blocks.append(.paragraph(w("no_late")))
        } else {
            let all = DocumentText.text(.integer(details.late.total), w.language)
            let shown = DocumentText.text(.integer(list.count), w.language)
            let sentence = list.count < details.late.total ? w("late_first") : w("late_all")
            blocks.append(
                .paragraph(
                    sentence.replacingOccurrences(of: "{n}", with: shown).replacingOccurrences(of: "{total}", with: all)
                ))
            blocks.append(.table(table))
        }
        return DocumentSection(id: "late_dossiers", title: w("late_title"), blocks: blocks)
    }
}

/// The report's received days gathered into the chart's categories: days for up to two months,
/// weeks (starting Monday) up to two years, months beyond.
struct TrendBuckets {
    enum Size { case day, week, month }
    let size: Size
    var categories: [String] = []
    var counts: [KPICounts] = []

    init(_ days: [(day: CivilDate, counts: KPICounts)], period: ReportingPeriod?) {
        guard let first = days.first?.day, let last = days.last?.day else {
            size = .day
            return
        }
        let start = min(first, period?.firstDay ?? first).dayNumber
        let end = max(last, period?.lastDay ?? last).dayNumber
        let span = end - start + 1
        size = span <= 62 ? .day : span <= 731 ? .week : .month
        func key(_ dayNumber: Int) -> Int {
            switch size {
            case .day: return dayNumber
            case .week: return dayNumber - CivilDate.isoWeekday(dayNumber: dayNumber) + 1
            case .month:
                let d = CivilDate(dayNumber: dayNumber)
                return CivilDate.dayNumber(year: d.year, month: d.month, day: 1)
            }
        }
        // Every bucket of the span, empty ones too, so the time axis is even.
        var keys: [Int] = []
        var index: [Int: Int] = [:]
        var day = start
        while day <= end {
            let k = key(day)
            if index[k] == nil {
                index[k] = keys.count
                keys.append(k)
            }
            day += 1
        }
        counts = Array(repeating: KPICounts(), count: keys.count)
        for (date, c) in days { counts[index[key(date.dayNumber)]!].merge(c) }
        // Days and weeks as `dd/MM`, or `dd/MM/yy` when the span crosses a year; months as `MM/yyyy`.
        let crossesYear = CivilDate(dayNumber: start).year != CivilDate(dayNumber: end).year
        categories = keys.map { k in
            let d = CivilDate(dayNumber: k)
            switch size {
            case .month: return DocumentText.monthYear(d)
            case .day, .week:
                return DocumentText.dayMonth(d) + (crossesYear ? "/" + DocumentText.twoDigits(d.year % 100) : "")
            }
        }
    }

    func title(_ w: DocumentWords) -> String {
        switch size {
        case .day: return w("bucket_day")
        case .week: return w("bucket_week")
        case .month: return w("bucket_month")
        }
    }

    var noteKey: String {
        switch size {
        case .day: return "trend_note_day"
        case .week: return "trend_note_week"
        case .month: return "trend_note_month"
        }
    }
}
