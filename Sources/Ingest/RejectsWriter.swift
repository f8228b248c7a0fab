#if canImport(Glibc)
    import Glibc
#endif

/// Writes rejected records verbatim, each after a comment line with its place and reason as the
/// error without `--skip-invalid` gives them: `# FILE:LINE:COLUMN: REASON`, and the line the text
/// comes from when the fault lies on a later line of the record. Dropping the `# ` lines gives
/// the rejected lines back.
final class RejectsWriter: @unchecked Sendable {
    private let path: String
    private let descriptor: Int32

    /// - Parameter appending: add to what the file holds (the rejects a scan wrote already).
    init(path: String, appending: Bool = false) throws(InputFileError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else {
            throw InputFileError(file: path, reason: "cannot write rejects: " + String(cString: strerror(errno)))
        }
    }

    func write(_ records: [RejectedRecord]) throws(InputFileError) {
        var out: [UInt8] = []
        for r in records {
            var comment = "# " + inputPosition(file: r.file, line: r.line, column: r.column) + r.reason
            if r.recordLine != r.line { comment += " (the record below starts on line \(r.recordLine))" }
            out.append(contentsOf: (comment + "\n").utf8)
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
