import Ingest
import Records
import Simulation

/// Collects every dossier of a log in file order (consumers merge by appending the later
/// part, so the order does not depend on the number of workers).
public struct ObservedLogCollector: RecordConsumer {
    public var dossiers: [ObservedDossier] = []
    /// The log's latest event (`DossierRecord.latestEventSeconds`), the default as-of time.
    public var latestEvent = Int64.min

    public init() {}

    public mutating func consume(_ record: inout DossierRecord) {
        latestEvent = max(latestEvent, record.latestEventSeconds)
        dossiers.append(
            ObservedDossier(
                procedure: String(decoding: record.procedure, as: UTF8.self),
                field: String(decoding: record.field, as: UTF8.self),
                channel: Int(record.channel), status: record.status, received: record.received,
                due: record.due,
                end: record.end, returned: record.returned,
                pauses: record.pauses,
                level: Int(record.level),
                fullOnline: record.fullOnline ?? false, feeBearing: record.feeBearing ?? false,
                paidOnline: record.paidOnline.map { $0 == 1 || $0 == 2 } ?? false, digitized: record.digitized ?? false,
                electronicResult: record.electronicResult ?? false, apology: record.apology ?? false))
    }

    public mutating func merge(_ later: consuming ObservedLogCollector) {
        dossiers.append(contentsOf: later.dossiers)
        latestEvent = max(latestEvent, later.latestEvent)
    }

    /// Reads `files` (CSV, TSV or JSONL) with the ingest engine.
    public static func read(_ files: [String], options: ScanOptions = ScanOptions()) throws -> [ObservedDossier] {
        try collect(files, options: options).dossiers
    }

    /// Reads `files` and keeps their latest event as well.
    public static func collect(_ files: [String], options: ScanOptions = ScanOptions()) throws
        -> ObservedLogCollector
    {
        try LogScanner.scan(files: files, options: options) { ObservedLogCollector() }.0
    }
}
