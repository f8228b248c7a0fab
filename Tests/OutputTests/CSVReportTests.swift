import Metrics
import Output
import TestSupport
import Testing
import _TextSupport

/// `--format csv`, read back with the slow RFC 4180 reader of TestSupport.
@Suite struct CSVReportTests {
    let header =
        ["scope", "agency", "channel"] + countNames + rateFormulas.map { $0.name + "_percent" }
        + ["processing_median_working_days", "processing_p90_working_days"]

    /// The cells of one row as the sample says they should read.
    func expectedRow(
        scope: String, key: [String?], counts: [String: Int], durations: [(minutes: Int, dossiers: Int)]
    ) -> [String] {
        var row = [scope] + key.map { $0 ?? "" }
        row += countNames.map { String(counts[$0, default: 0]) }
        row += rateFormulas.map { formula in
            let (numerator, denominator) = expectedRate(formula.name, counts)
            return expectedPercent(numerator, denominator, decimals: 4) ?? ""
        }
        row += [0.5, 0.9].map { Sample.processingDays(durations, percentile: $0, decimals: 3) ?? "" }
        return row
    }

    @Test func aHeaderThenOneRowPerGroupThenTheTotal() {
        let text = ReportRenderer.csv(Sample.result())
        #expect(text.hasSuffix("\n"))
        let records = ReferenceCSV.records(text)
        #expect(records.first == header)
        #expect(records.count == 1 + Sample.groups.count + 1)
        for (i, record) in records.enumerated() {
            #expect(record.count == header.count, "record \(i) has \(record.count) fields: \(record)")
        }
        var expected = Sample.groups.map {
            expectedRow(scope: "group", key: $0.key, counts: $0.counts, durations: $0.durations)
        }
        expected.append(
            expectedRow(
                scope: "total", key: [nil, nil], counts: Sample.totalCounts, durations: Sample.totalDurations))
        for (record, row) in zip(records.dropFirst(), expected) {
            #expect(record.count == row.count && zip(record, row).allSatisfy { sameScalars($0, $1) }, "\(record)")
        }
    }

    @Test func withoutDimensionsOnlyTheTotalRow() {
        var result = Sample.result()
        result.dimensions = []
        result.groups = []
        let records = ReferenceCSV.records(ReportRenderer.csv(result))
        #expect(records.count == 2)
        #expect(records.first?.first == "scope" && records.first?.count == header.count - 2)
        #expect(records.last?.first == "total" && records.last?.count == header.count - 2)
    }

    @Test(arguments: [
        ("UBND xã Dân Hòa", "UBND xã Dân Hòa"),
        ("", ""),
        ("Văn phòng, một cửa", "\"Văn phòng, một cửa\""),
        ("Bộ phận \"Một cửa\"", "\"Bộ phận \"\"Một cửa\"\"\""),
        ("\"", "\"\"\"\""),
        ("Phòng\nKinh tế", "\"Phòng\nKinh tế\""),
        ("Phòng\rKinh tế", "\"Phòng\rKinh tế\""),
        // One Character, equal to neither "\r" nor "\n".
        ("Phòng\r\nKinh tế", "\"Phòng\r\nKinh tế\""),
        // A quote with a combining mark after it is one Character too.
        ("a\"\u{301}b", "\"a\"\"\u{301}b\""),
        (",\u{301}", "\",\u{301}\""),
    ])
    func fieldsAreQuotedPerRFC4180(field: String, expected: String) {
        let quoted = NumberText.csvField(field)
        #expect(sameScalars(quoted, expected), "\(quoted.debugDescription)")
        let back = ReferenceCSV.records("x," + quoted + "\n")
        #expect(back.count == 1 && sameScalars(back.first?.last, field))
    }
}
