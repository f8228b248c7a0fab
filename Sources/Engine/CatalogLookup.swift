import Metrics
import Records
import WorkingTime

/// A consumer's view of the procedure catalog: the entry of a record's `MaTTHC`, remembered per
/// code so each distinct code is looked up (and made a `String`) once per worker.
struct CatalogLookup {
    let catalog: ProcedureCatalog?
    private var entries: [String: ProcedureCatalog.Entry?] = [:]
    // The last code looked up: logs are often sorted by procedure.
    private var lastCode: [UInt8] = []
    private var lastEntry: ProcedureCatalog.Entry?

    init(_ catalog: ProcedureCatalog?) { self.catalog = catalog }

    /// The catalog entry of `record`'s procedure; nil without a catalog, a code, or an entry.
    mutating func entry(for record: borrowing DossierRecord) -> ProcedureCatalog.Entry? {
        guard let catalog, record.procedure.count > 0 else { return nil }
        if lastCode.elementsEqual(record.procedure) { return lastEntry }
        lastCode = Array(record.procedure)
        let code = record.procedure.utf8String
        if let known = entries[code] {
            lastEntry = known
        } else {
            lastEntry = catalog[code]
            entries[code] = lastEntry
        }
        return lastEntry
    }
}
