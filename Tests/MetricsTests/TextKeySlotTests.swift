import Engine
import Foundation
import Metrics
import TestSupport
import Testing

/// A report by one text dimension (unit or field) finds a record's group from the record's text
/// key; a report by the same dimension twice takes the general path (the values, then the hash
/// table). Both must give the same groups, for any split of the log.
@Suite struct TextKeySlotTests {
    let temporary = TemporaryDirectory("tthc-text-key-slots")

    /// Calls `body` for every split of a seeded random log of each seed (written under
    /// `directory`): one worker reading it whole, two and three over pieces of a few records, four
    /// pieces a batch (so the small log makes several batches). `body` gets the report by the
    /// dimensions it names, and the split's description.
    static func eachSplit(
        ofLogs seeds: [UInt64], in directory: URL,
        _ body: (_ report: ([GroupDimension]) throws -> ReportResult, _ context: String) throws -> Void
    ) throws {
        for seed in seeds {
            let url = directory.appendingPathComponent("log\(seed).csv")
            try Data(RandomDossierLog.make(seed: seed, count: 900).utf8).write(to: url)
            for (workers, chunk) in [(1, 1 << 20), (2, 97), (3, 1000)] {
                func report(_ dimensions: [GroupDimension]) throws -> ReportResult {
                    var options = ReportOptions()
                    options.dimensions = dimensions
                    options.scan.workers = workers
                    options.scan.chunkSize = chunk
                    options.scan.piecesPerBatch = 4
                    return try KPIEngine.run(files: [url.path], options: options)
                }
                try body(report, "seed \(seed) j\(workers) chunk \(chunk)")
            }
        }
    }

    @Test(arguments: [GroupDimension.agency, .field])
    func oneTextDimensionMatchesTheGeneralPath(dimension: GroupDimension) throws {
        try Self.eachSplit(ofLogs: [31, 32], in: temporary.url) { report, split in
            let direct = try report([dimension])
            let general = try report([dimension, dimension])
            let context = "\(split) \(dimension)"
            #expect(direct.groups.count >= 3, "\(context)")
            #expect(direct.totals == general.totals, "\(context)")
            #expect(direct.groups.map(\.key.values) == general.groups.map { [$0.key.values[0]] }, "\(context)")
            #expect(direct.groups.map(\.aggregate) == general.groups.map(\.aggregate), "\(context)")
        }
    }
}
