import _TextSupport

/// Stable pseudonyms for personal names (`NguoiXuLy`, `ChuHoSo`): `person-` and 16 hex digits
/// of the SipHash-2-4 of the name's NFC form under a key. The same name under the same key is
/// always the same pseudonym, so a handler's work can still be followed; without the key the
/// name cannot be recovered by hashing a list of likely names. Composed and decomposed
/// spellings of a name are one person.
public struct Pseudonyms: Sendable {
    public let hasher: SipHash24

    public init(hasher: SipHash24) { self.hasher = hasher }

    /// The key from `--pseudonym-key`: the text's bytes hashed (under the zero key, once with a
    /// 0 byte in front and once with a 1) into the two halves of the 128-bit key.
    public init(keyText: String) {
        let zero = SipHash24(k0: 0, k1: 0)
        let bytes = Array(keyText.utf8)
        self.init(hasher: SipHash24(k0: zero.hash([0] + bytes), k1: zero.hash([1] + bytes)))
    }

    /// A key drawn from the system's random source: pseudonyms stable within one run only.
    public static func random() -> Pseudonyms {
        var generator = SystemRandomNumberGenerator()
        return Pseudonyms(hasher: SipHash24(k0: generator.next(), k1: generator.next()))
    }

    /// Appends the pseudonym of the UTF-8 name `bytes`; an empty name stays empty.
    public func append(pseudonymOf bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard bytes.count > 0 else { return }
        let h =
            CanonicalText.mayChange(bytes)
            ? CanonicalText.nfc(bytes).withUnsafeBytes { hasher.hash($0) } : hasher.hash(bytes)
        out.append(contentsOf: "person-".utf8)
        let digits = Array("0123456789abcdef".utf8)
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((h >> UInt64(shift)) & 0xF)]) }
    }

    public func pseudonym(of name: String) -> String {
        var out: [UInt8] = []
        var text = name
        text.withUTF8 { append(pseudonymOf: UnsafeRawBufferPointer($0), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
