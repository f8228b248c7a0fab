/// The key a dossier line most likely has next: the one that followed the same key on the lines
/// before, since a log writes its keys in one order. A guess is only a shortcut, taken when the
/// bytes are exactly the key's `"name":` (`JSONKeyPattern`); any other key goes through
/// `JSONSyntax.key` and `JSONLKeyTable`, which then teach the predictor the new order.
///
/// Each parser owns one (no state is shared between workers), so a guess never changes a
/// result: it saves the key's scan and table lookup, nothing else.
struct JSONLKeyPredictor {
    /// Per key of `JSONLKeyTable`: its pattern first in an object, after a member (with the
    /// ','), and what it is.
    private let firsts: UnsafeMutablePointer<JSONKeyPattern>
    private let followers: UnsafeMutablePointer<JSONKeyPattern>
    private let keys: UnsafeMutablePointer<JSONLKeyTable.Key>
    /// Per key index (and `start`), the index of the key expected next, `none` when not known.
    private let successors: UnsafeMutablePointer<Int>
    /// The state before an object's first key.
    let start: Int
    private static let none = -1

    init(table: JSONLKeyTable = .shared) {
        let count = table.kinds.count
        firsts = .allocate(capacity: count)
        firsts.initialize(from: table.firstPatterns, count: count)
        followers = .allocate(capacity: count)
        followers.initialize(from: table.followingPatterns, count: count)
        keys = .allocate(capacity: count)
        keys.initialize(from: table.kinds, count: count)
        start = count
        successors = .allocate(capacity: count + 1)
        successors.initialize(repeating: Self.none, count: count + 1)
    }

    func deallocate() {
        firsts.deallocate()
        followers.deallocate()
        keys.deallocate()
        successors.deallocate()
    }

    /// The index of the key at `c` when it is the one expected after `previous` (an index, or
    /// `start`), with `c` moved past its ':'; nil, with `c` unmoved, when it is not. After a
    /// member (`c` at its value's end) the ',' is matched too.
    @inline(__always)
    func next(after previous: Int, afterMember: Bool, _ c: inout JSONCursor) -> Int? {
        let guess = successors[previous]
        guard guess != Self.none else { return nil }
        let patterns = afterMember ? followers : firsts
        let length = patterns[guess].length
        guard patterns[guess].matches(c.base, at: c.position, end: c.end) else { return nil }
        c.position &+= length
        return guess
    }

    /// What the key at `index` is.
    @inline(__always)
    func key(_ index: Int) -> JSONLKeyTable.Key { keys[index] }

    /// Notes that the key at `index` followed `previous`.
    @inline(__always)
    func learn(_ index: Int, after previous: Int) { successors[previous] = index }
}
