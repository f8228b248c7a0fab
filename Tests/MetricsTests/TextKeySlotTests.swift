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

    /// A report of `path` by `dimensions`, split over `workers` and pieces of `chunk` bytes, four
    /// pieces a batch (so a small log makes several batches).
    static func report(_ path: String, by dimensions: [GroupDimension], workers: Int, chunk: Int) throws
        -> ReportResult
    {
        var options = ReportOptions()
        options.dimensions = dimensions
        options.scan.workers = workers
        options.scan.chunkSize = chunk
        options.scan.piecesPerBatch = 4
        return try KPIEngine.run(files: [path], options: options)
    }

    @Test(arguments: [GroupDimension.agency, .field])
    func oneTextDimensionMatchesTheGeneralPath(dimension: GroupDimension) throws {
        for seed in [31 as UInt64, 32] {
            let url = temporary.url.appendingPathComponent("log\(seed).csv")
            try Data(RandomDossierLog.make(seed: seed, count: 900).utf8).write(to: url)
            for (workers, chunk) in [(1, 1 << 20), (2, 97), (3, 1000)] {
                func run(_ dimensions: [GroupDimension]) throws -> ReportResult {
                    try Self.report(url.path, by: dimensions, workers: workers, chunk: chunk)
                }
                let direct = try run([dimension])
                let general = try run([dimension, dimension])
                let context = "seed \(seed) \(dimension) j\(workers) chunk \(chunk)"
                #expect(direct.groups.count >= 3, "\(context)")
                #expect(direct.totals == general.totals, "\(context)")
                #expect(direct.groups.map(\.key.values) == general.groups.map { [$0.key.values[0]] }, "\(context)")
                #expect(direct.groups.map(\.aggregate) == general.groups.map(\.aggregate), "\(context)")
            }
        }
    }
}
