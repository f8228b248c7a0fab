import Engine
import Foundation
import Ingest
import Metrics
import TestSupport
import Testing

/// Text keys meet in NFC: a unit name saved with combining marks (NFD) and the same name
/// precomposed are one group, with every count of both, whatever the split of the work.
@Suite struct CanonicalGroupTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-nfc-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ text: String, _ name: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// Key values as bytes: `String ==` would call NFD and NFC text equal.
    func keyBytes(_ result: ReportResult) -> [[[UInt8]?]] {
        result.groups.map { $0.key.values.map { $0.map { Array($0.utf8) } } }
    }

    @Test(arguments: [5 as UInt64, 6, 7])
    func decomposedAndPrecomposedNamesAreOneGroup(seed: UInt64) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = RandomDossierLog.make(seed: seed, count: 1500)
        // About half the lines decomposed (a record cut by a quoted line break may be half of each).
        var random = SplitMix(seed: seed)
        let mixed = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            random.chance(0.5) ? String($0).decomposedStringWithCanonicalMapping : String($0)
        }.joined(separator: "\n")
        #expect(Array(mixed.utf8) != Array(text.utf8), "the test needs decomposed text")
        let originalPath = write(text, "nfc.csv")
        let mixedPath = write(mixed, "mixed.csv")
        var options = ReportOptions()
        options.dimensions = [.agency, .channel]
        let original = try KPIEngine.run(files: [originalPath], options: options)
        for (workers, chunk) in [(1, 1 << 20), (2, 211), (3, 1500)] {
            options.scan.workers = workers
            options.scan.chunkSize = chunk
            let result = try KPIEngine.run(files: [mixedPath], options: options)
            #expect(keyBytes(result) == keyBytes(original), "j\(workers) chunk \(chunk)")
            #expect(result.groups.map(\.aggregate) == original.groups.map(\.aggregate))
            #expect(result.totals == original.totals)
        }
        for key in original.groups.compactMap({ $0.key.values[0] }) {
            #expect(Array(key.utf8) == Array(key.precomposedStringWithCanonicalMapping.utf8))
        }
    }
}
