import CSystem

/// The two things the zip container needs from the system's zlib: CRC-32 and raw deflate.
enum Zlib {
    /// The CRC-32 (ISO 3309, the one zip and PNG use) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt = 0
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            // zlib takes the length as a 32-bit `uInt`: feed it at most 1 GiB at a time.
            repeat {
                let n = min(buffer.count - offset, 1 << 30)
                crc = CSystem.crc32(crc, buffer.baseAddress.map { $0 + offset }, uInt(n))
                offset += n
            } while offset < buffer.count
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// `bytes` as a raw deflate stream (RFC 1951, no zlib header or trailer), as zip stores it.
    static func deflate(_ bytes: [UInt8]) throws(ZipError) -> [UInt8] {
        guard bytes.count < Int(UInt32.max) else { throw ZipError.tooLarge }
        var stream = z_stream()
        // A negative window size asks for the raw stream.
        let initialized = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard initialized == Z_OK else { throw ZipError.zlib(code: initialized) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var status: Int32 = Z_OK
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                // deflateBound leaves room for the whole stream: one call finishes it.
                status = CSystem.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ZipError.zlib(code: status) }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
