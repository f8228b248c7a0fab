import Metrics
import Output
import Testing

@Suite struct LabelsTests {
    /// The phrases the table prints around its numbers.
    let phrases = [
        "counts", "rates", "processing", "processing_calendar", "median", "p90", "as_of", "input", "records",
        "rejected", "duplicates", "replaced", "outside", "groups", "total", "none", "late_column", "overdue_column",
    ]

    @Test(arguments: Language.allCases)
    func everyCountHasItsOwnLabel(language: Language) {
        for name in countNames {
            let label = Labels.count(name, language)
            // A label falls back to the JSON name only when it is missing.
            #expect(label != name && !label.drop { $0 == " " }.isEmpty, "\(language) \(name)")
        }
    }

    @Test func vietnameseLabelsDifferFromEnglishOnes() {
        for name in countNames {
            #expect(Labels.count(name, .vi) != Labels.count(name, .en), "\(name)")
        }
        for kpi in KPI.allCases {
            #expect(Labels.rate(kpi, .vi) != Labels.rate(kpi, .en), "\(kpi)")
        }
        for dimension in GroupDimension.allCases {
            #expect(Labels.dimension(dimension, .vi) != Labels.dimension(dimension, .en), "\(dimension)")
        }
        // A missing phrase falls back to its key in both languages, so it shows up here too.
        for key in phrases {
            #expect(Labels.phrase(key, .vi) != Labels.phrase(key, .en), "\(key)")
        }
    }

    @Test(arguments: Language.allCases)
    func ratesAndDimensionsAreTold(language: Language) {
        #expect(Set(KPI.allCases.map { Labels.rate($0, language) }).count == KPI.allCases.count)
        let dimensions = GroupDimension.allCases.map { Labels.dimension($0, language) }
        #expect(Set(dimensions).count == dimensions.count)
    }
}
