/// Finds the slot of a group key inside one accumulator: open addressing with a multiplicative
/// hash, cheaper per record than `Dictionary`'s seeded SipHash, which matters when every record
/// of a grouped report looks its group up.
struct SlotTable {
    private var keys: [LocalKey]
    private var slots: [Int32]  // slot + 1, 0 = empty
    private var mask: Int
    /// 64 − log2(capacity): the hash's top bits pick the first probe.
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = [LocalKey](repeating: LocalKey(), count: 16)
        slots = [Int32](repeating: 0, count: 16)
        mask = 15
        shift = 60
    }

    /// The first probe of `key`: the top bits of a multiplicative hash (Fibonacci hashing).
    /// Its middle bits, used before, put small ids such as a log's 30 units 3.4 probes apart
    /// on average; the top bits spread consecutive ids one a slot.
    @inline(__always)
    private func home(_ key: LocalKey) -> Int {
        var h = UInt64(UInt32(bitPattern: key.a)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(UInt32(bitPattern: key.b))) &* 0xC2B2_AE3D_27D4_EB4F
        h = (h ^ UInt64(UInt32(bitPattern: key.c))) &* 0x1656_67B1_9E37_79F9
        h = (h ^ UInt64(UInt32(bitPattern: key.d))) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> shift)
    }

    /// The slot of `key`, or nil.
    @inline(__always)
    func slot(of key: LocalKey) -> Int? {
        var i = home(key)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if keys[i] == key { return Int(s) - 1 }
            i = (i + 1) & mask
        }
    }

    /// Records that `key` lives in `slot` (the key must not be present yet).
    mutating func insert(_ key: LocalKey, slot: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        var i = home(key)
        while slots[i] != 0 { i = (i + 1) & mask }
        keys[i] = key
        slots[i] = Int32(slot + 1)
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        let size = slots.count * 2
        keys = [LocalKey](repeating: LocalKey(), count: size)
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for (i, s) in oldSlots.enumerated() where s != 0 { insert(oldKeys[i], slot: Int(s) - 1) }
    }
}
