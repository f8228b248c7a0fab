import CSystem

/// A zip reader written from the format's description, for the tests: it walks the end record,
/// the central directory and each local header, checks that they agree, and inflates.
struct ZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var crc: UInt32
        var bytes: [UInt8]
    }

    var entries: [Entry] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    init(_ b: [UInt8]) throws {
        guard b.count >= 22 else { throw Failure(description: "shorter than an end record") }
        let end = b.count - 22
        guard ZipReader.u32(b, end) == 0x0605_4B50 else { throw Failure(description: "no end record at the end") }
        let count = ZipReader.u16(b, end + 10)
        guard ZipReader.u16(b, end + 8) == count else { throw Failure(description: "entry counts disagree") }
        let size = Int(ZipReader.u32(b, end + 12))
        var at = Int(ZipReader.u32(b, end + 16))
        guard at + size == end else { throw Failure(description: "directory does not end at the end record") }
        for _ in 0..<count {
            guard ZipReader.u32(b, at) == 0x0201_4B50 else { throw Failure(description: "bad directory header") }
            let method = UInt16(ZipReader.u16(b, at + 10))
            let crc = ZipReader.u32(b, at + 16)
            let compressed = Int(ZipReader.u32(b, at + 20))
            let uncompressed = Int(ZipReader.u32(b, at + 24))
            let nameLength = ZipReader.u16(b, at + 28)
            let extra = ZipReader.u16(b, at + 30)
            let comment = ZipReader.u16(b, at + 32)
            let local = Int(ZipReader.u32(b, at + 42))
            let name = Array(b[(at + 46)..<(at + 46 + nameLength)])
            at += 46 + nameLength + extra + comment
            // The local header repeats method, CRC, sizes and name.
            guard ZipReader.u32(b, local) == 0x0403_4B50 else { throw Failure(description: "bad local header") }
            guard UInt16(ZipReader.u16(b, local + 8)) == method, ZipReader.u32(b, local + 14) == crc,
                Int(ZipReader.u32(b, local + 18)) == compressed, Int(ZipReader.u32(b, local + 22)) == uncompressed,
                ZipReader.u16(b, local + 26) == nameLength,
                Array(b[(local + 30)..<(local + 30 + nameLength)]) == name
            else { throw Failure(description: "local header disagrees with the directory") }
            let start = local + 30 + nameLength + ZipReader.u16(b, local + 28)
            let data = Array(b[start..<(start + compressed)])
            let bytes: [UInt8]
            switch method {
            case 0: bytes = data
            case 8: bytes = try ZipReader.inflate(data, size: uncompressed)
            default: throw Failure(description: "unknown method \(method)")
            }
            guard bytes.count == uncompressed else { throw Failure(description: "size mismatch") }
            entries.append(Entry(name: String(decoding: name, as: UTF8.self), method: method, crc: crc, bytes: bytes))
        }
    }

    func text(_ name: String) -> String? {
        entries.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    static func inflate(_ data: [UInt8], size: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(1, size))
        var status: Int32 = 0
        data.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                status = CSystem.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.avail_in == 0 else { throw Failure(description: "inflate: \(status)") }
        return Array(out.prefix(Int(stream.total_out)))
    }
}

/// CRC-32 bit by bit (reflected polynomial 0xEDB88320): the slow, obvious definition.
func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
