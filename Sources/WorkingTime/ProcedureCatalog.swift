import CivilTime

/// The legal facts of each administrative procedure that the log may lack: deadline, online
/// level, fees, afternoon cut-off. Read from a CSV catalog by Ingest's `CatalogReader` (see `Guides/WorkingTime.md`).
///
/// Lookup is a dictionary by national code (MaTTHC); the engine caches one entry per procedure.
public struct ProcedureCatalog: Sendable {
    public struct Entry: Hashable, Sendable {
        public var code: String
        public var name: String
        public var field: String
        public var deadline: Deadline
        /// Online service level 2/3/4, when known.
        public var level: Int?
        public var feeBearing: Bool?
        /// Seconds since midnight after which a dossier counts from the next working day.
        public var afternoonCutoff: Int?
        /// The legal source of the deadline, when the catalog gives it.
        public var legalBasis: String
        /// Minutes of work one dossier takes (`PhutXuLy`), when the catalog states it: the work
        /// content `tthc calibrate` sizes staff from.
        public var workMinutes: Double? = nil

        public init(
            code: String, name: String = "", field: String = "", deadline: Deadline, level: Int? = nil,
            feeBearing: Bool? = nil, afternoonCutoff: Int? = nil, legalBasis: String = ""
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.deadline = deadline
            self.level = level
            self.feeBearing = feeBearing
            self.afternoonCutoff = afternoonCutoff
            self.legalBasis = legalBasis
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init(entries: [Entry] = []) {
        for e in entries { self.entries[e.code] = e }
    }

    public subscript(code: String) -> Entry? { entries[code] }

    /// Entries sorted by code.
    public var sortedEntries: [Entry] { entries.values.sorted { $0.code < $1.code } }
}

extension ProcedureCatalog {
    /// What the classification rules need of an entry, without its text: cheap to pass for every
    /// dossier (an `Entry` holds four strings to retain and release).
    public struct Terms: Hashable, Sendable {
        public var deadline: Deadline
        public var level: Int?
        public var feeBearing: Bool?
        public var afternoonCutoff: Int?

        public init(deadline: Deadline, level: Int? = nil, feeBearing: Bool? = nil, afternoonCutoff: Int? = nil) {
            self.deadline = deadline
            self.level = level
            self.feeBearing = feeBearing
            self.afternoonCutoff = afternoonCutoff
        }
    }
}

extension ProcedureCatalog.Entry {
    public var terms: ProcedureCatalog.Terms {
        ProcedureCatalog.Terms(
            deadline: deadline, level: level, feeBearing: feeBearing, afternoonCutoff: afternoonCutoff)
    }
}
