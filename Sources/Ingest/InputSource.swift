#if canImport(Glibc)
    import Glibc
#endif
import Dispatch

/// An open dossier log: a regular file read with parallel `pread`, or a pipe/stdin read in order.
final class InputSource: @unchecked Sendable {
    let path: String
    let descriptor: Int32
    private let isRegularFile: Bool
    /// The size of a regular file (nil for pipes and standard input).
    let regularFileSize: Int?
    private var offset: Int64 = 0
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

    deinit {
        if descriptor > 0 { close(descriptor) }
    }

    /// Reads up to `count` bytes to `destination`; returns the bytes read, short only at the end.
    func read(into destination: UnsafeMutableRawPointer, count: Int, workers: Int) throws(InputFileError) -> Int {
        guard count > 0, !reachedEnd else { return 0 }
        if isRegularFile && workers > 1 && count >= 1 << 20 {
            // Split the read so each worker copies its share out of the page cache.
            let lanes = workers
            let share = (count + lanes - 1) / lanes
            let results = UnsafeMutableBufferPointer<Int>.allocate(capacity: lanes)
            defer { results.deallocate() }
            let shared = SendableBuffer(results)
            let start = offset
            let fd = descriptor
            let target = SendablePointer(destination)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let from = lane * share
                let length = min(share, count - from)
                shared.buffer[lane] = length > 0
                    ? InputSource.preadFully(fd, target.pointer + from, length, start + Int64(from)) : 0
            }
            var total = 0
            for lane in 0..<lanes {
                let from = lane * share
                let length = min(share, count - from)
                guard results[lane] >= 0 else {
                    throw InputFileError(file: path, reason: "read error: " + String(cString: strerror(errno)))
                }
                total += results[lane]
                if results[lane] < length {
                    // A short lane ends the file; later lanes read nothing past it.
                    reachedEnd = true
                    break
                }
            }
            offset += Int64(total)
            return total
        }
        var total = 0
        while total < count {
            let n = isRegularFile
                ? pread(descriptor, destination + total, count - total, off_t(offset + Int64(total)))
                : Glibc.read(descriptor, destination + total, count - total)
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
        offset += Int64(total)
        return total
    }

    private static func preadFully(_ fd: Int32, _ to: UnsafeMutableRawPointer, _ count: Int, _ at: Int64) -> Int {
        var total = 0
        while total < count {
            let n = pread(fd, to + total, count - total, off_t(at + Int64(total)))
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if n == 0 { break }
            total += n
        }
        return total
    }
}

struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
}
