/// With two `--by` dimensions, the slots of recent records by the pair of inputs that decide
/// their key (`KPIAccumulator.memoInput`: a received day, a text key, a channel). A direct-mapped
/// table: a hit is a multiply and two loads, where building the key from its two values and
/// probing `SlotTable` cost some 170 instructions a record. A miss (a pair not seen yet, or one
/// that shares its entry with another) takes that way and fills the entry.
struct PairSlotMemo {
    private var inputs: [UInt64]
    /// The entry's slot, -1 while empty.
    private var slots: [Int32]
    /// 64 - log2(entries): the hash's top bits pick the entry.
    private let shift: UInt64

    /// A memo of `entries` entries, a power of two (0: none, for an accumulator without two
    /// dimensions, which never asks).
    init(entries: Int) {
        precondition(entries == 0 || entries.nonzeroBitCount == 1)
        inputs = [UInt64](repeating: 0, count: entries)
        slots = [Int32](repeating: -1, count: entries)
        shift = entries == 0 ? 63 : UInt64(64 - entries.trailingZeroBitCount)
    }

    /// The two inputs as one word: equal words, equal pairs.
    @inline(__always)
    static func pack(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    @inline(__always)
    private func entry(_ pair: UInt64) -> Int {
        Int(truncatingIfNeeded: (pair &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot remembered for `pair`, nil when none is.
    @inline(__always)
    func slot(of pair: UInt64) -> Int? {
        let i = entry(pair)
        let slot = slots[i]
        return slot >= 0 && inputs[i] == pair ? Int(slot) : nil
    }

    mutating func remember(_ pair: UInt64, slot: Int) {
        let i = entry(pair)
        inputs[i] = pair
        slots[i] = Int32(slot)
    }
}
