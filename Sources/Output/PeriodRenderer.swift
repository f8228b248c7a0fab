import CivilTime
import Engine
import Ingest
import Metrics
import Targets
import _TextSupport

/// The columns of the standard period table, in the forms' order, by their JSON names.
public enum PeriodColumns {
    public static let counts: [(key: String, value: @Sendable (PeriodFigures) -> Int)] = [
        ("total_to_handle", \.totalToHandle), ("carried_over", \.carriedOver), ("received", \.received),
        ("received_online", \.receivedOnline), ("received_in_person", \.receivedInPerson),
        ("received_postal", \.receivedPostal), ("finished", \.finished), ("finished_early", \.finishedEarly),
        ("finished_on_time", \.finishedOnTime), ("finished_late", \.finishedLate),
        ("late_with_apology", \.lateWithApology), ("late_without_apology", \.lateWithoutApology),
        ("finished_no_due", \.finishedWithoutDue), ("in_progress", \.inProgress),
        ("in_progress_not_yet_due", \.inProgressNotYetDue), ("in_progress_overdue", \.inProgressOverdue),
        ("in_progress_no_due", \.inProgressWithoutDue), ("withdrawn", \.withdrawn), ("returned", \.returned),
        ("closing_backlog", \.closingBacklog),
    ]

    /// The columns of each part of a document's table: twenty-three columns do not fit a page, so
    /// a document prints what came in and was finished, then what was late and is left open.
    public static let documentParts: [[String]] = [
        [
            "total_to_handle", "carried_over", "received", "received_online", "received_in_person", "received_postal",
            "finished", "finished_early", "finished_on_time", "finished_late",
        ],
        [
            "late_with_apology", "late_without_apology", "finished_no_due", "on_time_rate", "in_progress",
            "in_progress_not_yet_due", "in_progress_overdue", "in_progress_no_due", "withdrawn", "returned",
            "closing_backlog",
        ],
    ]

    /// Early and on time over finished with a due: the rate the forms print beside the counts.
    public static func onTimeRate(_ figures: PeriodFigures) -> Rate { figures.counts.rate(.onTime) }
}

/// Turns a `PeriodReport` into text: a table per period for a terminal, JSON, CSV.
public enum PeriodRenderer {
    // MARK: Table

