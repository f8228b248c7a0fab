import ProcessExport
import Testing

/// SipHash-2-4 against the test vectors published with the algorithm: key 00 01 .. 0f, message
/// 00 01 .. (n-1). Source: J.-P. Aumasson and D. J. Bernstein, "SipHash: a fast short-input PRF"
/// (2012), Appendix A (the 15-byte message), and the reference implementation's `vectors.h`
/// (github.com/veorq/SipHash, `vectors_sip64`), whose bytes are the output little-endian.
@Suite struct SipHashTests {
    static let vectors: [(length: Int, bytes: [UInt8])] = [
        (0, [0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72]),
        (1, [0xfd, 0x67, 0xdc, 0x93, 0xc5, 0x39, 0xf8, 0x74]),
        (2, [0x5a, 0x4f, 0xa9, 0xd9, 0x09, 0x80, 0x6c, 0x0d]),
        (3, [0x2d, 0x7e, 0xfb, 0xd7, 0x96, 0x66, 0x67, 0x85]),
        (4, [0xb7, 0x87, 0x71, 0x27, 0xe0, 0x94, 0x27, 0xcf]),
        (5, [0x8d, 0xa6, 0x99, 0xcd, 0x64, 0x55, 0x76, 0x18]),
        (6, [0xce, 0xe3, 0xfe, 0x58, 0x6e, 0x46, 0xc9, 0xcb]),
        (7, [0x37, 0xd1, 0x01, 0x8b, 0xf5, 0x00, 0x02, 0xab]),
        (8, [0x62, 0x24, 0x93, 0x9a, 0x79, 0xf5, 0xf5, 0x93]),
        (9, [0xb0, 0xe4, 0xa9, 0x0b, 0xdf, 0x82, 0x00, 0x9e]),
        (15, [0xe5, 0x45, 0xbe, 0x49, 0x61, 0xca, 0x29, 0xa1]),
    ]

    @Test func publishedVectors() {
        let hasher = SipHash24(key: (0..<16).map { UInt8($0) })
        for vector in Self.vectors {
            let message = (0..<vector.length).map { UInt8($0) }
            var expected: UInt64 = 0
            for (i, b) in vector.bytes.enumerated() { expected |= UInt64(b) << (8 * UInt64(i)) }
            #expect(hasher.hash(message) == expected, "message of \(vector.length) bytes")
        }
    }

    /// The paper's worked example: the 15-byte message gives a129ca6149be45e5.
    @Test func paperExample() {
        let hasher = SipHash24(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        #expect(hasher.hash((0..<15).map { UInt8($0) }) == 0xa129_ca61_49be_45e5)
    }
}
