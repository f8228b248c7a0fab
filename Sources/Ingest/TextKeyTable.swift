import Synchronization

/// Gives each distinct text value of the grouping columns (`MaTTHC`, `MaLinhVuc`, `DonViXuLy`) a
/// small integer key, checking its UTF-8 once, when it is first seen. A log names a few dozen
/// units and procedures, so on the clean path each such value costs one table probe: no UTF-8
/// check per record, and consumers find a value's group by its key (an array index) instead
/// of hashing its bytes again (`DossierRecord.agencyKey`).
///
/// One table per worker lane, for a whole scan; used by one thread at a time (no locking). Its
/// storage is behind one pointer, so copies share it; `deallocate` frees it. Keys are dense from
/// 0 and never change while the table lives; equal keys mean equal bytes. The table holds at most
/// `maxKeys` values (`maxArenaBytes` of text): past that, a value not yet in it is checked
/// each time and gets no key, so a log with a distinct value per record cannot grow it unbounded.
struct TextKeyTable {
    /// A value with no key: valid UTF-8, but the table is full.
    static let unkeyed: Int32 = -1
    /// Not UTF-8.
    static let invalid: Int32 = -2
    static let maxKeys = 1 << 16
    static let maxArenaBytes = 8 << 20

    /// The value's length and its first and last eight bytes (for shorter values, overlapping
    /// loads of four, two or one), which for up to 16 bytes are the whole value.
    private struct Entry {
        var first: UInt64
        var last: UInt64
        var length: Int32
        /// -1 while the entry is empty.
        var key: Int32
        /// Where the value's bytes lie in the arena.
        var offset: Int
    }

    private struct State {
        var entries: UnsafeMutablePointer<Entry>
        var mask: Int
        var count: Int
        var arena: UnsafeMutableRawPointer
        var arenaUsed: Int
        var arenaCapacity: Int
        /// Unique per table in the process, so a record's keys name the table they belong to.
        var tag: Int
        /// `middleEqual`'s four window starts for each length up to `windowedLength`, four
        /// bytes a length.
        var windows: UnsafeMutablePointer<UInt8>
    }

    /// The longest value whose middle `middleEqual`'s four windows cover; longer values add
    /// the windows between, and their four start where this length's do.
    private static let windowedLength = 80

    private static let tags = Atomic<Int>(0)
    private let state: UnsafeMutablePointer<State>

