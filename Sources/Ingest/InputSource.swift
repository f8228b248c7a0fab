#if canImport(Glibc)
    import Glibc
#endif

/// An open dossier log, read from its start in order: a regular file up to the size it had when
/// opened, from a memory map while a `ReadLease` keeps other programs from changing it, else
/// with `pread`; a pipe, standard input or a device with `read`, to its end.
///
/// A file another program changes while it is read gives the bytes that were there, or an
/// error that says so, never a signal. A file that grows is read up to its size when opened; a
/// file that becomes shorter is an error, since its last record would be cut.
final class InputSource: ByteStream, @unchecked Sendable {
    let path: String
    private var descriptor: Int32
    private var ownsDescriptor: Bool
    /// Regular files are read with `pread` from `rawOffset` up to `limit`; others with `read`.
    private var limit: Int?
    /// Bytes taken from the descriptor so far.
    private(set) var rawOffset = 0
    /// Bytes peeked at (`head`) and not yet handed out.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var streamEnded = false
    /// Where a pipe's bytes are copied for the second pass of `--dedupe last`.
    private var spill: SpillFile?
    /// What an early end of a regular file means, for the error.
    private var shortReadReason = "became shorter while it was read"
    /// Held while the file may be read from a memory map.
    private var lease: ReadLease?

    init(path: String) throws(InputFileError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw InputFileError(file: path, reason: "no such file") }
            throw InputFileError(file: path, reason: "cannot open: " + String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw InputFileError(file: path, reason: "cannot stat: " + String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputFileError(file: path, reason: "is a directory; expected a dossier log file (CSV, TSV or JSONL)")
        }
        descriptor = fd
        ownsDescriptor = true
        // A regular file of size 0 may still have content (/proc): read it as a stream.
        if (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
            limit = Int(info.st_size)
            lease = ReadLease(descriptor: fd)
        }
    }

