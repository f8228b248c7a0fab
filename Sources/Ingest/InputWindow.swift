#if canImport(Glibc)
    import Glibc
#endif

/// A window onto the input: the bytes from some offset on, a batch at a time.
///
/// A regular file is mapped into memory, so its bytes are parsed where the page cache holds
/// them, without a copy; the window is unmapped as it slides, so memory stays bounded. A pipe
/// or standard input is read into a buffer instead.
protocol InputWindow {
    /// The bytes of the window.
    var bytes: UnsafeRawBufferPointer { get }
    /// The window reaches the end of the input.
    var atEnd: Bool { get }
    /// Moves the window's start to `offset` within `bytes` (what lies before is done with) and
    /// fills it again.
    mutating func slide(to offset: Int) throws
    /// Makes the window larger from the same start, for a record longer than a batch.
    mutating func widen() throws
    /// Releases the window's memory; it must not be used afterwards.
    mutating func close()
}

/// Opens the window that suits `source`.
func makeWindow(_ source: InputSource, size: Int) throws -> any InputWindow {
    if let fileSize = source.regularFileSize {
        return try MappedWindow(source: source, fileSize: fileSize, length: size)
    }
    return try BufferedWindow(source: source, capacity: size)
}

/// A regular file mapped a window at a time.
struct MappedWindow: InputWindow {
    let source: InputSource
    let fileSize: Int
    private var start = 0
    private var length: Int
    private var mapping: UnsafeMutableRawPointer?
    private var mappedLength = 0
    private var pageOffset = 0
    private(set) var bytes = UnsafeRawBufferPointer(start: nil, count: 0)

    init(source: InputSource, fileSize: Int, length: Int) throws {
        self.source = source
        self.fileSize = fileSize
        self.length = length
        try map()
    }

    var atEnd: Bool { start + bytes.count >= fileSize }

    mutating func slide(to offset: Int) throws {
        start += offset
        try map()
    }

    mutating func widen() throws {
        length *= 2
        try map()
    }

    private mutating func map() throws {
        unmap()
        let count = min(length, fileSize - start)
        guard count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        pageOffset = start % page
        mappedLength = count + pageOffset
        let address = mmap(
            nil, mappedLength, PROT_READ, MAP_PRIVATE, source.descriptor, off_t(start - pageOffset))
        guard let address, address != MAP_FAILED else {
            throw InputFileError(file: source.path, reason: "cannot map: " + String(cString: strerror(errno)))
        }
        _ = madvise(address, mappedLength, MADV_SEQUENTIAL)
        mapping = address
        bytes = UnsafeRawBufferPointer(start: address + pageOffset, count: count)
    }

    private mutating func unmap() {
        if let mapping { munmap(mapping, mappedLength) }
        mapping = nil
    }

    mutating func close() { unmap() }
}

/// A pipe or standard input, read into a buffer that keeps the unfinished tail.
struct BufferedWindow: InputWindow {
    let source: InputSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var filled = 0

    init(source: InputSource, capacity: Int) throws {
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 64)
        try fill()
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<filled]) }
    var atEnd: Bool { source.reachedEnd }

    mutating func slide(to offset: Int) throws {
        let kept = filled - offset
        if kept > 0 && offset > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + offset, byteCount: kept)
        }
        filled = kept
        try fill()
    }

    mutating func widen() throws {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
        bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
        buffer.deallocate()
        buffer = bigger
        try fill()
    }

    private mutating func fill() throws {
        filled += try source.read(into: buffer.baseAddress! + filled, count: buffer.count - filled)
    }

    mutating func close() { buffer.deallocate() }
}
