import TestSupport
import Testing
import _TextSupport

@Suite struct SuggestionTests {
    /// The definition, written as a plain recursion over the last characters: slow, obviously right.
    static func reference(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var best = min(
            reference(Array(a.dropLast()), b) + 1, reference(a, Array(b.dropLast())) + 1,
            reference(Array(a.dropLast()), Array(b.dropLast())) + (a.last == b.last ? 0 : 1))
        if a.count > 1, b.count > 1, a[a.count - 1] == b[b.count - 2], a[a.count - 2] == b[b.count - 1] {
            best = min(best, reference(Array(a.dropLast(2)), Array(b.dropLast(2))) + 1)
        }
        return best
    }

    @Test(
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("report", "report", 0), ("reprot", "report", 1),
            ("--formt", "--format", 1), ("kitten", "sitting", 3), ("ca", "abc", 3), ("ON-TIME", "on-time", 0),
            ("đúng", "dung", 2),
        ] as [(String, String, Int)])
    func distanceCountsEditsAndSwaps(a: String, b: String, expected: Int) {
        #expect(Suggestion.distance(a, b) == expected)
        #expect(Suggestion.distance(b, a) == expected)
    }

    @Test func distanceAgreesWithTheRecursiveDefinition() {
        for seed in UInt64(1)...400 {
            var random = SplitMix(seed: seed)
            let alphabet: [Character] = ["a", "b", "c", "-"]
            let a = (0..<random.below(7)).map { _ in alphabet[random.below(alphabet.count)] }
            let b = (0..<random.below(7)).map { _ in alphabet[random.below(alphabet.count)] }
            #expect(
                Suggestion.distance(String(a), String(b)) == Self.reference(a, b),
                "seed \(seed): '\(String(a))' vs '\(String(b))'")
        }
    }

    @Test func closestNamesOnlyNearMisses() {
        let commands = ["report", "check", "today", "score", "calendar", "due", "audit"]
        #expect(Suggestion.closest(to: "reprot", among: commands) == "report")
        #expect(Suggestion.closest(to: "chek", among: commands) == "check")
        #expect(Suggestion.closest(to: "calender", among: commands) == "calendar")
        // Too far from everything, and an exact name, suggest nothing.
        #expect(Suggestion.closest(to: "frobnicate", among: commands) == nil)
        #expect(Suggestion.closest(to: "due", among: commands) == nil)
        // Two letters off a three-letter word is a different word.
        #expect(Suggestion.closest(to: "dxx", among: commands) == nil)
        #expect(Suggestion.didYouMean("tody", among: commands) == " (did you mean 'today'?)")
        #expect(Suggestion.didYouMean("xyz", among: commands) == "")
    }
}

@Suite struct MarkupTextTests {
    @Test func markupCharactersBecomeEntitiesAndControlsAreReplaced() {
        #expect(MarkupText.escaped("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(MarkupText.escaped("\" onload=\"a&b") == "&quot; onload=&quot;a&amp;b")
        #expect(MarkupText.escaped("a\r\nb\tc") == "a&#13;\nb\tc")
        #expect(MarkupText.escaped("x\u{0}y\u{1B}z\u{FFFF}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(MarkupText.escaped("Hòa Xá, Hà Nội") == "Hòa Xá, Hà Nội")
    }
}