    public static func table(_ report: PeriodReport, language: Language) -> String {
        var lines: [String] = []
        let input = report.input
        lines.append(
            Labels.phrase("input", language) + ": " + NumberText.grouped(input.records) + " "
                + Labels.phrase("records", language) + ", " + NumberText.grouped(input.rejected) + " "
                + Labels.phrase("rejected", language) + ", " + NumberText.grouped(input.duplicates) + " "
                + Labels.phrase("duplicates", language) + ", " + NumberText.grouped(report.leftOutNew) + " "
                + Labels.periodPhrase("left_out_new", language))
        lines.append(Labels.periodPhrase("legend", language))
        let dimension = report.breakdowns.first?.dimension
        for (p, period) in report.periods.enumerated() {
            lines.append("")
            lines.append(
                Labels.periodPhrase("period", language) + ": " + heading(period, language) + "; "
                    + Labels.periodPhrase("judged_at", language) + " " + period.defaultAsOf.iso8601)
            var header = [Labels.periodColumn("stt", language)]
            header.append(dimension.map { Labels.dimension($0, language) } ?? "")
            header += PeriodColumns.counts.map { Labels.periodColumn($0.key, language) }
            header.append(Labels.periodColumn("on_time_rate", language))
            var rows = [header]
            func cells(_ figures: PeriodFigures) -> [String] {
                let rate = PeriodColumns.onTimeRate(figures)
                return PeriodColumns.counts.map { NumberText.grouped($0.value(figures)) }
                    + [NumberText.percentText(rate.numerator, of: rate.denominator)]
            }
            for (n, row) in shownRows(report, period: p).enumerated() {
                let name = row.key.map { String($0.map { $0.isNewline ? " " : $0 }) } ?? Labels.phrase("none", language)
                rows.append([String(n + 1), name] + cells(row.figures[p]))
            }
            rows.append(["", Labels.periodPhrase("total", language)] + cells(report.totals[p]))
            lines.append(contentsOf: TextColumns.lines(rows, rightAligned: { $0 != 1 }, indent: 2))
            lines.append(balanceLine(report, period: p, language: language))
            lines.append(fallbackLine(report.totals[p], language: language))
        }
        for link in report.links {
            lines.append("")
            lines.append(linkLine(report, link, language: language))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A period as a heading names it: its canonical text and days in English on a terminal
    /// (`2026-q1 (2025-12-15 .. 2026-03-14)`), else the documents' words (`Quý I năm 2026
    /// (15/12/2025 – 14/03/2026)`).
    public static func heading(_ period: ReportingPeriod, _ language: Language, document: Bool = false) -> String {
        if language == .en && !document { return period.rangeText }
        let words = DocumentWords(language)
        if period.kind == .span { return words.periodName(period) }
        return words.periodName(period) + " (" + words.range(period.firstDay, period.lastDay) + ")"
    }

    /// The rows of a period that hold any dossier there, in the report's order.
    static func shownRows(_ report: PeriodReport, period p: Int) -> [PeriodRow] {
        (report.breakdowns.first?.rows ?? []).filter { $0.figures[p] != PeriodFigures() }
    }

    /// `Balance: carried over 12 + received 300 = finished 280 + in progress 25 + withdrawn 7: holds ...`
    public static func balanceLine(_ report: PeriodReport, period p: Int, language: Language) -> String {
        let t = report.totals[p]
        func term(_ key: String, _ n: Int) -> String {
            Labels.periodColumn(key, language, long: false).lowercased() + " " + NumberText.grouped(n)
        }
        let unbalanced = report.unbalancedRows(period: p)
        let verdict =
            unbalanced.isEmpty
            ? Labels.periodPhrase("verdict_holds", language) + " " + Labels.periodPhrase("balance_rows", language)
            : Labels.periodPhrase("verdict_fails", language) + ": "
                + unbalanced.map { $0 ?? Labels.phrase("none", language) }.joined(separator: "; ")
        return "  " + Labels.periodPhrase("balance", language) + ": " + term("carried_over", t.carriedOver) + " + "
            + term("received", t.received) + " = " + term("finished", t.finished) + " + "
            + term("in_progress", t.inProgress) + " + " + term("withdrawn", t.withdrawn) + ": " + verdict + ". "
            + Labels.periodPhrase("returned_outside", language)
    }

    /// `Placed by a fallback: 3 withdrawn by their received time ..., 1 returned by ...`
    public static func fallbackLine(_ figures: PeriodFigures, language: Language) -> String {
        "  " + Labels.periodPhrase("fallbacks", language) + ": " + NumberText.grouped(figures.withdrawnPlacedByReceived)
            + " " + Labels.periodPhrase("withdrawn_fallback", language) + ", "
            + NumberText.grouped(figures.returnedPlacedByFallback) + " "
            + Labels.periodPhrase("returned_fallback", language)
    }

    /// `Chain: closing backlog of 2026-01 = carried over of 2026-02: holds (14 rows checked)`
    public static func linkLine(_ report: PeriodReport, _ link: PeriodLink, language: Language) -> String {
        var text =
            Labels.periodPhrase("chain", language) + ": "
            + Labels.periodPhrase("chain_text", language)
            .replacingOccurrences(of: "{a}", with: report.periods[link.from].description)
            .replacingOccurrences(of: "{b}", with: report.periods[link.to].description) + ": "
        if link.holds {
            text += Labels.periodPhrase("verdict_holds", language)
        } else {
            text +=
                Labels.periodPhrase("verdict_fails", language) + " "
                + link.mismatches.map {
                    ($0.key ?? Labels.phrase("none", language)) + " " + String($0.closing) + " != " + String($0.carried)
                }.joined(separator: "; ")
        }
        return text + " (" + NumberText.grouped(link.rowsChecked) + " " + Labels.periodPhrase("rows_checked", language)
            + ")"
    }

    /// One line per warning, for standard error and documents: periods and times as the
    /// terminal writes them in English, as documents do in Vietnamese.
    public static func warningLines(_ report: PeriodReport, language: Language) -> [String] {
        let vi = language == .vi
        func name(_ p: Int) -> String {
            vi ? DocumentWords(language).periodName(report.periods[p]) : report.periods[p].description
        }
        func time(_ t: Timestamp) -> String { vi ? DocumentText.timestamp(t, language) : t.iso8601 }
        return report.warnings.map { warning in
            switch warning {
            case .logStartsAfterPeriodStart(let p, let first):
                var text = Labels.periodPhrase("warning_log_start", language)
                    .replacingOccurrences(of: "{period}", with: name(p))
                    .replacingOccurrences(
                        of: "{start}", with: DocumentText.date(report.periods[p].firstDay, vi ? language : .en))
                if let first {
                    text +=
                        "; "
                        + Labels.periodPhrase("warning_log_start_first", language)
                        .replacingOccurrences(of: "{first}", with: time(first))
                }
                return text
            case .periodEndsAfterLog(let p, let latest):
                return Labels.periodPhrase("warning_after_log", language)
                    .replacingOccurrences(of: "{period}", with: name(p))
                    .replacingOccurrences(of: "{latest}", with: time(latest))
            case .returnedUnplaced(let n):
                return Labels.periodPhrase("warning_unplaced", language)
                    .replacingOccurrences(of: "{n}", with: NumberText.grouped(n))
            }
        }
    }

    // MARK: JSON

    static func figuresMembers(_ figures: PeriodFigures) -> [(String, JSONValue)] {
        PeriodColumns.counts.map { ($0.key, .int($0.value(figures))) }
            + [("on_time_rate", ReportRenderer.rateJSON(PeriodColumns.onTimeRate(figures)))]
    }

    /// The document of the README's `tthc period` section: per period its rows, total, balance
    /// and fallbacks; the chain checks; the warnings; what was read.
    public static func json(_ report: PeriodReport) -> String {
        let dimension = report.breakdowns.first?.dimension
        var periods: [JSONValue] = []
        for (p, period) in report.periods.enumerated() {
            let rows: [JSONValue] = shownRows(report, period: p).enumerated().map { n, row in
                .object(
                    [("stt", .int(n + 1)), ("unit", row.key.map(JSONValue.string) ?? .null)]
                        + figuresMembers(row.figures[p]))
            }
            let t = report.totals[p]
            periods.append(
                .object([
                    ("period", .string(period.description)), ("kind", .string(period.kind.unit)),
                    ("first_day", .string(period.firstDay.description)),
                    ("last_day", .string(period.lastDay.description)),
                    ("judged_at", .string(period.defaultAsOf.iso8601)),
                    ("rows", .array(rows)), ("total", .object(figuresMembers(t))),
                    (
                        "balance",
                        .object([
                            ("holds", .bool(report.unbalancedRows(period: p).isEmpty)),
                            ("carried_over", .int(t.carriedOver)), ("received", .int(t.received)),
                            ("finished", .int(t.finished)), ("in_progress", .int(t.inProgress)),
                            ("withdrawn", .int(t.withdrawn)),
                        ])
                    ),
                    (
                        "fallbacks",
                        .object([
                            ("withdrawn_placed_by_received", .int(t.withdrawnPlacedByReceived)),
                            ("returned_placed_by_received_or_submitted", .int(t.returnedPlacedByFallback)),
                        ])
                    ),
                ]))
        }
        let chain: [JSONValue] = report.links.map { link in
            .object([
                ("from", .string(report.periods[link.from].description)),
                ("to", .string(report.periods[link.to].description)), ("holds", .bool(link.holds)),
                ("rows_checked", .int(link.rowsChecked)),
                (
                    "mismatches",
                    .array(
                        link.mismatches.map {
                            .object([
                                ("unit", $0.key.map(JSONValue.string) ?? .null), ("closing_backlog", .int($0.closing)),
                                ("carried_over", .int($0.carried)),
                            ])
                        })
                ),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("by", dimension.map { .string($0.rawValue) } ?? .null), ("balance_holds", .bool(report.balanceHolds)),
            ("periods", .array(periods)), ("chain", .array(chain)),
            ("warnings", .array(warningLines(report, language: .en).map(JSONValue.string))),
            (
                "left_out",
                .object([("new", .int(report.leftOutNew)), ("returned_unplaced", .int(report.unplacedReturned))])
            ),
            ("input", .object(RunContext.inputMembers(report.input, outsideSelection: 0))),
        ]
        if report.catalogMisses.dossiers > 0 {
            members.append(("catalog_misses", ReportRenderer.catalogMissesJSON(report.catalogMisses)))
        }
        return JSONValue.object(members).text + "\n"
    }

    // MARK: CSV

    /// One row per (period, unit) and a `total` row per period: the period, its days, STT, the
    /// unit, the counts and the on-time percentage; plain for programs or in Excel's style.
    public static func csv(_ report: PeriodReport, style: CSVStyle = .plain) -> String {
        let unitName = report.breakdowns.first?.dimension.rawValue ?? "unit"
        var table = CSVTable(
            ["period", "first_day", "last_day", "stt", "scope", unitName] + PeriodColumns.counts.map(\.key)
                + ["on_time_percent"])
        for (p, period) in report.periods.enumerated() {
            func add(_ stt: Int?, _ scope: String, _ key: String?, _ figures: PeriodFigures) {
                let rate = PeriodColumns.onTimeRate(figures)
                let days: [CSVTable.Cell] = [
                    .text(period.description), .text(period.firstDay.description), .text(period.lastDay.description),
                ]
                table.add(
                    days + [
                        stt.map { .number(String($0)) } ?? .empty, .text(scope), key.map(CSVTable.Cell.text) ?? .empty,
                    ]
                        + PeriodColumns.counts.map { .number(String($0.value(figures))) }
                        + [
                            NumberText.percent(rate.numerator, of: rate.denominator, decimals: 4).map(
                                CSVTable.Cell.number) ?? .empty
                        ])
            }
            for (n, row) in shownRows(report, period: p).enumerated() { add(n + 1, "unit", row.key, row.figures[p]) }
            add(nil, "total", nil, report.totals[p])
        }
        return table.text(style)
    }
}
