import Metrics
import Report
import TestSupport
import Testing

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
            (97, 100, 4, "97.0000"), (1, 3, 4, "33.3333"), (2, 3, 4, "66.6667"), (1, 16, 1, "6.3"), (1, 2, 0, "50"),
            (1, 200, 0, "1"), (1, 201, 0, "0"), (1, 20_000, 2, "0.01"), (1, 20_001, 2, "0.00"), (3, 2, 2, "150.00"),
            (-1, 8, 1, "-12.5"), (-1, 16, 1, "-6.3"), (-1, 1_000_000, 2, "0.00"),
        ] as [(Int, Int, Int, String?)])
    func percentRoundsTheExactFraction(numerator: Int, denominator: Int, decimals: Int, expected: String?) {
        #expect(NumberText.percent(numerator, of: denominator, decimals: decimals) == expected)
    }

    /// Every rate with a denominator up to 200, against integer arithmetic on the fraction itself.
    @Test func ratePercentsMatchTheExactFraction() {
        for denominator in 1...200 {
            for numerator in 0...denominator {
                let percent = expectedPercent(numerator, denominator, decimals: 4)!
                let expected = "{\"percent\": \(percent), \"numerator\": \(numerator), \"denominator\": \(denominator)}"
                let actual = ReportRenderer.rateJSON(Rate(numerator, denominator))
                if actual != expected {
                    Issue.record("\(numerator)/\(denominator): \(actual), expected \(expected)")
                    return
                }
            }
        }
    }

    /// A rate exactly halfway between two printed values rounds like every other half, away from
    /// zero, though the nearest Double to it lies just below: 3/2,000,000 is 0.00015%, and
    /// 29/20,000 is 0.145%.
    @Test func exactHalvesOfARateRoundUpWhateverTheirBinaryForm() throws {
        #expect(ReportRenderer.rateJSON(Rate(3, 2_000_000)).hasPrefix("{\"percent\": 0.0002,"))
        #expect(ReportRenderer.rateJSON(Rate(29, 2_000_000)).hasPrefix("{\"percent\": 0.0015,"))

        var result = Sample.result()
        result.totals = SampleGroup(key: [], counts: ["early": 29, "late": 19_971]).aggregate
        let table = ReportRenderer.table(result, language: .en)
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("Finished on time ") })
        #expect(row.hasSuffix(" 0.15%  29 / 20,000"), "\(row)")

        result.totals = SampleGroup(key: [], counts: ["early": 3, "late": 1_999_997]).aggregate
        let total = ReferenceCSV.table(ReportRenderer.csv(result)).last
        #expect(total?["scope"] == "total" && total?["on_time_percent"] == "0.0002")
    }
}
