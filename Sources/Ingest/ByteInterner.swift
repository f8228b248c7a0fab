import _TextSupport

/// Gives each distinct byte string a small integer id without making a `String` per lookup:
/// an open-addressing table of fingerprints over an arena of the bytes seen.
public struct ByteInterner: Sendable {
    private var slots: [Int32]  // id + 1, 0 = empty
    private var fingerprints: [UInt64] = []
    private var offsets: [Int] = [0]
    private var arena: [UInt8] = []
    private var mask: Int

    public init() {
        slots = [Int32](repeating: 0, count: 64)
        mask = 63
    }

    public var count: Int { fingerprints.count }

    @inline(__always)
    public mutating func id(of bytes: UnsafeRawBufferPointer) -> Int {
        let h = Fingerprint.of(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = Int(slots[i])
            if slot == 0 { break }
            let id = slot - 1
            if fingerprints[id] == h && matches(id, bytes) { return id }
            i = (i + 1) & mask
        }
        let id = fingerprints.count
        fingerprints.append(h)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        slots[i] = Int32(id + 1)
        if fingerprints.count * 2 > slots.count { rehash() }
        return id
    }

    /// The id of the NFC form of `bytes`: text that differs only in how its letters are
    /// composed ("Hà Nội" precomposed or with combining marks) gets one id. Called once per
    /// distinct value when interners merge, never per record; ASCII text is used as is.
    public mutating func canonicalID(of bytes: UnsafeRawBufferPointer) -> Int {
        guard CanonicalText.mayChange(bytes) else { return id(of: bytes) }
        return CanonicalText.nfc(bytes).withUnsafeBytes { id(of: $0) }
    }

    @inline(__always)
    private func matches(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id]
        let end = offsets[id + 1]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBytes { memcmpEqual($0.baseAddress! + start, bytes.baseAddress, bytes.count) }
    }

    private mutating func rehash() {
        let size = slots.count * 2
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (id, h) in fingerprints.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(id + 1)
        }
    }

    /// Calls `body` with the bytes of `id`.
    public func withBytes<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]])) }
    }

    public func string(_ id: Int) -> String {
        String(decoding: arena[offsets[id]..<offsets[id + 1]], as: UTF8.self)
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
    guard count > 0, let b else { return true }
    var i = 0
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
