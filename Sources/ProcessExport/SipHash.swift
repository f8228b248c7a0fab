/// SipHash-2-4, the keyed hash of Aumasson and Bernstein ("SipHash: a fast short-input PRF",
/// INDOCRYPT 2012): a 128-bit key, 64-bit output, two compression and four finalization rounds.
/// Written here from the paper's description; the tests hold it to the paper's test vectors.
public struct SipHash24: Sendable, Hashable {
    public let k0: UInt64
    public let k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// The key as 16 bytes: k0 the first eight read little-endian, k1 the last eight.
    public init(key: [UInt8]) {
        precondition(key.count == 16, "a SipHash key has 16 bytes")
        var a: UInt64 = 0
        var b: UInt64 = 0
        for i in 0..<8 {
            a |= UInt64(key[i]) << (8 * UInt64(i))
            b |= UInt64(key[i + 8]) << (8 * UInt64(i))
        }
        self.init(k0: a, k1: b)
    }

    public func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var v0: UInt64 = k0 ^ 0x736f_6d65_7073_6575
        var v1: UInt64 = k1 ^ 0x646f_7261_6e64_6f6d
        var v2: UInt64 = k0 ^ 0x6c79_6765_6e65_7261
        var v3: UInt64 = k1 ^ 0x7465_6462_7974_6573
        @inline(__always) func round() {
            v0 &+= v1
            v1 = v1.rotatedLeft(13)
            v1 ^= v0
            v0 = v0.rotatedLeft(32)
            v2 &+= v3
            v3 = v3.rotatedLeft(16)
            v3 ^= v2
            v0 &+= v3
            v3 = v3.rotatedLeft(21)
            v3 ^= v0
            v2 &+= v1
            v1 = v1.rotatedLeft(17)
            v1 ^= v2
            v2 = v2.rotatedLeft(32)
        }
        let n = bytes.count
        let whole = n & ~7
        var i = 0
        while i < whole {
            var m: UInt64 = 0
            for j in 0..<8 { m |= UInt64(bytes[i + j]) << (8 * UInt64(j)) }
            v3 ^= m
            round()
            round()
            v0 ^= m
            i += 8
        }
        // The last block: the remaining bytes, and the length's low byte on top.
        var last = UInt64(truncatingIfNeeded: n) << 56
        for j in 0..<(n - whole) { last |= UInt64(bytes[whole + j]) << (8 * UInt64(j)) }
        v3 ^= last
        round()
        round()
        v0 ^= last
        v2 ^= 0xFF
        round()
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    public func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }
}

extension UInt64 {
    @inline(__always) fileprivate func rotatedLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
