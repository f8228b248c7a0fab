import CivilTime
import Engine
import Foundation
import Metrics
import Targets
import TestSupport
import Testing

@testable import Output

/// The documents' contents and text: what a report document holds, how its values read, and that
/// text from the log never becomes markup in HTML or Markdown.
@Suite struct DocumentTests {
    static let hostile = [
        "<script>alert(1)</script>", "\" onload=\"alert(2)", "<img src=x onerror=alert(3)>", "a|b*c_[d]",
    ]

    static func withLog<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-doc-\(UUID().uuidString).csv")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// A report document of a seeded random log, in `language`.
    static func report(
        seed: UInt64 = 3, count: Int = 600, profile: TargetProfile? = nil, period: ReportingPeriod? = nil,
        language: Language = .vi
    ) throws -> (Document, ReportResult, ReportDetails) {
        try withLog(RandomDossierLog.make(seed: seed, count: count)) { path in
            var options = ReportOptions()
            options.dimensions = [.agency]
            let (result, details) = try KPIEngine.run(files: [path], options: options, lateLimit: 200)
            let provenance = DocumentProvenance(input: result.input, period: period, asOf: result.asOf)
            let document = Document.report(
                result, details: details, profile: profile, provenance: provenance, language: language)
            return (document, result, details)
        }
    }

    static func tiles(_ document: Document) -> [KPITile] {
        document.sections.flatMap { $0.blocks }.flatMap { block -> [KPITile] in
            if case .tiles(let tiles) = block { return tiles }
            return []
        }
    }

