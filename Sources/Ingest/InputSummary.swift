/// What was read: every record is either accepted or rejected, none silently dropped.
public struct InputSummary: Sendable, Equatable {
    public struct FileSummary: Sendable, Equatable {
        public var path: String
        public var records = 0
        public var rejected = 0
        public init(path: String) { self.path = path }
    }

    /// Records read (accepted + rejected). Blank lines are not records.
    public var records = 0
    public var rejected = 0
    /// Records whose `MaHoSo` was seen before (by fingerprint).
    public var duplicates = 0
    /// Records left out because a later record of the same `MaHoSo` replaced them (`--dedupe last`).
    public var replaced = 0
    /// Accepted records received after the as-of time, left out of every figure; set by the
    /// run's consumer (the scanner does not know the as-of time).
    public var afterAsOf = 0
    public var files: [FileSummary] = []

    public init() {}

    /// Records handed to the consumer.
    public var accepted: Int { records - rejected - replaced }
}

/// A record that was not accepted, as it appeared in the input: its first line (see
/// `LogScanner`), and where and why it failed, as the error without `--skip-invalid` says it.
public struct RejectedRecord: Sendable, Equatable {
    public var file: String
    /// Where the fault is: a record of several lines may fail on a later one.
    public var line: Int
    public var column: Int
    public var reason: String
    /// The line `text` comes from.
    public var recordLine: Int
    public var text: [UInt8]
}
