/// "Did you mean …?": the one edit distance and the one rule for which known name a mistyped
/// word is closest to. Commands, options, choices, KPI names and profile names all ask here.
public enum Suggestion {
    /// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
    /// substitutions and swaps of two neighbours each cost 1 (`reprot` is 1 from `report`).
    /// Compared by `Character`, ignoring case.
    ///
    /// - Complexity: O(`a.count` × `b.count`) time, O(`b.count`) memory.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased())
        let y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        // Three rows of the dynamic-programming table: two back for the swap, one back, this one.
        var twoBack = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[y.count]
    }

    /// The candidate closest to `word`, when it is close enough to be a slip: at most a third of
    /// the longer word's length away (at least 1, at most 3). Ties go to the earlier candidate;
    /// nil when none is close, or when `word` is itself a candidate.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(word, candidate)
            if d == 0 { return nil }
            let limit = min(3, max(1, max(word.count, candidate.count) / 3))
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// ` (did you mean 'report'?)`, to follow the mistyped word in a message, or "" when no
    /// candidate is close.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
