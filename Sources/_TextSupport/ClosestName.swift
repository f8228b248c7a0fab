/// The closest of a set of names to a mistyped one, for "did you mean" hints.
public enum ClosestName {
    /// The name of `candidates` with the smallest edit distance to `text` (case-insensitive),
    /// when that distance is at most a third of the longer name (rounded up, at least 1):
    /// `sise` finds `size`, `deadline_day` finds `deadline_days`, `foo` finds nothing among
    /// scenario keys. Ties go to the earlier candidate.
    public static func match(_ text: String, in candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        let typed = Array(text.lowercased().unicodeScalars)
        for candidate in candidates {
            let d = distance(typed, Array(candidate.lowercased().unicodeScalars))
            let limit = max(1, (max(typed.count, candidate.unicodeScalars.count) + 2) / 3)
            if d <= limit && (best == nil || d < best!.distance) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit (`sise`/`size` 1,
    /// `suplement`/`supplement` 1, `ezis`/`size` 3).
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