    init() {
        let capacity = 256
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        entries.initialize(repeating: Entry(first: 0, last: 0, length: 0, key: -1, offset: 0), count: capacity)
        let arenaCapacity = 16 << 10
        let windows = UnsafeMutablePointer<UInt8>.allocate(capacity: 4 * (Self.windowedLength + 1))
        for n in 0...Self.windowedLength {
            for k in 0..<4 { windows[4 * n + k] = UInt8(Self.windowStart(k, n)) }
        }
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                entries: entries, mask: capacity - 1, count: 0,
                arena: .allocate(byteCount: arenaCapacity, alignment: 16), arenaUsed: 0,
                arenaCapacity: arenaCapacity, tag: Self.tags.add(1, ordering: .relaxed).newValue, windows: windows))
    }

    func deallocate() {
        state.pointee.entries.deallocate()
        state.pointee.arena.deallocate()
        state.pointee.windows.deallocate()
        state.deallocate()
    }

    /// Never 0 (which `DossierRecord.textKeyTag` uses for "no table").
    var tag: Int { state.pointee.tag }

    /// The number of keys given.
    var count: Int { state.pointee.count }

    /// The key of `bytes` (not empty), `unkeyed` or `invalid`.
    @inline(__always)
    func key(of bytes: UnsafeRawBufferPointer) -> Int32 { probe(bytes, middleInline: false) }

    /// `key(of:)` with the middle compare inline, for the value every record has (the unit):
    /// the call and its register moves cost a fifth of the probe.
    @inline(__always)
    func keyInline(of bytes: UnsafeRawBufferPointer) -> Int32 { probe(bytes, middleInline: true) }

    /// The first slot inline: a value seen before is nearly always found there. Any other
    /// case (an empty slot, a collision) is `probe(from:)`'s, out of line, so that the common
    /// path keeps no value across a call.
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, middleInline: Bool) -> Int32 {
        let n = bytes.count
        let base = bytes.baseAddress!
        let (first, last) = Self.words(base, n)
        let i = Self.hash(first, last, n) & state.pointee.mask
        let entry = state.pointee.entries[i]
        if entry.key >= 0 && entry.first == first && entry.last == last && Int(entry.length) == n
            && (n <= 16
                || (middleInline
                    ? Self.middleEqualInlined(state.pointee.arena + entry.offset, base, n, state.pointee.windows)
                    : Self.middleEqual(state.pointee.arena + entry.offset, base, n, state.pointee.windows)))
        {
            return entry.key
        }
        return probe(bytes, first, last, from: i)
    }

    /// The probe from slot `start` on: the key of the entry holding `bytes`, or the value
    /// inserted at the first empty slot.
    @inline(never)
    private func probe(_ bytes: UnsafeRawBufferPointer, _ first: UInt64, _ last: UInt64, from start: Int) -> Int32 {
        let n = bytes.count
        let base = bytes.baseAddress!
        let entries = state.pointee.entries
        let mask = state.pointee.mask
        var i = start
        while true {
            let entry = entries[i]
            if entry.key < 0 { return insert(bytes, first, last, at: i) }
            if entry.first == first && entry.last == last && Int(entry.length) == n
                && (n <= 16 || Self.middleEqual(state.pointee.arena + entry.offset, base, n, state.pointee.windows))
            {
                return entry.key
            }
            i = (i &+ 1) & mask
        }
    }

    @inline(__always)
    private static func words(_ p: UnsafeRawPointer, _ n: Int) -> (UInt64, UInt64) {
        if n >= 8 {
            return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))
        }
        if n >= 4 {
            return (
                UInt64(p.loadUnaligned(as: UInt32.self)),
                UInt64(p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
            )
        }
        if n >= 2 {
            return (
                UInt64(p.loadUnaligned(as: UInt16.self)),
                UInt64(p.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self))
            )
        }
        return (UInt64(p.load(as: UInt8.self)), 0)
    }

    /// The slot a value starts its probe at: one full-width multiply, whose two halves hold every
    /// input bit's influence. (Keys are given in the order values are first seen, so the slots
    /// change no key.)
    @inline(__always)
    private static func hash(_ first: UInt64, _ last: UInt64, _ n: Int) -> Int {
        let product = (first ^ (last &+ UInt64(truncatingIfNeeded: n))).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return Int(truncatingIfNeeded: product.high ^ product.low)
    }

    /// Whether bytes 8 to n - 8 of the two values (longer than 16 bytes) are equal, sixteen at
    /// a time. Four windows, each clamped to end by n - 8, cover them up to 80 bytes, the names
    /// of units included, with no branch on the length: a loop whose count followed the length
    /// was guessed wrong on most records, as units of different lengths alternate. Longer values
    /// add the windows between in a loop. (Out of line, so that `key(of:)` stays small enough
    /// to be inlined where it is called; `keyInline(of:)` inlines it.)
    @inline(never)
    private static func middleEqual(
        _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int, _ windows: UnsafePointer<UInt8>
    ) -> Bool {
        middleEqualInlined(a, b, n, windows)
    }

    /// Where window k (0 to 3) of `middleEqual` starts in a value of n bytes: at 8 + 16k, or at
    /// n - 24 when that is earlier (then it ends at n - 8), or at 0 for n < 24 (bytes 0 to 16
    /// hold the middle of a value of 17 to 23).
    private static func windowStart(_ k: Int, _ n: Int) -> Int { min(8 + 16 * k, max(n - 24, 0)) }

    /// `middleEqual`, inlined where it is called: the window starts are read from `windows`
    /// (`windowStart` for the length), four loads in place of the minima.
    @inline(__always)
    private static func middleEqualInlined(
        _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int, _ windows: UnsafePointer<UInt8>
    ) -> Bool {
        let starts = windows + 4 &* min(n, windowedLength)
        var seen =
            difference(a, b, Int(starts[0])) | difference(a, b, Int(starts[1])) | difference(a, b, Int(starts[2]))
            | difference(a, b, Int(starts[3]))
        if n > windowedLength { seen |= tailDifference(a, b, n) }
        let words = unsafeBitCast(seen, to: SIMD2<UInt64>.self)
        return words[0] | words[1] == 0
    }

    /// The XOR of bytes 72 to n - 8 of two values longer than 80 bytes, ORed into 16 lanes (out
    /// of line: rare, and it kept `key(of:)` from being inlined).
    @inline(never)
    private static func tailDifference(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> SIMD16<UInt8> {
        var seen = difference(a, b, n &- 24)
        var i = 72
        while i < n &- 24 {
            seen |= difference(a, b, i)
            i &+= 16
        }
        return seen
    }

    /// The XOR of the sixteen bytes at `offset` of both values: zero lanes where they agree.
    @inline(__always)
    private static func difference(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ offset: Int) -> SIMD16<UInt8> {
        a.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            ^ b.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }

    /// A value not in the table, whose probe ended at the empty entry `i`: checked, and kept
    /// when there is room.
    @inline(never)
    private func insert(_ bytes: UnsafeRawBufferPointer, _ first: UInt64, _ last: UInt64, at i: Int) -> Int32 {
        guard UTF8Validation.firstInvalid(bytes) == nil else { return Self.invalid }
        let n = bytes.count
        guard state.pointee.count < Self.maxKeys, state.pointee.arenaUsed + n <= Self.maxArenaBytes else {
            return Self.unkeyed
        }
        if state.pointee.arenaUsed + n > state.pointee.arenaCapacity { growArena(atLeast: state.pointee.arenaUsed + n) }
        let offset = state.pointee.arenaUsed
        (state.pointee.arena + offset).copyMemory(from: bytes.baseAddress!, byteCount: n)
        state.pointee.arenaUsed += n
        let key = Int32(state.pointee.count)
        state.pointee.entries[i] = Entry(first: first, last: last, length: Int32(n), key: key, offset: offset)
        state.pointee.count += 1
        if state.pointee.count * 2 > state.pointee.mask + 1 { rehash() }
        return key
    }

    private func growArena(atLeast needed: Int) {
        let capacity = max(state.pointee.arenaCapacity * 2, needed)
        let arena = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        arena.copyMemory(from: state.pointee.arena, byteCount: state.pointee.arenaUsed)
        state.pointee.arena.deallocate()
        state.pointee.arena = arena
        state.pointee.arenaCapacity = capacity
    }

    private func rehash() {
        let old = state.pointee.entries
        let oldCapacity = state.pointee.mask + 1
        let capacity = oldCapacity * 2
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        entries.initialize(repeating: Entry(first: 0, last: 0, length: 0, key: -1, offset: 0), count: capacity)
        let mask = capacity - 1
        for j in 0..<oldCapacity where old[j].key >= 0 {
            let entry = old[j]
            var i = Self.hash(entry.first, entry.last, Int(entry.length)) & mask
            while entries[i].key >= 0 { i = (i + 1) & mask }
            entries[i] = entry
        }
        old.deallocate()
        state.pointee.entries = entries
        state.pointee.mask = mask
    }
}
