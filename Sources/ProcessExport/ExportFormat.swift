/// The process-mining formats `tthc export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// IEEE 1849 XES (XML): one trace per dossier.
    case xes
    /// OCEL 2.0 in its JSON format: events related to dossier, procedure, department and
    /// citizen-request objects.
    case ocel
}

/// What an export wrote: the counts a reader of the file must find.
public struct ExportCounts: Sendable, Hashable {
    public var traces = 0
    public var events = 0
    /// OCEL objects by type (zero for XES, which has none).
    public var dossierObjects = 0
    public var procedureObjects = 0
    public var departmentObjects = 0
    public var requestObjects = 0
    /// Dossiers left out because they have no dated event.
    public var withoutEvents = 0

    public init() {}

    public var objects: Int { dossierObjects + procedureObjects + departmentObjects + requestObjects }

    public mutating func add(_ other: ExportCounts) {
        traces += other.traces
        events += other.events
        dossierObjects += other.dossierObjects
        procedureObjects += other.procedureObjects
        departmentObjects += other.departmentObjects
        requestObjects += other.requestObjects
        withoutEvents += other.withoutEvents
    }
}
