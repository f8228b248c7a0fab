/// Dossiers that got no due because a catalog was given but did not list their procedure (and
/// the log had no `NgayHenTra`): they count as `no_due`, and the run says so.
public struct CatalogMisses: Sendable, Hashable {
    /// Dossiers with no due for that reason, and how many had each missing code ("" when the
    /// dossier had no `MaTTHC` at all).
    public var dossiers = 0
    public var byCode: [String: Int] = [:]

    public init() {}

    /// The `count` most frequent missing codes, most dossiers first, then by code: the same for
    /// any number of workers.
    public func top(_ count: Int) -> [(code: String, dossiers: Int)] {
        byCode.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map {
            (code: $0.key, dossiers: $0.value)
        }
    }

    mutating func add(code: String, dossiers n: Int) {
        dossiers += n
        byCode[code, default: 0] += n
    }

    mutating func merge(_ other: CatalogMisses) {
        for (code, n) in other.byCode { add(code: code, dossiers: n) }
    }
}
