import Foundation
import Ingest
import Records
import TestSupport

/// Writes fixtures to a fresh temporary directory, removed when the test ends.
struct TestFiles {
    let temporary = TemporaryDirectory("tthc-ingest")

    var directory: URL { temporary.url }

    func write(_ name: String, _ text: String) -> String { temporary.write(name, text) }

    func write(_ name: String, bytes: [UInt8]) -> String { temporary.write(name, bytes: bytes) }

    /// Where a file called `name` goes.
    func path(_ name: String) -> String { temporary.path(name) }

    /// Removes the directory and everything in it (it goes by itself when the test ends).
    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A consumer that keeps every record as plain values, for assertions.
struct CollectingConsumer: RecordConsumer {
    struct Row: Equatable {
        var id: String
        var procedure: String?
        var agency: String?
        var channel: UInt8
        var status: UInt8
        var received: String?
        var due: String?
        var processingEnd: String?
        var returned: String?
        var level: UInt8
        var fullOnline: Bool?
        var feeBearing: Bool?
        var paidOnline: UInt8?
        var digitized: Bool?
        var electronicResult: Bool?
        var apology: Bool?
        var pauses: [String]
    }

    var rows: [Row] = []

    mutating func consume(_ record: inout DossierRecord) {
        func text(_ b: UnsafeRawBufferPointer) -> String? { b.count == 0 ? nil : b.utf8String }
        rows.append(
            Row(
                id: record.id.utf8String, procedure: text(record.procedure), agency: text(record.agency),
                channel: record.channel, status: record.status.rawValue, received: record.received?.iso8601,
                due: record.due?.iso8601, processingEnd: record.processingEnd?.iso8601,
                returned: record.returned?.iso8601,
                level: record.level, fullOnline: record.fullOnline, feeBearing: record.feeBearing,
                paidOnline: record.paidOnline, digitized: record.digitized, electronicResult: record.electronicResult,
                apology: record.apology,
                pauses: record.pauses.map { $0.start.iso8601 + "/" + ($0.end?.iso8601 ?? "") }))
    }

    mutating func merge(_ later: consuming CollectingConsumer) { rows.append(contentsOf: later.rows) }
}

/// Scans with `--skip-invalid` and `--rejects`, on `workers` workers and pieces of `chunkSize` bytes.
func scanSkippingInvalid(_ path: String, rejects: String, workers: Int, chunkSize: Int) throws -> (
    [CollectingConsumer.Row], InputSummary
) {
    try scan([path]) {
        $0.skipInvalid = true
        $0.rejectsPath = rejects
        $0.workers = workers
        $0.chunkSize = chunkSize
    }
}

func scan(_ files: [String], _ configure: (inout ScanOptions) -> Void = { _ in }) throws -> (
    [CollectingConsumer.Row], InputSummary
) {
    var options = ScanOptions()
    configure(&options)
    let (consumer, summary) = try LogScanner.scan(files: files, options: options) { CollectingConsumer() }
    return (consumer.rows, summary)
}
