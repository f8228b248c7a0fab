import CivilTime
import Engine
import Foundation
import Metrics
import Records
import TestSupport
import Testing
import WorkingTime

@testable import Output

/// `tthc steps` in every format, from hand-worked histories (office hours 08:00-12:00 and
/// 13:00-17:00; 2026-03-02 is a Monday): the JSON and CSV read back by independent readers, the
/// table's headline, the document's tables and chart, HTML and xlsx.
@Suite struct StepTimeOutputTests {
    static var names: StepNames {
        var names = StepNames()
        names.departments = ["", "Counter", "Land office", "Leader", "<script>x</script>"]
        names.handlers = ["", "An", "Binh", "Chi", "Dung"]
        return names
    }

    static func step(_ time: String, _ status: DossierStatus, _ department: Int32, planned: String? = nil)
        -> ProcessStep
    {
        ProcessStep(
            time: TimestampParser.parse(time)!, plannedEnd: planned.flatMap(TimestampParser.parse), status: status,
            department: department, handler: department, title: 0, content: 0)
    }

    /// Loop: counter 1 h, land 9 h + 5 h, leader 6 h + 3 h (24 h), same-day procedure: late.
    /// Paused: counter 2 h, land 1 h after an 8 h supplement wait (3 h), six-hour procedure: on time.
    /// Hostile: a department whose name is markup, received and finished at once (0 h).
    static let histories = [
        DossierHistory(
            id: "LOOP", procedure: "SAME",
            steps: [
                step("2026-03-02T08:00", .received, 1), step("2026-03-02T09:00", .processing, 2),
                step("2026-03-03T10:00", .processing, 3, planned: "2026-03-03T09:00"),
                step("2026-03-04T08:00", .processing, 2), step("2026-03-04T14:00", .processing, 3),
                step("2026-03-05T08:00", .finished, 1),
            ]),
        DossierHistory(
            id: "PAUSE", procedure: "HOURS",
            steps: [
                step("2026-03-02T08:00", .received, 1), step("2026-03-02T10:00", .waitingForSupplement, 2),
                step("2026-03-03T10:00", .processing, 2), step("2026-03-03T11:00", .finished, 2),
            ]),
        DossierHistory(
            id: "HOSTILE", procedure: "HOURS",
            steps: [step("2026-03-02T08:00", .received, 4), step("2026-03-02T08:00", .finished, 4)]),
    ]

    static func result(_ dimensions: [StepDimension] = [.department, .procedure]) -> StepTimeResult {
        var options = StepTimeOptions()
        options.dimensions = dimensions
        options.classifier = DossierClassifier(
            catalog: ProcedureCatalog(entries: [
                .init(code: "SAME", deadline: .sameDay), .init(code: "HOURS", deadline: .workingHours(6)),
            ]))
        return StepTimeAnalysis.run(histories, names: names, options: options)
    }

    static var context: RunContext { RunContext(asOf: result().asOf!) }

