import CSystem
import _TextSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The UTF-8 text, in Unicode normalization form C, of a source in another encoding, converted
/// by the system's iconv a block at a time (memory stays bounded).
///
/// NFC because Windows-1258 writes most Vietnamese letters as a base letter and a combining
/// tone mark ("ế" is `ê` + U+0301): composed, the names come out as the precomposed text that
/// UTF-8 exports and the catalogs hold. A block is normalised up to its last ASCII byte (no
/// ASCII character combines with what precedes it, so the cut cannot split a letter from its
/// marks) and the rest waits for the next block.
final class Transcoder: ByteStream {
    private let source: InputSource
    private let encoding: TextEncoding
    private let converter: iconv_t
    /// Raw bytes read and not yet converted.
    private var input: [UInt8]
    private var inputCount = 0
    /// The file offset of the next raw byte to convert, for an error.
    private var converted: Int
    /// Line ends in the converted text so far, for the line in an error.
    private var lines = 0
    /// Converted text after the last ASCII byte, not yet normalised.
    private var unnormalised: [UInt8] = []
    /// Normalised text not yet handed out.
    private var ready: [UInt8] = []
    private var readyStart = 0
    private var finished = false

    /// - Parameters:
    ///   - offset: the file offset of the source's next byte (past a byte-order mark).
    ///   - blockSize: raw bytes converted at a time (small in tests, to cut letters at every place).
    init(source: InputSource, encoding: TextEncoding, offset: Int, blockSize: Int = 65536) throws {
        self.source = source
        converted = offset
        self.encoding = encoding
        converter = iconv_open("UTF-8", encoding.iconvName)
        guard converter != iconv_t(bitPattern: -1) else {
            throw InputFileError(
                file: source.path, reason: "the system's iconv cannot convert from --encoding \(encoding.name)")
        }
        input = [UInt8](repeating: 0, count: blockSize)
    }

    deinit { iconv_close(converter) }

    var reachedEnd: Bool { finished && readyStart == ready.count }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var total = 0
        while total < count {
            if readyStart < ready.count {
                let n = min(count - total, ready.count - readyStart)
                ready.withUnsafeBytes {
                    (destination + total).copyMemory(from: $0.baseAddress! + readyStart, byteCount: n)
                }
                readyStart += n
                total += n
                continue
            }
            if finished { break }
            try convertBlock()
        }
        return total
    }

    /// Reads and converts one block, and normalises what can be normalised of it.
    private func convertBlock() throws {
        let read = try input.withUnsafeMutableBytes { buffer in
            try source.read(into: buffer.baseAddress! + inputCount, count: buffer.count - inputCount)
        }
        inputCount += read
        let sourceEnded = source.reachedEnd
        var output = [UInt8](repeating: 0, count: 4 * inputCount + 64)
        var produced = 0
        var consumed = 0
        try input.withUnsafeMutableBytes { inBuffer in
            try output.withUnsafeMutableBytes { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress!.assumingMemoryBound(
                    to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                consumed = inputCount - inLeft
                if result == -1 {
                    let code = errno
                    // EINVAL: the block ends inside a character, which the next block completes.
                    if code == EILSEQ || (code == EINVAL && sourceEnded) {
                        throw undecodable(
                            UnsafeRawBufferPointer(rebasing: inBuffer[consumed..<min(inputCount, consumed + 4)]),
                            offset: converted + consumed,
                            before: UnsafeRawBufferPointer(rebasing: outBuffer[0..<(outBuffer.count - outLeft)]))
                    }
                    precondition(code == EINVAL, "the output has room for any block")
                }
                // At the end, a converter that holds a letter back for a combining mark lets go.
                if sourceEnded && inLeft == 0 { _ = iconv(converter, nil, nil, &outPointer, &outLeft) }
                produced = outBuffer.count - outLeft
            }
        }
        if consumed > 0 {
            input.withUnsafeMutableBytes { buffer in
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + consumed, byteCount: inputCount - consumed)
            }
        }
        inputCount -= consumed
        converted += consumed
        // A character longer than what is left of the block: room for it in the next one.
        if inputCount == input.count { input.append(contentsOf: repeatElement(0, count: input.count)) }
        for b in output[0..<produced] where b == 0x0A { lines += 1 }
        unnormalised.append(contentsOf: output[0..<produced])
        let done = sourceEnded && inputCount == 0
        var cut = unnormalised.count
        if !done {
            cut = unnormalised.lastIndex(where: { $0 < 0x80 }) ?? 0
            // Text with no ASCII at all for a megabyte: normalise it anyway, to bound memory.
            if cut == 0 && unnormalised.count > 1 << 20 { cut = unnormalised.count }
        }
        ready = unnormalised.withUnsafeBytes { CanonicalText.nfc(UnsafeRawBufferPointer(rebasing: $0[0..<cut])) }
        readyStart = 0
        unnormalised.removeFirst(cut)
        if done { finished = true }
    }

    private func undecodable(
        _ bytes: UnsafeRawBufferPointer, offset: Int, before: UnsafeRawBufferPointer
    ) -> IngestError {
        let line = lines + 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return IngestError(
            file: source.path, line: line, column: 0, field: nil, text: IngestError.shorten(bytes),
            rule: .undecodable(encoding: encoding.name), byteOffset: offset)
    }
}
