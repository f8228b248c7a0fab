/// The UTF-8 check of a record's text values on the clean path, at little cost per record: an
/// ASCII value (ids, codes) passes a few word tests, and any other (a unit's name) is checked
/// once and then found again among the values already checked, by comparing its bytes with a
/// kept copy. A log names a few dozen units, so nearly every lookup finds one.
///
/// Direct-mapped: 256 slots of up to 120 bytes each, chosen by the value's length and its first,
/// middle and last eight bytes (unit names often share their first words and their last); a
/// longer value is checked each time. Used by one parser at a time.
struct ValidTextCache {
    private static let slots = 256
    private static let slotBytes = 128
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    /// Per slot: the length of the value kept, then its bytes; length 0 marks an empty slot.
    private let storage: UnsafeMutableRawPointer

    init() {
        storage = .allocate(byteCount: Self.slots * Self.slotBytes, alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.slots * Self.slotBytes)
    }

    func deallocate() { storage.deallocate() }

    /// Whether the four text values of a record are UTF-8. (Out of line, so that the clean
    /// path it is called from stays small enough for its own parts to be inlined.)
    @inline(never)
    func areValid(
        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ c: UnsafeRawBufferPointer,
        _ d: UnsafeRawBufferPointer
    ) -> Bool {
        (Self.isASCII(a) || isValid(a)) && (Self.isASCII(b) || isValid(b)) && (Self.isASCII(c) || isValid(c))
            && (Self.isASCII(d) || isValid(d))
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        if n >= 8 {
            let last = n &- 8
            if (base.loadUnaligned(as: UInt64.self) | base.loadUnaligned(fromByteOffset: last, as: UInt64.self))
                & highBits != 0
            {
                return false
            }
            var i = 8
            while i < last {
                if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits != 0 { return false }
                i &+= 8
            }
            return true
        }
        if n >= 4 {
            let seen = base.loadUnaligned(as: UInt32.self) | base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            return seen & 0x8080_8080 == 0
        }
        if n >= 2 {
            let seen = base.loadUnaligned(as: UInt16.self) | base.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
            return seen & 0x8080 == 0
        }
        return n == 0 || base.load(as: UInt8.self) < 0x80
    }

    /// Whether `bytes`, not all ASCII, is UTF-8: found among the values kept, or checked and kept.
    @inline(__always)
    private func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n >= 16, let base = bytes.baseAddress else { return UTF8Validation.firstInvalid(bytes) == nil }
        let first = base.loadUnaligned(as: UInt64.self)
        let last = base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        var mixed = (first &* 0x9E37_79B9_7F4A_7C15) &+ (last ^ UInt64(truncatingIfNeeded: n))
        mixed = (mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9
        let slot = storage + Int(truncatingIfNeeded: mixed >> 56) &* Self.slotBytes
        if slot.load(as: Int.self) == n && Self.equal(slot + 16, base, n) { return true }
        return check(bytes, keepingIn: slot)
    }

    /// The full check of a value not found, which is kept when it passes.
    private func check(_ bytes: UnsafeRawBufferPointer, keepingIn slot: UnsafeMutableRawPointer) -> Bool {
        guard UTF8Validation.firstInvalid(bytes) == nil else { return false }
        if bytes.count <= Self.slotBytes - 16 {
            slot.storeBytes(of: bytes.count, as: Int.self)
            (slot + 16).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        return true
    }

    /// Whether the `n` bytes (at least 16) at `a` and `b` are equal, sixteen at a time; the
    /// last step overlaps the one before it.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var differ =
            a.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
            ^ b.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
        var i = 0
        while i < n &- 16 {
            differ |=
                a.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                ^ b.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            i &+= 16
        }
        let words = unsafeBitCast(differ, to: SIMD2<UInt64>.self)
        return words[0] | words[1] == 0
    }
}
