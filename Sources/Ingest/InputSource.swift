#if canImport(Glibc)
    import Glibc
#endif

/// An open dossier log: a regular file (mapped by `MappedWindow`), or a pipe/stdin read in order.
final class InputSource: @unchecked Sendable {
    let path: String
    let descriptor: Int32
    private let isRegularFile: Bool
    /// The size of a regular file (nil for pipes and standard input).
    let regularFileSize: Int?
    private(set) var reachedEnd = false

    init(path: String) throws(InputFileError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            isRegularFile = false
            regularFileSize = nil
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
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
        regularFileSize = isRegularFile ? Int(info.st_size) : nil
    }

    /// Whether `path` can be read a second time: a regular file, not standard input or a pipe.
    static func isRereadable(path: String) -> Bool {
        var info = stat()
        return path != "-" && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    deinit {
        if descriptor > 0 { close(descriptor) }
    }

    /// Reads up to `count` bytes to `destination`, in order; returns the bytes read, short only at
    /// the end. (Regular files are mapped by `MappedWindow` instead; this serves pipes and stdin.)
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(InputFileError) -> Int {
        guard count > 0, !reachedEnd else { return 0 }
        var total = 0
        while total < count {
            let n = Glibc.read(descriptor, destination + total, count - total)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : "read error: " + String(cString: strerror(errno))
                throw InputFileError(file: path, reason: reason)
            }
            if n == 0 {
                reachedEnd = true
                break
            }
            total += n
        }
        return total
    }
}
