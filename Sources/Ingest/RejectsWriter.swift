#if canImport(Glibc)
    import Glibc
#endif

/// Writes rejected records verbatim, each after a comment line with its place and reason:
/// `# FILE:LINE:COLUMN: REASON`. Dropping the `# ` lines gives the records back.
final class RejectsWriter: @unchecked Sendable {
    private let path: String
    private let descriptor: Int32

    init(path: String) throws(InputFileError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw InputFileError(file: path, reason: "cannot write rejects: " + String(cString: strerror(errno)))
        }
    }

    func write(_ records: [RejectedRecord]) throws(InputFileError) {
        var out: [UInt8] = []
        for r in records {
            out.append(contentsOf: "# \(r.file):\(r.line):\(r.column): \(r.reason)\n".utf8)
            out.append(contentsOf: r.text)
            if r.text.last != 0x0A { out.append(0x0A) }
        }
        let failed = out.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return true }
                offset += n
            }
            return false
        }
        if failed {
            throw InputFileError(file: path, reason: "cannot write rejects: " + String(cString: strerror(errno)))
        }
    }

    /// This writer closed and a new one on the same path, emptied: the rejects of a reading
    /// that is done again.
    func restarted() throws(InputFileError) -> RejectsWriter {
        try close()
        return try RejectsWriter(path: path)
    }

    func close() throws(InputFileError) {
        if Glibc.close(descriptor) != 0 {
            throw InputFileError(file: path, reason: "cannot close rejects: " + String(cString: strerror(errno)))
        }
    }
}
