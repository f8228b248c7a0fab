import Engine
import Foundation
import Ingest
import Output
import Testing

@testable import Metrics

/// `--format json` against the README's schema, with every value worked out from the sample's counts.
@Suite struct JSONReportTests {
    func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Checks one aggregate object (the totals or a group) against the counts and durations it came from.
    func checkAggregate(
        _ object: [String: Any], counts: [String: Int], durations: [(minutes: Int, dossiers: Int)],
        _ context: String
    ) throws {
        for name in countNames {
            #expect(object[name] as? Int == counts[name, default: 0], "\(context): \(name)")
        }
        let rates = try #require(object["rates"] as? [String: [String: Any]], "\(context)")
        #expect(Set(rates.keys) == Set(rateFormulas.map(\.name)), "\(context)")
        for (name, _, _) in rateFormulas {
            let rate = try #require(rates[name], "\(context): \(name)")
            let (numerator, denominator) = expectedRate(name, counts)
            #expect(rate["numerator"] as? Int == numerator, "\(context): \(name)")
            #expect(rate["denominator"] as? Int == denominator, "\(context): \(name)")
            if let percent = expectedPercent(numerator, denominator, decimals: 4) {
                #expect(rate["percent"] as? Double == Double(percent)!, "\(context): \(name) = \(percent)")
            } else {
                #expect(rate["percent"] is NSNull, "\(context): \(name) has no denominator")
            }
        }
        let processing = try #require(object["processing_working_days"] as? [String: Any], "\(context)")
        #expect(processing["finished"] as? Int == durations.reduce(0) { $0 + $1.dossiers }, "\(context)")
        for (name, q) in [("median", 0.5), ("p90", 0.9)] {
            if let days = Sample.processingDays(durations, percentile: q, decimals: 3) {
                #expect(processing[name] as? Double == Double(days)!, "\(context): \(name) = \(days)")
            } else {
                #expect(processing[name] is NSNull, "\(context): \(name) without finished dossiers")
            }
        }
        let expectedKeys = Set(countNames + ["rates", "processing_working_days"])
        #expect(Set(object.keys).subtracting(["key"]) == expectedKeys, "\(context)")
    }

    @Test func totalsCarryEveryCountRateAndProcessingTime() throws {
        let object = try parse(ReportRenderer.json(Sample.result()))
        #expect(Set(object.keys) == ["as_of", "clock", "totals", "groups", "input"])
        #expect(object["as_of"] as? String == Sample.asOfText)
        #expect(object["clock"] as? String == "working")
        let totals = try #require(object["totals"] as? [String: Any])
        try checkAggregate(totals, counts: Sample.totalCounts, durations: Sample.totalDurations, "totals")
    }

    @Test func groupsKeepTheirOrderAndKeysWithNullForAbsentValues() throws {
        let object = try parse(ReportRenderer.json(Sample.result()))
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == Sample.groups.count)
        for (group, sample) in zip(groups, Sample.groups) {
            let key = try #require(group["key"] as? [String: Any])
            #expect(Set(key.keys) == ["agency", "channel"])
            for (name, value) in zip(["agency", "channel"], sample.key) {
                if let value {
                    #expect(sameScalars(key[name] as? String, value), "\(name) of \(sample.key)")
                } else {
                    #expect(key[name] is NSNull, "\(name) of \(sample.key)")
                }
            }
            try checkAggregate(group, counts: sample.counts, durations: sample.durations, "group \(sample.key)")
        }
    }

    @Test func keysListTheDimensionsInByOrder() throws {
        let text = ReportRenderer.json(Sample.result())
        let line = try #require(text.split(separator: "\n").first { $0.contains("Công an xã") })
        let agency = try #require(line.range(of: "\"agency\""))
        let channel = try #require(line.range(of: "\"channel\""))
        #expect(agency.lowerBound < channel.lowerBound)
    }

    @Test func inputCountsEveryRecordAndFile() throws {
        let object = try parse(ReportRenderer.json(Sample.result()))
        let input = try #require(object["input"] as? [String: Any])
        let summary = Sample.input
        #expect(input["records"] as? Int == 1395)
        #expect(input["rejected"] as? Int == 4)
        #expect(input["duplicates"] as? Int == 2)
        #expect(input["replaced"] as? Int == 1)
        // records = accepted + rejected + replaced: nothing dropped silently.
        #expect(input["accepted"] as? Int == 1395 - 4 - 1)
        #expect(input["outside_selection"] as? Int == Sample.outsideSelection)
        let files = try #require(input["files"] as? [[String: Any]])
        #expect(files.count == summary.files.count)
        for (file, expected) in zip(files, summary.files) {
            #expect(sameScalars(file["path"] as? String, expected.path))
            #expect(file["records"] as? Int == expected.records)
            #expect(file["rejected"] as? Int == expected.rejected)
        }
    }

    @Test func anEmptyReportIsStillValidJSON() throws {
        let result = ReportResult(
            dimensions: [.agency], totals: KPIAggregate(), groups: [], input: InputSummary(), outsideSelection: 0,
            asOf: nil, workingSecondsPerDay: Int64(Sample.secondsPerDay), clock: .calendar)
        let object = try parse(ReportRenderer.json(result))
        #expect(object["as_of"] is NSNull)
        #expect(object["clock"] as? String == "calendar")
        #expect((object["groups"] as? [Any])?.isEmpty == true)
        let totals = try #require(object["totals"] as? [String: Any])
        try checkAggregate(totals, counts: [:], durations: [], "empty totals")
    }

    @Test(arguments: ["tab\there", "bell\u{7}", "back\\slash", "quote \" and\nline", "Sở Tư pháp"])
    func keysWithControlCharactersRoundTrip(agency: String) throws {
        var result = Sample.result()
        result.dimensions = [.agency]
        result.groups = [GroupResult(key: GroupKey(values: [agency], ranks: [0]), aggregate: KPIAggregate())]
        let object = try parse(ReportRenderer.json(result))
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        #expect(sameScalars((group["key"] as? [String: Any])?["agency"] as? String, agency))
    }

    @Test func rateTextCarriesNumeratorAndDenominator() {
        #expect(
            ReportRenderer.rateJSON(Rate(97, 100)).lineText
                == "{\"percent\": 97.0000, \"numerator\": 97, \"denominator\": 100}")
        #expect(
            ReportRenderer.rateJSON(Rate(0, 0)).lineText == "{\"percent\": null, \"numerator\": 0, \"denominator\": 0}")
        #expect(
            ReportRenderer.rateJSON(Rate(5, 5)).lineText
                == "{\"percent\": 100.0000, \"numerator\": 5, \"denominator\": 5}")
        #expect(
            ReportRenderer.rateJSON(Rate(0, 7)).lineText
                == "{\"percent\": 0.0000, \"numerator\": 0, \"denominator\": 7}")
    }
}
