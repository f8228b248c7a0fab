/// Growable storage addressed in place (no copy-on-write checks on the hot path); owned by
/// one engine, freed by `release()`.
struct Slab<Element> {
    var base: UnsafeMutablePointer<Element>
    var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` zeros.
    init(zeroed count: Int) where Element == Int {
        self.init(capacity: count)
        base.initialize(repeating: 0, count: count)
        self.count = count
    }

    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress { UnsafePointer(base + i) }
        @inline(__always) nonmutating unsafeMutableAddress { base + i }
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: e)
        count += 1
    }

    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
