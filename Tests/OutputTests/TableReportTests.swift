import Engine
import Ingest
import Output
import Testing

@testable import Metrics

/// The terminal table: its blocks, their alignment in display columns, and both languages.
@Suite struct TableReportTests {
    /// Terminal columns taken by `text`: one per scalar, none for combining marks and format
    /// characters (enough for Latin script with Vietnamese diacritics, composed or not).
    func displayWidth<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return false
            default: return true
            }
        }.count
    }

    /// The lines under `title` up to the next blank line.
    func block(_ table: String, _ title: String) throws -> [Substring] {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == title }, "no block \(title)")
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// A row's cells: the renderer separates columns by at least two spaces and no cell holds two.
    func cells(_ line: Substring) -> [String] {
        line.split(separator: "  ").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
    }

    @Test(arguments: Language.allCases)
    func everyRowOfABlockHasTheSameDisplayWidth(language: Language) throws {
        let table = ReportRenderer.table(Sample.result(), language: language)
        for title in ["counts", "rates", "groups"] {
            let rows = try block(table, Labels.phrase(title, language))
            #expect(!rows.isEmpty)
            let widths = rows.map { displayWidth($0) }
            #expect(Set(widths).count == 1, "\(language) \(title): widths \(widths)\n\(rows.joined(separator: "\n"))")
        }
    }

    @Test func ratesShowPercentNumeratorAndDenominator() throws {
        let rows = try block(ReportRenderer.table(Sample.result(), language: .en), "Rates")
        let labels = [
            "progress": "Progress (early/on time/within)", "on_time": "Finished on time", "online": "Online",
            "full_online": "Full-online", "online_payment": "Online payment", "digitization": "Digitization",
            "e_result": "Electronic result", "apology": "Late with apology",
        ]
        #expect(rows.count == rateFormulas.count)
        for (name, _, _) in rateFormulas {
            let (numerator, denominator) = expectedRate(name, Sample.totalCounts)
            let percent = expectedPercent(numerator, denominator, decimals: 2).map { $0 + "%" } ?? "-"
            let expected = [labels[name]!, percent, thousands(numerator) + " / " + thousands(denominator)]
            #expect(rows.contains { cells($0) == expected }, "\(expected)")
        }
    }

    @Test func countsHeadAndProcessingLines() throws {
        let table = ReportRenderer.table(Sample.result(), language: .en)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count > 2)
        #expect(lines[0] == "As of: " + Sample.asOfText)
        #expect(
            lines[1]
                == "Input: 1,395 records, 4 rejected, 2 duplicate ids, 1 replaced (dedupe last), "
                + "5 outside the selected dates")
        let counts = try block(table, "Counts")
        #expect(counts.count == countNames.count)
        let received = try #require(counts.first { $0.hasPrefix("Received ") })
        #expect(cells(received) == ["Received", thousands(Sample.totalCounts["received"]!)])
        let median = Sample.processingDays(Sample.totalDurations, percentile: 0.5, decimals: 2)!
        let p90 = Sample.processingDays(Sample.totalDurations, percentile: 0.9, decimals: 2)!
        #expect(
            lines.contains(
                "Processing time of finished dossiers (working days): median \(median), 90th percentile \(p90)"))
        #expect(table.hasSuffix("\n"))
    }

    /// English number text in `language`'s style: Vietnamese writes 3.000 and 95,26.
    func styled(_ english: String, _ language: Language) -> String {
        language == .en ? english : String(english.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    @Test(arguments: Language.allCases)
    func groupRowsHoldKeysCountsAndEveryRate(language: Language) throws {
        let rows = try block(
            ReportRenderer.table(Sample.result(), language: language), Labels.phrase("groups", language))
        // A group without a key value and without a received dossier would be a row of zeros.
        let shown = Sample.groups.filter { group in
            !(group.key.contains { $0 == nil } && group.counts["received", default: 0] == 0)
        }
        #expect(rows.count == 1 + shown.count)
        for (row, group) in zip(rows.dropFirst(), shown) {
            let channels = ["in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"]
            var expected = group.key.map { value in
                // One line per row: a line break in a key (CRLF included) becomes one space.
                value.map { String($0.map { $0.isNewline ? " " : $0 }) } ?? Labels.phrase("none", language)
            }
            // The sample's second dimension is the channel: named in Vietnamese.
            if language == .vi, let channel = group.key[1] { expected[1] = channels[channel]! }
            expected += ["received", "finished", "late", "in_progress_overdue"].map {
                styled(thousands(group.counts[$0, default: 0]), language)
            }
            expected += rateFormulas.map { formula in
                let (numerator, denominator) = expectedRate(formula.name, group.counts)
                return expectedPercent(numerator, denominator, decimals: 2).map { styled($0, language) + "%" } ?? "-"
            }
            let actual = cells(row)
            #expect(
                actual.count == expected.count && zip(actual, expected).allSatisfy { sameScalars($0, $1) }, "\(row)")
        }
    }

    @Test func anAllZeroRowWithoutAKeyIsLeftOutButAKeyedOneStays() throws {
        var result = Sample.result()
        let notReceived = SampleGroup(key: [nil, nil], counts: ["not_received": 4]).aggregate
        let keyedZero = SampleGroup(key: ["UBND xã Mới", "postal"], counts: ["not_received": 1]).aggregate
        result.groups.append(GroupResult(key: GroupKey(values: [nil, nil], ranks: [0, 0]), aggregate: notReceived))
        result.groups.append(
            GroupResult(key: GroupKey(values: ["UBND xã Mới", "postal"], ranks: [0, 0]), aggregate: keyedZero))
        let rows = try block(ReportRenderer.table(result, language: .en), "Groups")
        #expect(!rows.contains { cells($0).prefix(2) == ["(none)", "(none)"] })
        #expect(rows.contains { cells($0).first == "UBND xã Mới" })
        // The machine formats keep every group.
        #expect(ReportRenderer.csv(result).contains("group,,,4,0,"))
    }

    @Test(arguments: Language.allCases)
    func groupHeaderNamesEveryColumnOnce(language: Language) throws {
        let rows = try block(
            ReportRenderer.table(Sample.result(), language: language), Labels.phrase("groups", language))
        let header = cells(try #require(rows.first))
        #expect(header.count == 2 + 4 + rateFormulas.count)
        // Every header starts with a capital letter, in both languages.
        #expect(header.allSatisfy { $0.first?.isUppercase == true }, "\(language): \(header)")
        #expect(Set(header).count == header.count, "\(language): \(header)")
    }

    @Test func vietnameseTableSharesNoLabelWithTheEnglishOne() throws {
        let english = ReportRenderer.table(Sample.result(), language: .en)
        let vietnamese = ReportRenderer.table(Sample.result(), language: .vi)
        #expect(english.split(separator: "\n").count == vietnamese.split(separator: "\n").count)
        for title in ["counts", "rates", "groups"] {
            let en = try block(english, Labels.phrase(title, .en))
            let vi = try block(vietnamese, Labels.phrase(title, .vi))
            #expect(en.count == vi.count)
            let enLabels = Set(en.map { cells($0)[0] })
            let viLabels = Set(vi.map { cells($0)[0] })
            // Group rows begin with keys, the same in both; their headers do not.
            if title == "groups" {
                #expect(cells(en[0]) != cells(vi[0]))
                #expect(Set(cells(en[0])).isDisjoint(with: cells(vi[0])))
            } else {
                #expect(enLabels.isDisjoint(with: viLabels), "\(title): \(enLabels.intersection(viLabels))")
            }
        }
        #expect(vietnamese.hasPrefix("Tính đến: " + Sample.asOfTextVietnamese + "\n"))
        #expect(vietnamese.contains("Giải quyết đúng hạn") && !vietnamese.contains("Finished on time"))
    }

    @Test func noGroupBlockWithoutDimensionsAndDashesWithoutData() throws {
        let result = ReportResult(
            dimensions: [], totals: KPIAggregate(), groups: [], input: .init(), outsideSelection: 0, asOf: nil,
            workingSecondsPerDay: Int64(Sample.secondsPerDay))
        let table = ReportRenderer.table(result, language: .en)
        #expect(!table.contains("Groups"))
        #expect(table.hasPrefix("As of: -\n"))
        for row in try block(table, "Rates") {
            #expect(Array(cells(row).dropFirst()) == ["-", "0 / 0"], "\(row)")
        }
        #expect(table.contains("median -, 90th percentile -"))
    }
}
