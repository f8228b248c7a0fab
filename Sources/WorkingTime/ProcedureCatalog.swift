import CivilTime

/// The legal facts of each administrative procedure that the log may lack.
///
/// PLACEHOLDER (skeleton): the working-time module implements loading from CSV.
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

        public init(
            code: String, name: String = "", field: String = "", deadline: Deadline, level: Int? = nil,
            feeBearing: Bool? = nil, afternoonCutoff: Int? = nil
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.deadline = deadline
            self.level = level
            self.feeBearing = feeBearing
            self.afternoonCutoff = afternoonCutoff
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init(entries: [Entry] = []) {
        for e in entries { self.entries[e.code] = e }
    }

    public subscript(code: String) -> Entry? { entries[code] }
}