    @Test func ratesReadByTheOneDisplayRuleInEachLanguage() {
        // 24,749 of 25,000 is 98.996%: shown 98.99, never 99.00.
        #expect(DocumentText.text(.rate(numerator: 24_749, denominator: 25_000), .vi) == "98,99%")
        #expect(DocumentText.text(.rate(numerator: 24_749, denominator: 25_000), .en) == "98.99%")
        #expect(DocumentText.text(.rate(numerator: 1, denominator: 0), .vi) == "–")
        #expect(DocumentText.text(.integer(1_234_567), .vi) == "1.234.567")
        #expect(DocumentText.text(.integer(-3000), .en) == "-3,000")
        #expect(DocumentText.text(.decimal(1234.5, decimals: 2), .vi) == "1.234,50")
        // A simulated percentage is cut like a rate, and 99.43 stored as 99.4299... stays 99.43.
        #expect(DocumentText.text(.percent(98.996, decimals: 2), .en) == "98.99%")
        #expect(DocumentText.text(.percent(99.43, decimals: 2), .vi) == "99,43%")
        #expect(DocumentText.text(.percent(-0.015, decimals: 2), .en) == "-0.01%")
        #expect(DocumentText.text(.date(CivilDate(year: 2026, month: 3, day: 14)), .vi) == "14/03/2026")
        #expect(DocumentText.text(.date(CivilDate(year: 2026, month: 3, day: 14)), .en) == "2026-03-14")
        let t = Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 5)
        #expect(DocumentText.text(.timestamp(t), .vi) == "02/03/2026 08:05")
        #expect(
            DocumentText.text(.duration(seconds: 2 * 28_800 + 3 * 3600 + 20 * 60, secondsPerDay: 28_800), .vi)
                == "2 ngày 3h20")
        #expect(
            DocumentText.text(.duration(seconds: 2 * 28_800 + 3 * 3600 + 20 * 60, secondsPerDay: 28_800), .en)
                == "2d 3h20m")
        #expect(DocumentText.text(.duration(seconds: 45 * 60, secondsPerDay: 28_800), .vi) == "45 phút")
        #expect(DocumentText.text(.flag(true), .vi) == "có")
    }

    @Test func reportTilesCarryTheTotalsAndTheProfilesVerdicts() throws {
        let profile = try TargetProfile.load("hanoi-commune-2026")
        let (document, result, _) = try Self.report(profile: profile)
        let tiles = Dictionary(uniqueKeysWithValues: Self.tiles(document).map { ($0.key, $0) })
        let counts = result.totals.counts
        for kpi in KPI.allCases {
            let tile = try #require(tiles[kpi.jsonName])
            let rate = counts.rate(kpi)
            #expect(tile.fraction?.numerator == rate.numerator && tile.fraction?.denominator == rate.denominator)
            let item = profile.targets.first { $0.target.metric == .rate(kpi) }
            #expect((tile.target != nil) == (item != nil), "\(kpi)")
            if let item, let verdict = tile.target {
                let status = item.target.evaluate(counts).status
                #expect(verdict.tone == (status == .met ? .good : status == .missed ? .bad : .muted))
            }
        }
        #expect(tiles["received"]?.value.value == .integer(counts.received))
        #expect(tiles["in_progress_overdue"]?.value.value == .integer(counts.inProgressOverdue))
    }

    @Test func reportListsLateDossiersAndRanksUnitsByExactOnTimeRate() throws {
        let (document, result, details) = try Self.report(count: 3000)
        let late = try #require(document.tables.first { $0.id == "late_dossiers" })
        #expect(late.rows.count == min(200, result.totals.counts.late))
        #expect(late.totalRows == (result.totals.counts.late > 200 ? result.totals.counts.late : nil))
        let units = try #require(document.tables.first { $0.id == "units" })
        #expect(units.rows.count == details.units.count)
        let rates: [(Int, Int)] = units.rows.compactMap { row in
            if case .rate(let n, let d) = row[4].value, d > 0 { return (n, d) }
            return nil
        }
        for (a, b) in zip(rates, rates.dropFirst()) { #expect(a.0 * b.1 >= b.0 * a.1) }
        // The trend's buckets hold every received dossier once.
        let trend = try #require(
            document.sections.flatMap(\.blocks).compactMap { block -> DocumentChart? in
                if case .chart(let c) = block, c.id == "trend" { return c }
                return nil
            }.first)
        let received = trend.series.first { $0.key == "received" }!.values.compactMap { $0 }.reduce(0, +)
        #expect(Int(received) == result.totals.counts.received)
    }

    @Test func trendsAreDailyUpToTwoMonthsThenWeeklyThenMonthly() {
        func buckets(days: Int) -> TrendBuckets {
            var c = KPICounts()
            c.received = 1
            let start = CivilDate(year: 2026, month: 1, day: 5).dayNumber
            return TrendBuckets(
                [(CivilDate(dayNumber: start), c), (CivilDate(dayNumber: start + days - 1), c)], period: nil)
        }
        #expect(buckets(days: 1).categories.count == 1)
        #expect(buckets(days: 62).categories.count == 62)
        // 63 days from a Monday: nine full weeks.
        #expect(buckets(days: 63).categories.count == 9)
        #expect(buckets(days: 63).categories.first == "05/01")
        #expect(buckets(days: 800).size == .month)
        #expect(buckets(days: 800).counts.map(\.received).reduce(0, +) == 2)
    }

    @Test func markdownHeadingsFollowTheReportingPeriod() throws {
        let period = try ReportingPeriod.parse("2026-q1")
        let (vi, _, _) = try Self.report(period: period)
        let text = MarkdownRenderer.render(vi)
        #expect(text.hasPrefix("# Kết quả giải quyết hồ sơ thủ tục hành chính – Quý I năm 2026\n"))
        #expect(text.contains("*Quý I năm 2026 (15/12/2025 – 14/03/2026)"))
        let (en, _, _) = try Self.report(period: try ReportingPeriod.parse("2026-h1"), language: .en)
        #expect(MarkdownRenderer.render(en).hasPrefix("# Administrative procedure dossiers: results – H1 2026\n"))
        #expect(text.contains("\n## Xếp hạng đơn vị theo tỷ lệ đúng hạn\n"))
    }

    @Test func htmlEscapesEveryCharacterThatCouldStartMarkup() {
        #expect(
            HTMLText.escape("<script>\"x\" & 'y'</script>")
                == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(HTMLText.escape("a\u{0}b") == "a\u{FFFD}b")
        #expect(MarkdownRenderer.inline("<b>|*x*|_[y]_\nz") == "&lt;b>\\|\\*x\\*\\|\\_\\[y\\]\\_ z")
    }

    /// A log whose unit, procedure name and id are markup: every format shows them as text.
    @Test func textFromTheLogIsNeverMarkup() throws {
        var log = "MaHoSo,MaTTHC,TenTTHC,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy\n"
        for (i, name) in Self.hostile.enumerated() {
            func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let q = quoted(name)
            log += "\(quoted(name + String(i))),\(q),\(q),\(q),1,10,20260302081500,20260303081500,20260310160000\n"
        }
        try Self.withLog(log) { path in
            let (result, details) = try KPIEngine.run(files: [path], options: ReportOptions(), lateLimit: 200)
            #expect(details.late.sorted.contains { $0.procedureName == Self.hostile[0] })
            let document = Document.report(
                result, details: details, profile: nil, provenance: DocumentProvenance(input: result.input),
                language: .en)
            let html = HTMLRenderer.render(document)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("\" onload"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&quot; onload=&quot;alert(2)"))
            let markdown = MarkdownRenderer.render(document)
            #expect(!markdown.contains("<script") && !markdown.contains("<img"))
            #expect(markdown.contains("&lt;script>alert(1)&lt;/script>"))
            // The late dossier's row keeps its cells: each `|` in its id, unit and names is escaped.
            let lines = markdown.split(separator: "\n")
            let header = try #require(lines.first { $0.hasPrefix("| \\#") })
            let row = try #require(lines.first { $0.components(separatedBy: "a\\|b").count == 5 })
            let bars = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(bars == header.filter { $0 == "|" }.count)
        }
    }

    @Test func theHTMLIsSelfContained() throws {
        let (document, _, _) = try Self.report()
        let html = HTMLRenderer.render(document)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("default-src 'none'"))
        for forbidden in ["<script", "<link", "@import", "url(", "http://", "https://", "src="] {
            // The SVG namespace is a name, not a fetch.
            let text = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!text.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@page { size: A4"))
    }

    /// With 300 units and long names, the bar chart's labels are cut to their column and the
    /// category labels of a long daily trend are spaced so that none overlaps the next.
    @Test(arguments: [1, 7, 300])
    func chartLabelsKeepTheirDistance(categories n: Int) {
        let names = (0..<n).map { "Trung tâm Phục vụ hành chính công phường số \($0), thành phố Hà Nội" }
        let bars = DocumentChart(
            id: "units", title: "t", categoryTitle: "Đơn vị", categories: names,
            series: [
                .init(
                    key: "on_time", name: "Đúng hạn", values: (0..<n).map { Double($0 % 101) }, style: .bars,
                    exact: (0..<n).map { .rate(numerator: $0 % 101, denominator: 100) })
            ],
            primaryAxis: .init(title: "%", unit: .percent, minimum: 0, maximum: 100))
        let days = (0..<n).map { "\($0 % 28 + 1)/03" }
        let columns = DocumentChart(
            id: "trend", title: "t", categoryTitle: "Ngày", categories: days,
            series: [.init(key: "received", name: "r", values: (0..<n).map { Double($0 * 37 % 500) }, style: .columns)],
            primaryAxis: .init(title: "Số hồ sơ", unit: .count, minimum: 0))
        for width in [720.0, 380] {
            for chart in [bars, columns] {
                let svg = SVGChart.render(chart, language: .vi, width: width)
                let labels = Self.texts(svg)
                #expect(!labels.isEmpty)
                for label in labels where label.rotate == nil {
                    let w = SVGChart.textWidth(label.text)
                    let left =
                        label.anchor == "end" ? label.x - w : label.anchor == "middle" ? label.x - w / 2 : label.x
                    #expect(left >= -0.5 && left + w <= width + 0.5, "\(label.text) leaves a \(width) chart")
                }
                // Labels on one line (same y) do not overlap.
                let rows = Dictionary(grouping: labels.filter { $0.rotate == nil }, by: \.y)
                for (_, row) in rows {
                    let spans = row.map { l -> (Double, Double) in
                        let w = SVGChart.textWidth(l.text)
                        let left = l.anchor == "end" ? l.x - w : l.anchor == "middle" ? l.x - w / 2 : l.x
                        return (left, left + w)
                    }.sorted { $0.0 < $1.0 }
                    for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.1 <= b.0 + 0.5) }
                }
            }
        }
    }

    /// The `<text>` elements of an SVG: position, anchor, rotation and content (entities decoded).
    static func texts(_ svg: String) -> [(x: Double, y: Double, anchor: String, rotate: String?, text: String)] {
        var out: [(Double, Double, String, String?, String)] = []
        var rest = Substring(svg)
        while let start = rest.range(of: "<text ") {
            let tag = rest[start.upperBound...].prefix { $0 != ">" }
            func attribute(_ name: String) -> String? {
                guard let r = tag.range(of: name + "=\"") else { return nil }
                return String(tag[r.upperBound...].prefix { $0 != "\"" })
            }
            let afterTag = rest[start.upperBound...].dropFirst(tag.count + 1)
            var content = String(afterTag.prefix { $0 != "<" || false })
            if afterTag.hasPrefix("<title>") {
                let close = afterTag.range(of: "</title>")!
                content = String(afterTag[close.upperBound...].prefix { $0 != "<" })
            }
            content = content.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            out.append(
                (
                    Double(attribute("x")!)!, Double(attribute("y")!)!, attribute("text-anchor")!,
                    attribute("transform"), content
                ))
            rest = afterTag
        }
        return out
    }
}

@Suite struct DocumentLabelTests {
    @Test func everyDocumentWordExistsInBothLanguages() {
        #expect(Set(Labels.englishDocumentWords.keys) == Set(Labels.vietnameseDocumentWords.keys))
        for (key, english) in Labels.englishDocumentWords {
            #expect(!english.isEmpty && !(Labels.vietnameseDocumentWords[key] ?? "").isEmpty, "\(key)")
        }
    }
}
