import Foundation

/// The encoding of a dossier log.
public enum InputFormat: String, CaseIterable, Sendable {
    case csv, tsv, jsonl

    /// The format a file name implies (`.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`/`.json`), nil if none.
    public static func implied(byPath path: String) -> InputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        return nil
    }
}

/// What one record of a log is: a dossier, or one processing step of a dossier (whose rows
/// share a `MaHoSo`).
public enum LogKind: Sendable {
    case dossiers, steps
}

/// What to do with several records of the same `MaHoSo`.
public enum DedupeMode: String, Sendable {
    /// Count them in `duplicates`, keep every record.
    case detect
    /// The later record replaces the earlier ones (sync logs re-send a dossier on each change).
    case last
}

/// How a log is read.
public struct ScanOptions: Sendable {
    /// Parallel workers; results never depend on it.
    public var workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Bytes per piece of work. Records are split at record boundaries, never inside one.
    public var chunkSize: Int = 1 << 20
    /// Pieces read and parsed together; bounds memory at about `chunkSize * piecesPerBatch`.
    /// Many small pieces keep the workers' idle time at each batch's end short.
    public var piecesPerBatch: Int = 32
    /// Forces the encoding; otherwise it comes from each file's extension (CSV when unknown).
    public var format: InputFormat?
    /// Count and skip invalid records instead of stopping at the first.
    public var skipInvalid = false
    /// Where rejected records go, verbatim with line number and reason.
    public var rejectsPath: String?
    public var dedupe: DedupeMode = .detect
    /// The field separator of CSV/TSV logs (`,` `;` tab `|`); nil finds it in each file's header.
    public var delimiter: UInt8?
    /// Header names of `--columns FILE`, read before the shipped aliases (`HeaderAliases`).
    public var columnMapping = ColumnMapping()
    /// The longest CSV/TSV record in bytes; a longer one is invalid (rejected as its first line).
    public var maxRecordBytes = ScanOptions.defaultMaxRecordBytes
    /// 256 KiB: hundreds of times a real record, small enough that a quote that never closes
    /// costs a bounded scan.
    public static let defaultMaxRecordBytes = 256 << 10
    /// Called on the scanning thread after each batch, for a progress line; never changes a result.
    public var progress: (@Sendable (ScanProgress) -> Void)?
    /// The encoding of files without a byte-order mark; nil for UTF-8.
    public var encoding: TextEncoding?
    /// Dossier logs, or step logs (`StepLog`): their required columns and record rules differ,
    /// and steps repeat a `MaHoSo` by design, so they are never deduplicated.
    public var kind: LogKind = .dossiers
    /// How a step's `TrangThai` reads as a dossier status (step logs and `QuaTrinhXuLy`).
    public var stepStatuses = StepStatusMap.dvcqg

    public init() {}
}

/// How far a scan has read: bytes and records of this pass over all its files so far. `--dedupe
/// last` reads the input twice (`pass` 1 and 2 of `passes`).
public struct ScanProgress: Sendable {
    public var bytes: Int
    public var records: Int
    public var pass: Int
    public var passes: Int

    public init(bytes: Int, records: Int, pass: Int, passes: Int) {
        self.bytes = bytes
        self.records = records
        self.pass = pass
        self.passes = passes
    }
}