    @Test func jsonCarriesEveryFigure() throws {
        let json =
            try JSONSerialization.jsonObject(
                with: Data(StepTimeRenderer.json(Self.result(), context: Self.context).utf8)) as! [String: Any]
        #expect(json["as_of"] as? String == "2026-03-05T08:00:00")
        #expect(json["clock"] as? String == "working")
        let totals = json["totals"] as! [String: Any]
        #expect(totals["dossiers"] as? Int == 3)
        #expect(totals["working_seconds"] as? Int == 27 * 3600)
        #expect(totals["late"] as? Int == 1)
        let groups = json["by_department"] as! [[String: Any]]
        #expect(
            groups.map { ($0["key"] as! [String: Any])["department"] as? String } == [
                "Land office", "Leader", "Counter", "<script>x</script>",
            ])
        let land = groups[0]
        #expect(land["working_seconds"] as? Int == 15 * 3600)
        #expect(land["dossiers"] as? Int == 2)
        let share = land["share_of_time"] as! [String: Any]
        #expect(share["numerator"] as? Int == 15 * 3600 && share["denominator"] as? Int == 27 * 3600)
        #expect((share["percent"] as? NSNumber)?.stringValue == "55.5555")
        // The leader's first step was recorded an hour after its plan, in the late dossier.
        let leader = groups[1]["late_over_plan"] as! [String: Any]
        #expect(leader["numerator"] as? Int == 1 && leader["denominator"] as? Int == 1)
        #expect(groups[1]["returns"] as? Int == 1)
        let procedures = (json["by_procedure"] as! [[String: Any]]).map { ($0["key"] as! [String: Any]) }
        #expect(procedures.first?["procedure"] as? String == "HOURS")
        let handovers = json["handovers"] as! [[String: Any]]
        // Counter -> land office twice (two dossiers), land office -> leader twice (one), by name then.
        #expect(handovers.map { $0["from"] as? String } == ["Counter", "Land office", "Leader", "Leader"])
        #expect(handovers.map { $0["count"] as? Int } == [2, 2, 1, 1])
        #expect(handovers.map { $0["dossiers"] as? Int } == [2, 1, 1, 1])
        let staffing = json["handlers_per_working_day"] as! [[String: Any]]
        #expect(staffing.count == 4)
        let dossiers = json["dossiers"] as! [String: Any]
        #expect(dossiers["histories"] as? Int == 3 && dossiers["paused_working_seconds"] as? Int == 8 * 3600)
    }

    @Test func csvReadsBack() {
        let rows = ReferenceCSV.table(StepTimeRenderer.csv(Self.result()))
        #expect(rows.map { $0["scope"]! } == ["group", "group", "group", "group", "total"])
        #expect(rows[0]["department"] == "Land office")
        #expect(rows[0]["working_seconds"] == "54000")
        #expect(rows[0]["share_of_time_percent"] == "55.5555")
        #expect(rows[1]["late_over_plan_percent"] == "100.0000")
        #expect(rows[3]["department"] == "<script>x</script>")
        #expect(rows[4]["department"] == "" && rows[4]["dossiers"] == "3")
        // The median of one hour and fourteen: the first by nearest rank, 1 h = 0.125 working days.
        #expect(rows[0]["median_working_days"] == "0.125")
        let excel = StepTimeRenderer.csv(Self.result(), style: .excel(.vi))
        #expect(excel.hasPrefix("\u{FEFF}scope;department;"))
        #expect(excel.contains(";55,5555;"))
    }

    @Test func tableLeadsWithTheBottleneck() {
        let text = StepTimeRenderer.table(Self.result(), context: Self.context, top: 2, language: .en)
        #expect(
            text.contains(
                "Bottleneck: Land office holds 55.55% of the dossiers' working time (median 1h per dossier); 0.00% of the late dossiers it handled overran a step's planned time there."
            ))
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("Department") }!
        #expect(lines[header + 1].hasPrefix("Land office"))
        #expect(lines[header + 2].hasPrefix("Leader"))
        #expect(lines[header + 3].hasPrefix("Total"))
        #expect(lines[header + 4] == "... 2 more rows (--top 0 shows all)")
        #expect(text.contains("Waiting for a supplement (the citizen's time, in no department): 1d"))
        let vi = StepTimeRenderer.table(Self.result(), context: Self.context, language: .vi)
        #expect(vi.contains("Điểm nghẽn: Land office giữ 55,55% thời gian làm việc"))
        #expect(vi.contains("Phòng ban"))
    }

    @Test func documentShowsTheBreakdownAndWhereTheTimeGoesPerProcedure() throws {
        let result = Self.result()
        let document = Document.stepTime(result, provenance: DocumentProvenance(asOf: result.asOf), language: .en)
        #expect(document.kind == .steps)
        #expect(document.sections.map(\.id) == ["summary", "groups", "procedures", "handovers", "staffing"])
        guard case .callout(let headline, let tone) = document.sections[0].blocks[0] else {
            Issue.record("the headline comes first")
            return
        }
        #expect(headline.hasPrefix("Bottleneck: Land office holds 55.55%"))
        #expect(tone == .warning)
        let groups = document.tables.first { $0.id == "groups" }!
        #expect(groups.columns.map(\.key).prefix(5) == ["department", "dossiers", "median", "p90", "time_held"])
        #expect(groups.rows[0][0] == .text("Land office"))
        #expect(groups.rows[0][4] == .duration(15 * 3600, perDay: 28_800))
        #expect(groups.rows[0][5] == .rate(15 * 3600, of: 27 * 3600))
        #expect(groups.rows[1][7] == .rate(1, of: 1, tone: .bad))
        #expect(groups.footer[0][1] == .integer(3))

        var chart: DocumentChart?
        for case .chart(let c) in document.sections[2].blocks { chart = c }
        let procedures = try #require(chart)
        // SAME holds 24 h, HOURS 3 h; departments by the time they hold: land 15 h, leader 9 h, counter 3 h.
        #expect(procedures.categories == ["SAME", "HOURS"])
        #expect(procedures.series.map(\.name) == ["Land office", "Leader", "Counter"])
        #expect(procedures.stacked)
        // Mean working days per dossier: 14 h, 9 h, 1 h of one SAME dossier; 1 h and 2 h over two HOURS dossiers.
        #expect(procedures.series.map { $0.values[0] } == [1.75, 1.125, 0.125])
        #expect(procedures.series.map { $0.values[1] } == [0.0625, 0, 0.125])
        #expect(procedures.table?.rows[1][1] == .integer(2))
    }

    @Test func htmlAndWorkbookRenderTheDocument() throws {
        let result = Self.result()
        for language in [Language.vi, .en] {
            let document = Document.stepTime(
                result, provenance: DocumentProvenance(asOf: result.asOf), language: language)
            let html = HTMLRenderer.render(document)
            #expect(html.contains("<svg"))
            #expect(!html.contains("<script>x"))
            #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
            let workbook = XLSXRenderer.workbook(document)
            #expect(workbook.sheets.count == 6, "tiles, groups, chart data, hand-overs, staffing, source")
            let groups = workbook.sheets[1]
            #expect(groups.rows[0][0] == .text("Land office"))
            #expect(groups.rows[0][5] == .percent("55.55"))
            let bytes = try XLSXRenderer.render(document)
            #expect(bytes.prefix(2) == [0x50, 0x4B])
            let markdown = MarkdownRenderer.render(document)
            #expect(markdown.contains("SAME"))
        }
    }

    @Test func everyStepWordIsWordedInBothLanguages() {
        for (key, pair) in Labels.stepWords {
            #expect(!pair.en.isEmpty && !pair.vi.isEmpty, "\(key)")
            // Placeholders agree, so a Vietnamese sentence shows the same figures.
            func holes(_ s: String) -> [String] {
                s.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
                    .sorted()
            }
            #expect(holes(pair.en) == holes(pair.vi), "\(key)")
        }
    }
}