    /// Whether `path` can be read a second time: a regular file, not standard input or a pipe.
    static func isRereadable(path: String) -> Bool {
        var info = stat()
        return path != "-" && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    deinit {
        lease?.release()
        if ownsDescriptor { close(descriptor) }
    }

    /// The descriptor and size of a regular file that may be read from a memory map now, nil
    /// when it must be read with `read`: not a regular file, no lease granted, or another program
    /// waits to write it (the lease is let go only by `continueReading`, once the reader is done
    /// with the map).
    var mappable: (descriptor: Int32, size: Int)? {
        guard let held = lease, let limit, held.holds else { return nil }
        return (descriptor, limit)
    }

    /// Lets the lease go (the reader no longer maps the file): a program waiting to write
    /// proceeds, and the file is read with `pread` from here on.
    func letLeaseGo() {
        lease?.release()
        lease = nil
    }

    /// Continues with `pread` from byte `offset`, after bytes up to there were taken from a map
    /// that is gone now.
    func continueReading(at offset: Int) {
        letLeaseGo()
        rawOffset = offset
        pending = []
        pendingStart = 0
        streamEnded = limit.map { offset >= $0 } ?? false
    }

    /// No byte is left to hand out.
    var reachedEnd: Bool { pendingStart == pending.count && streamEnded }

    /// Up to `count` bytes from the start, without consuming them.
    func head(_ count: Int) throws(InputFileError) -> [UInt8] {
        if pending.count - pendingStart < count && !streamEnded {
            let more = UnsafeMutableRawBufferPointer.allocate(
                byteCount: count - (pending.count - pendingStart), alignment: 8)
            defer { more.deallocate() }
            let n = try readRaw(into: more.baseAddress!, count: more.count)
            pending.append(contentsOf: more[0..<n])
        }
        return Array(pending[pendingStart..<min(pending.count, pendingStart + count)])
    }

    /// Drops the first `count` bytes not handed out yet (a byte-order mark).
    func skip(_ count: Int) {
        pendingStart = min(pending.count, pendingStart + count)
    }

    /// Reads up to `count` bytes to `destination`, in order; returns the bytes read, short only at
    /// the end.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(InputFileError) -> Int {
        var total = 0
        if pendingStart < pending.count {
            total = min(count, pending.count - pendingStart)
            pending.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + pendingStart, byteCount: total) }
            pendingStart += total
            if pendingStart == pending.count {
                pending = []
                pendingStart = 0
            }
        }
        if total < count { total += try readRaw(into: destination + total, count: count - total) }
        return total
    }

    /// Reads from the descriptor until `count` bytes or the end.
    private func readRaw(into destination: UnsafeMutableRawPointer, count: Int) throws(InputFileError) -> Int {
        var total = 0
        while total < count && !streamEnded {
            let want = limit.map { min(count - total, $0 - rawOffset) } ?? count - total
            if want == 0 {
                streamEnded = true
                break
            }
            let n =
                limit == nil
                ? Glibc.read(descriptor, destination + total, want)
                : pread(descriptor, destination + total, want, off_t(rawOffset))
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : "read error: " + String(cString: strerror(errno))
                throw InputFileError(file: path, reason: reason)
            }
            if n == 0 {
                if let limit {
                    throw InputFileError(
                        file: path,
                        reason:
                            "\(shortReadReason) (\(limit) bytes expected, \(rawOffset) read): another program is changing it; read it once it is done, or read a copy"
                    )
                }
                streamEnded = true
                break
            }
            try spill?.append(destination + total, count: n, for: path)
            total += n
            rawOffset += n
        }
        return total
    }

    /// Makes this source readable a second time from its start with the same bytes, for the
    /// second pass of `--dedupe last`: a pipe, standard input or a device is copied to a
    /// temporary file as it is read. Call before the first read.
    func keepForSecondPass() throws(InputFileError) {
        precondition(rawOffset == 0 && pending.isEmpty, "call before reading")
        if limit == nil { spill = try SpillFile(for: path) }
    }

    /// Starts again from the first byte, for the second pass: a regular file is read up to the
    /// size it had when opened, as on the first pass (so a file that grew in between gives the
    /// same records), a copied stream from its copy.
    func rewind() throws(InputFileError) {
        if let spill {
            if ownsDescriptor { close(descriptor) }
            descriptor = spill.descriptor
            ownsDescriptor = true
            limit = spill.size > 0 ? spill.size : nil
            spill.releaseDescriptor()
            self.spill = nil
            // The copy has no name: no other program can change it.
            if limit != nil { lease = ReadLease(descriptor: descriptor) }
            if limit == nil { streamEnded = true }
        }
        if limit != nil { streamEnded = false }
        rawOffset = 0
        pending = []
        pendingStart = 0
        shortReadReason = "changed between the two passes of --dedupe last"
    }
}

/// The sources of one scan's files, opened as each is reached; for the two passes of
/// `--dedupe last`, held open after the first pass so that the second reads the same bytes.
final class InputSources: @unchecked Sendable {
    /// Every source is kept (a pipe copied) so that it can be read again.
    let forTwoPasses: Bool
    private var held: [Int: InputSource] = [:]

    init(forTwoPasses: Bool) { self.forTwoPasses = forTwoPasses }

    /// The source of the `index`th file: opened on the first pass, rewound on the second.
    func source(_ index: Int, path: String) throws(InputFileError) -> InputSource {
        if let source = held[index] {
            try source.rewind()
            return source
        }
        let source = try InputSource(path: path)
        if forTwoPasses {
            try source.keepForSecondPass()
            held[index] = source
        }
        return source
    }
}

extension LogScanner {
    /// Whether the input `path` can be read a second time (`InputSource.isRereadable`), for a
    /// run that needs two readings and must say so before the first.
    public static func canReadTwice(_ path: String) -> Bool { InputSource.isRereadable(path: path) }
}
