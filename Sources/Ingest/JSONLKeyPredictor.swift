/// The key a dossier line most likely has next: the one that followed the same key on the lines
/// before, since a log writes its keys in one order. A guess is only a shortcut, taken when the
/// bytes are exactly the key's `"name":` (`JSONKeyPattern`); any other key goes through
/// `JSONSyntax.key` and `JSONLKeyTable`, which then teach the predictor the new order.
///
/// Each parser owns one (no state is shared between workers), so a guess never changes a
/// result: it saves the key's scan and table lookup, nothing else.
struct JSONLKeyPredictor {
    /// What a key of `JSONLKeyTable` is, with its pattern.
    struct Entry {
        let pattern: JSONKeyPattern
        let key: JSONLKeyTable.Key
    }

    private let entries: UnsafeMutablePointer<Entry>
    /// Per key index (and `start`), the index of the key expected next, `none` when not known.
    private let successors: UnsafeMutablePointer<Int>
    /// The state before an object's first key.
    let start: Int
    private static let none = -1

    init(table: JSONLKeyTable = .shared) {
        let count = table.names.count
        entries = .allocate(capacity: count)
        for i in 0..<count {
            (entries + i).initialize(to: Entry(pattern: JSONKeyPattern(name: table.names[i]), key: table.kinds[i]))
        }
        start = count
        successors = .allocate(capacity: count + 1)
        successors.initialize(repeating: Self.none, count: count + 1)
    }

    func deallocate() {
        entries.deallocate()
        successors.deallocate()
    }

    /// The index of the key at `c` when it is the one expected after `previous` (an index or
    /// `start`), with `c` moved past its ':'; nil, with `c` unmoved, when it is not.
    @inline(__always)
    func next(after previous: Int, _ c: inout JSONCursor) -> Int? {
        let guess = successors[previous]
        guard guess != Self.none else { return nil }
        let pattern = entries[guess].pattern
        guard pattern.matches(c.base, at: c.position, end: c.end) else { return nil }
        c.position &+= pattern.length
        return guess
    }

    /// What the key at `index` is.
    @inline(__always)
    func key(_ index: Int) -> JSONLKeyTable.Key { entries[index].key }

    /// Notes that the key at `index` followed `previous`.
    @inline(__always)
    func learn(_ index: Int, after previous: Int) { successors[previous] = index }
}
