import Engine
import Foundation
import Output
import Targets
import TestSupport
import Testing

/// The period table as a document: one section per period with the table (STT, unit, the
/// counts as integers, the on-time rate as its fraction, a total footer), the balance, the
/// fallbacks, the warnings first and the chain last; the same figures as the JSON output.
@Suite struct PeriodDocumentTests {
    @Test func documentHoldsTheTableOfEveryPeriod() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-doc-\(UUID().uuidString).csv")
        try Data(RandomDossierLog.make(seed: 3, count: 500).utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = PeriodOptions()
        options.periods = try ReportingPeriod.chain("2026-03..2026-04")
        options.dimensions = [.agency]
        let report = try PeriodEngine.run(files: [url.path], options: options)
        let json = try JSONSerialization.jsonObject(with: Data(PeriodRenderer.json(report).utf8)) as! [String: Any]
        let periods = json["periods"] as! [[String: Any]]
        for language in [Language.vi, .en] {
            let document = Document.period(report, language: language, provenance: DocumentProvenance())
            #expect(document.kind == .period)
            #expect(document.sections.map(\.id) == ["warnings", "period_1", "period_2", "chain"])
            #expect(document.tables.map(\.id) == ["period_1_1", "period_1_2", "period_2_1", "period_2_2"])
            for (t, table) in document.tables.enumerated() {
                let p = t / 2
                #expect(table.columns.first?.key == "stt" && table.columns[1].key == "unit")
                let rows = periods[p]["rows"] as! [[String: Any]]
                let total = periods[p]["total"] as! [String: Any]
                #expect(table.rows.count == rows.count)
                #expect(table.footer.count == 1)
                for (cells, row) in zip(table.rows + table.footer, rows + [total]) {
                    for (column, cell) in zip(table.columns, cells) {
                        switch cell.value {
                        case .integer(let n) where column.key == "stt": #expect(n == row["stt"] as? Int)
                        case .integer(let n): #expect(n == row[column.key] as? Int, "\(column.key)")
                        case .rate(let numerator, let denominator):
                            let rate = row["on_time_rate"] as! [String: Any]
                            #expect(
                                numerator == rate["numerator"] as? Int && denominator == rate["denominator"] as? Int)
                        case .text(let unit) where row["stt"] == nil:
                            #expect(unit == (language == .vi ? "Tổng cộng" : "Total"))
                        case .text(let unit):
                            // A dossier without a unit is labelled, as in the table.
                            #expect(unit == (row["unit"] as? String ?? (language == .vi ? "(không có)" : "(none)")))
                        case .empty: #expect(column.key == "stt" && row["stt"] == nil, "only the total has no STT")
                        default: Issue.record("unexpected cell \(cell) in \(column.key)")
                        }
                    }
                }
            }
            // The two parts hold every column of the table once.
            let keys = document.tables.prefix(2).flatMap { $0.columns.dropFirst(2).map(\.key) }
            #expect(keys.sorted() == (PeriodColumns.counts.map(\.key) + ["on_time_rate"]).sorted())
        }
        let vietnamese = Document.period(report, language: .vi, provenance: DocumentProvenance())
        #expect(vietnamese.title == "Tình hình giải quyết hồ sơ thủ tục hành chính")
        #expect(vietnamese.sections[1].title == "Tháng 3 năm 2026 (01/03/2026 – 31/03/2026)")
        #expect(
            vietnamese.tables.map(\.title).prefix(2) == [
                "Tháng 3 năm 2026: tiếp nhận, giải quyết", "Tháng 3 năm 2026: quá hạn, tồn cuối kỳ",
            ])
        #expect(vietnamese.tables[0].columns.map(\.title).contains("Kỳ trước chuyển qua"))
    }
}

@Suite struct PeriodLabelsTests {
    static let phrases = [
        "balance", "balance_rows", "basis", "basis_period", "chain", "chain_text", "verdict_fails", "fallbacks",
        "verdict_holds",
        "judged_at", "left_out_new", "legend", "period", "returned_fallback", "returned_outside", "rows_checked",
        "total", "warning_after_log", "warning_log_start", "warning_log_start_first", "warning_unplaced",
        "withdrawn_fallback", "table_part_1", "table_part_2", "title", "warnings",
    ]

    @Test func everyColumnAndPhraseIsWordedInBothLanguages() {
        let columns = ["stt", "on_time_rate"] + PeriodColumns.counts.map(\.key)
        for key in columns {
            for long in [false, true] {
                let en = Labels.periodColumn(key, .en, long: long)
                let vi = Labels.periodColumn(key, .vi, long: long)
                // A missing title falls back to the key, in both languages.
                #expect(en != key && vi != key && en != vi, "\(key) long \(long)")
            }
        }
        for key in Self.phrases {
            let en = Labels.periodPhrase(key, .en)
            let vi = Labels.periodPhrase(key, .vi)
            #expect(en != key && vi != key && en != vi, "\(key)")
            // Placeholders are the same in both.
            let holes = { (text: String) in text.split(separator: "{").dropFirst().map { $0.prefix { $0 != "}" } } }
            #expect(holes(en) == holes(vi), "\(key)")
        }
        // Long titles tell the two no-due columns apart.
        #expect(
            Labels.periodColumn("finished_no_due", .vi, long: true)
                != Labels.periodColumn("in_progress_no_due", .vi, long: true))
    }
}
