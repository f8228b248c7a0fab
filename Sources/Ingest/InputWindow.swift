#if canImport(Glibc)
    import Glibc
#endif

/// A window onto the input: the bytes from some offset on, a batch at a time.
protocol InputWindow {
    /// The bytes of the window.
    var bytes: UnsafeRawBufferPointer { get }
    /// The offset of `bytes[0]` in the file (in the decoded text when the file is transcoded).
    var offset: Int { get }
    /// The window reaches the end of the input.
    var atEnd: Bool { get }
    /// Moves the window's start to `offset` within `bytes` (what lies before is done with) and
    /// fills it again.
    mutating func slide(to offset: Int) throws
    /// Makes the window larger from the same start, for a record longer than a batch.
    mutating func widen() throws
    /// The mapped pages the window has moved past, for whoever has a moment to give them back
    /// (nil when none, or when the window is not a map). Each page is handed out once.
    mutating func takePagesPassed() -> PassedPages?
    /// Releases the window's memory; it must not be used afterwards.
    mutating func close()
}

/// Bytes read in order: an input's own bytes (`InputSource`) or their UTF-8 decoding
/// (`Transcoder`).
protocol ByteStream: AnyObject {
    /// Reads up to `count` bytes to `destination`; short only at the end.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int
    /// No byte is left.
    var reachedEnd: Bool { get }
}

/// The window onto a file's text as UTF-8: the bytes from some offset on, a batch at a time, so
/// memory stays bounded whatever the file's size.
///
/// A regular file under a `ReadLease` is parsed straight from a memory map, where the page cache
/// holds it (no copy). The whole file is mapped once, so a move costs nothing; the pages the
/// window has passed are given back (`takePagesPassed`), so memory stays bounded by the window.
/// Before each move the lease is looked at, and once another program waits to write the file,
/// the window leaves the map for a buffer filled by `pread`.
/// Anything else (a pipe, standard input, transcoded text, a file without a lease) is read into
/// one buffer reused from batch to batch.
struct ReadWindow: InputWindow {
    private let stream: any ByteStream
    /// While the window maps the file: its source, descriptor and size.
    private var mapped: (source: InputSource, descriptor: Int32, size: Int)?
    private var mapping: UnsafeMutableRawPointer?
    private var mappedLength = 0
    /// The mapped bytes before this offset were handed out by `takePagesPassed`.
    private var passed = 0
    /// The bytes a batch holds (more for a record longer than a batch).
    private var length: Int
    private var buffer: UnsafeMutableRawBufferPointer?
    private var filled = 0
    private(set) var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The offset of `bytes[0]` in the file (in the decoded text when the file is transcoded).
    private(set) var offset: Int

    /// - Parameters:
    ///   - source: the source when it is `stream` itself, so that it may be mapped.
    ///   - offset: the offset of the stream's first byte (past a byte-order mark).
    init(stream: any ByteStream, mapping source: InputSource?, capacity: Int, offset: Int) throws {
        self.stream = stream
        self.offset = offset
        length = capacity
        if let source, let file = source.mappable {
            mapped = (source, file.descriptor, file.size)
            try map()
        } else {
            source?.letLeaseGo()
            buffer = .allocate(byteCount: capacity, alignment: 64)
            try fill()
        }
    }

    /// The window reaches the end of the input.
    var atEnd: Bool {
        if let mapped { return offset + bytes.count >= mapped.size }
        return stream.reachedEnd
    }

    /// Moves the window's start to `offset` within `bytes` (what lies before is done with) and
    /// fills it again.
    mutating func slide(to offset: Int) throws {
        if mapped != nil {
            self.offset += offset
            try leaveMapIfAsked(keeping: offset)
            try mapped != nil ? showMapped() : fill()
            return
        }
        let kept = filled - offset
        if kept > 0 && offset > 0 {
            buffer!.baseAddress!.copyMemory(from: buffer!.baseAddress! + offset, byteCount: kept)
        }
        filled = kept
        self.offset += offset
        try fill()
    }

