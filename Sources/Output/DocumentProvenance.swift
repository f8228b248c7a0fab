import CivilTime
import Ingest
import Metrics
import Targets

/// What a document's figures were computed from, so a reader can tell which log, period and rules
/// they describe: the files and what was read of them, the period and its cut-off dates, the
/// as-of time, the catalog and calendar, the rejected records.
public struct DocumentProvenance: Sendable {
    /// A command-specific fact (`Kịch bản: commune-center`, `Seed: 1`).
    public struct Fact: Sendable {
        public var label: String
        public var value: DocumentCell

        public init(_ label: String, _ value: DocumentCell) {
            self.label = label
            self.value = value
        }
    }

    /// The command line that made the document (`tthc report log.csv --period 2026-q1 ...`).
    public var commandLine: [String]
    /// `tthc 1.2.0 (abc1234)`, when known.
    public var generator: String?
    /// What was read: records, rejected, duplicates, per file. Nil for a command that reads no log.
    public var input: InputSummary?
    /// Accepted records left out by `--from/--to/--period` (or received after the as-of time).
    public var outsideSelection: Int
    /// Where the rejected records were written (`--rejects`), if anywhere.
    public var rejectsFile: String?
    /// `--period` and its cut-off dates.
    public var period: ReportingPeriod?
    /// `--from/--to` (received dates, inclusive) when no period is given.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The instant in-progress dossiers were judged at.
    public var asOf: Timestamp?
    /// The procedure catalog file, if one was given.
    public var catalog: String?
    /// The calendar overlays given (`--calendar`), on top of the built-in schedules.
    public var calendarOverlays: [String]
    /// The clock pauses and processing times were measured on.
    public var clock: Clock
    /// The targets' profile (`--profile`).
    public var profile: TargetProfile?
    /// Anything else the command depends on (scenario, seed, tolerance...).
    public var facts: [Fact]

    public init(
        commandLine: [String] = [], generator: String? = nil, input: InputSummary? = nil, outsideSelection: Int = 0,
        rejectsFile: String? = nil, period: ReportingPeriod? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
        asOf: Timestamp? = nil, catalog: String? = nil, calendarOverlays: [String] = [], clock: Clock = .working,
        profile: TargetProfile? = nil, facts: [Fact] = []
    ) {
        self.commandLine = commandLine
        self.generator = generator
        self.input = input
        self.outsideSelection = outsideSelection
        self.rejectsFile = rejectsFile
        self.period = period
        self.from = from
        self.to = to
        self.asOf = asOf
        self.catalog = catalog
        self.calendarOverlays = calendarOverlays
        self.clock = clock
        self.profile = profile
        self.facts = facts
    }
}
