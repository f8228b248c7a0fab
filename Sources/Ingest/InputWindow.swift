/// Bytes read in order: an input's own bytes (`InputSource`) or their UTF-8 decoding
/// (`Transcoder`).
protocol ByteStream: AnyObject {
    /// Reads up to `count` bytes to `destination`; short only at the end.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int
    /// No byte is left.
    var reachedEnd: Bool { get }
}

/// A window onto the input as UTF-8: the bytes from some offset on, a batch at a time, in one
/// buffer reused from batch to batch, so memory stays bounded whatever the file's size.
struct InputWindow {
    private let stream: any ByteStream
    private var buffer: UnsafeMutableRawBufferPointer
    private var filled = 0
    /// The offset of `bytes[0]` in the file (in the decoded text when the file is transcoded).
    private(set) var offset: Int

    /// - Parameter offset: the offset of the stream's first byte (past a byte-order mark).
    init(stream: any ByteStream, capacity: Int, offset: Int) throws {
        self.stream = stream
        self.offset = offset
        buffer = .allocate(byteCount: capacity, alignment: 64)
        try fill()
    }

    /// The bytes of the window.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<filled]) }
    /// The window reaches the end of the input.
    var atEnd: Bool { stream.reachedEnd }

    /// Moves the window's start to `offset` within `bytes` (what lies before is done with) and
    /// fills it again.
    mutating func slide(to offset: Int) throws {
        let kept = filled - offset
        if kept > 0 && offset > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + offset, byteCount: kept)
        }
        filled = kept
        self.offset += offset
        try fill()
    }

    /// Makes the window larger from the same start, for a record longer than a batch.
    mutating func widen() throws {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
        bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
        buffer.deallocate()
        buffer = bigger
        try fill()
    }

    private mutating func fill() throws {
        filled += try stream.read(into: buffer.baseAddress! + filled, count: buffer.count - filled)
    }

    /// Releases the window's memory; it must not be used afterwards.
    mutating func close() { buffer.deallocate() }
}

extension InputWindow {
    /// The first window of `source` as UTF-8 text: its signature checked, a byte-order mark
    /// skipped, legacy or UTF-16 text transcoded, and the start checked for binary data and
    /// emptiness. (These checks look at the first 64 KiB whatever the window's size, so they
    /// never depend on `--chunk-size`.)
    static func openText(
        _ source: InputSource, encoding: TextEncoding?, capacity: Int, path: String
    ) throws -> InputWindow {
        let head = try source.head(FileSignature.headSize)
        let decoding = try head.withUnsafeBytes { try FileSignature.inspect($0, encoding: encoding, file: path) }
        source.skip(decoding.byteOrderMark)
        let stream: any ByteStream =
            try decoding.encoding.map {
                try Transcoder(source: source, encoding: $0, offset: decoding.byteOrderMark)
            } ?? source
        var window = try InputWindow(
            stream: stream, capacity: capacity, offset: decoding.encoding == nil ? decoding.byteOrderMark : 0)
        while window.bytes.count < FileSignature.headSize && !window.atEnd { try window.widen() }
        try FileSignature.checkText(window.bytes, atEnd: window.atEnd, file: path)
        return window
    }
}