    /// Makes the window larger from the same start, for a record longer than a batch.
    mutating func widen() throws {
        length *= 2
        if mapped != nil {
            try leaveMapIfAsked(keeping: 0)
            try mapped != nil ? showMapped() : fill()
            return
        }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 64)
        bigger.baseAddress!.copyMemory(from: buffer!.baseAddress!, byteCount: filled)
        buffer!.deallocate()
        buffer = bigger
        try fill()
    }

    mutating func takePagesPassed() -> PassedPages? {
        guard let mapping else { return nil }
        let end = offset - offset % Self.pageSize
        guard end > passed else { return nil }
        defer { passed = end }
        return PassedPages(start: mapping + passed, count: end - passed)
    }

    /// Maps the whole file. (A map per batch cost about a millisecond a batch, the old map's
    /// pages torn down while every worker waited.)
    private mutating func map() throws {
        guard let (source, descriptor, size) = mapped, size > 0 else { return }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw InputFileError(file: source.path, reason: "cannot map: " + String(cString: strerror(errno)))
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        mapping = address
        mappedLength = size
        showMapped()
    }

    /// `bytes` as the window's part of the map: `length` bytes from `offset`, fewer at the end.
    private mutating func showMapped() {
        guard let mapping else { return }
        bytes = UnsafeRawBufferPointer(start: mapping + offset, count: min(length, mappedLength - offset))
    }

    private mutating func unmap() {
        if let mapping { munmap(mapping, mappedLength) }
        mapping = nil
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// When another program waits to write the mapped file, copies the bytes still needed (from
    /// `kept` in `bytes` on) to a buffer, unmaps, and continues with `pread` after them. (The
    /// writer is held back until the lease is let go, so the map is still whole here.)
    private mutating func leaveMapIfAsked(keeping kept: Int) throws {
        guard let source = mapped?.source, source.mappable == nil else { return }
        let keptCount = bytes.count - kept
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, keptCount), alignment: 64)
        if keptCount > 0 { storage.baseAddress!.copyMemory(from: bytes.baseAddress! + kept, byteCount: keptCount) }
        unmap()
        buffer = storage
        filled = keptCount
        source.continueReading(at: offset + keptCount)
        mapped = nil
    }

    private mutating func fill() throws {
        filled += try stream.read(into: buffer!.baseAddress! + filled, count: buffer!.count - filled)
        bytes = UnsafeRawBufferPointer(rebasing: buffer![0..<filled])
    }

    /// Releases the window's memory; it must not be used afterwards.
    mutating func close() {
        unmap()
        buffer?.deallocate()
    }
}

/// The first window of `source` as UTF-8 text: its signature checked, a byte-order mark
/// skipped, legacy or UTF-16 text transcoded, and the start checked for binary data and
/// emptiness. (These checks look at the first 64 KiB whatever the window's size, so they never
/// depend on `--chunk-size`.)
func openTextWindow(
    _ source: InputSource, encoding: TextEncoding?, capacity: Int, path: String
) throws -> ReadWindow {
    let head = try source.head(FileSignature.headSize)
    let decoding = try head.withUnsafeBytes { try FileSignature.inspect($0, encoding: encoding, file: path) }
    source.skip(decoding.byteOrderMark)
    let transcoder = try decoding.encoding.map {
        try Transcoder(source: source, encoding: $0, offset: decoding.byteOrderMark)
    }
    var window = try ReadWindow(
        stream: transcoder ?? source, mapping: transcoder == nil ? source : nil, capacity: capacity,
        offset: transcoder == nil ? decoding.byteOrderMark : 0)
    while window.bytes.count < FileSignature.headSize && !window.atEnd { try window.widen() }
    try FileSignature.checkText(window.bytes, atEnd: window.atEnd, file: path)
    return window
}

/// Pages of a mapped file that the window has moved past, given back while the file is still
/// mapped (during the next batch). That drops them from this process's memory, not from the
/// page cache: a page read again would be mapped again from the cache, so no byte can change.
struct PassedPages: @unchecked Sendable {
    let start: UnsafeMutableRawPointer
    let count: Int

    func giveBack() { _ = madvise(start, count, MADV_DONTNEED) }
}
