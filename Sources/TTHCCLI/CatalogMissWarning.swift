import Engine

/// The stderr line of a run whose catalog lacked procedures that dossiers needed for a due.
enum CatalogMissWarning {
    static func text(_ misses: CatalogMisses, command: String, catalog: String?) -> String? {
        guard misses.dossiers > 0, let catalog else { return nil }
        let top = misses.top(5).map { ($0.code.isEmpty ? "(no MaTTHC)" : $0.code) + " (\($0.dossiers))" }
        return "tthc \(command): warning: \(misses.dossiers) dossier(s) have no due (no_due): no NgayHenTra and "
            + "their procedure is not in \(catalog); most frequent: " + top.joined(separator: ", ")
            + (misses.byCode.count > 5 ? ", and \(misses.byCode.count - 5) more code(s)" : "") + "\n"
    }
}
