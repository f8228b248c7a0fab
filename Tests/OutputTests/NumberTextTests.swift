import Metrics
import Output
import TestSupport
import Testing
import _TextSupport

@Suite struct NumberTextTests {
    @Test(
        arguments: [
            (0.0, 2, "0.00"), (0, 4, "0.0000"), (0, 0, "0"), (100, 2, "100.00"), (100, 4, "100.0000"),
            (99.5, 2, "99.50"), (12, 0, "12"),
            // Carries into the whole part.
            (99.999, 2, "100.00"), (9.99996, 4, "10.0000"),
            // Below half a unit in the last place: zero, never "-0.00".
            (0.004, 2, "0.00"), (-0.004, 2, "0.00"),
            // Halves that binary floating point holds exactly go away from zero.
            (2.5, 0, "3"), (3.125, 2, "3.13"), (0.78125, 4, "0.7813"), (-1.5, 0, "-2"),
            (-1.25, 1, "-1.3"), (100.0 / 3, 4, "33.3333"), (200.0 / 3, 4, "66.6667"),
        ] as [(Double, Int, String)])
    func fixedRoundsToTheGivenPlaces(value: Double, decimals: Int, expected: String) {
        #expect(NumberText.fixed(value, decimals: decimals) == expected)
    }

    @Test(
        arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1240, "1,240"), (999_999, "999,999"),
            (1_000_000, "1,000,000"), (1_234_567, "1,234,567"), (-999, "-999"), (-1234, "-1,234"),
        ] as [(Int, String)])
    func groupedPutsACommaEveryThreeDigits(value: Int, expected: String) {
        #expect(NumberText.grouped(value) == expected)
        #expect(thousands(value) == expected)
    }

    @Test(
        arguments: [
            (0, 0, 2, nil), (5, 0, 2, nil), (0, 5, 2, "0.00"), (5, 5, 2, "100.00"), (97, 100, 2, "97.00"),
            (97, 100, 4, "97.0000"), (1, 3, 4, "33.3333"), (2, 3, 4, "66.6666"), (1, 16, 1, "6.2"), (1, 2, 0, "50"),
            (1, 200, 0, "0"), (199, 200, 0, "99"), (1, 20_000, 2, "0.00"), (2, 20_000, 2, "0.01"),
            (3, 2, 2, "150.00"), (-1, 8, 1, "-12.5"), (-1, 16, 1, "-6.2"), (-1, 1_000_000, 2, "0.00"),
            // Just under a target never shows as the target.
            (24_749, 25_000, 2, "98.99"), (99_999, 100_000, 2, "99.99"), (999_999, 1_000_000, 4, "99.9999"),
            // Counts too large for the integer product still truncate.
            (Int.max / 2, Int.max, 2, "49.99"),
        ] as [(Int, Int, Int, String?)])
    func percentTruncatesTheExactFraction(numerator: Int, denominator: Int, decimals: Int, expected: String?) {
        #expect(NumberText.percent(numerator, of: denominator, decimals: decimals) == expected)
    }

    /// Every rate with a denominator up to 200, against integer arithmetic on the fraction itself.
    @Test func ratePercentsMatchTheExactFraction() {
        for denominator in 1...200 {
            for numerator in 0...denominator {
                let percent = expectedPercent(numerator, denominator, decimals: 4)!
                let expected = "{\"percent\": \(percent), \"numerator\": \(numerator), \"denominator\": \(denominator)}"
                let actual = ReportRenderer.rateJSON(Rate(numerator, denominator)).lineText
                if actual != expected {
                    Issue.record("\(numerator)/\(denominator): \(actual), expected \(expected)")
                    return
                }
            }
        }
    }

    /// A rate just under a printed value shows the value below, in every format, though the
    /// nearest Double to it may lie above: 3/2,000,000 is 0.00015%, 29/20,000 is 0.145%.
    @Test func ratesAreTruncatedInEveryFormat() throws {
        #expect(ReportRenderer.rateJSON(Rate(3, 2_000_000)).lineText.hasPrefix("{\"percent\": 0.0001,"))
        #expect(ReportRenderer.rateJSON(Rate(29, 2_000_000)).lineText.hasPrefix("{\"percent\": 0.0014,"))

        var result = Sample.result()
        result.totals = SampleGroup(key: [], counts: ["early": 29, "late": 19_971]).aggregate
        let table = ReportRenderer.table(result, language: .en)
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("Finished on time ") })
        #expect(row.hasSuffix(" 0.14%  29 / 20,000"), "\(row)")

        result.totals = SampleGroup(key: [], counts: ["early": 24_749, "late": 251]).aggregate
        let total = ReferenceCSV.table(ReportRenderer.csv(result)).last
        #expect(total?["scope"] == "total" && total?["on_time_percent"] == "98.9960")
        let onTime = try #require(
            ReportRenderer.table(result, language: .en).split(separator: "\n").first {
                $0.hasPrefix("Finished on time ")
            })
        #expect(onTime.hasSuffix(" 98.99%  24,749 / 25,000"), "\(onTime)")
    }
}
