import Foundation
import Ingest
import Records

/// Writes fixtures to a fresh temporary directory, removed with the last reference to it.
final class TestFiles: Sendable {
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-ingest-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// A FIFO named `name` that a thread fills with `text` once a reader opens it.
    func fifo(_ name: String, feeding text: String) -> String {
        let path = directory.appendingPathComponent(name).path
        precondition(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
        Thread {
            let handle = FileHandle(forWritingAtPath: path)!
            handle.write(Data(text.utf8))
            handle.closeFile()
        }.start()
        return path
    }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }

    /// Where a file called `name` goes.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Removes the directory and everything in it.
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
