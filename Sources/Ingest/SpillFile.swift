import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A temporary file: a copy of a pipe or standard input, so that `--dedupe last` can read it
/// twice, or the step rows of a fold that do not fit in memory (`StepPartitions`).
///
/// The file is unlinked as soon as it is created: it has no name while it is written and read,
/// and the system frees it when the descriptor closes, even if the process is killed. Memory
/// stays bounded whatever the input's size; the disk holds one copy.
final class SpillFile {
    private(set) var descriptor: Int32
    private(set) var size = 0
    private let directory: String
    /// What the file is for, in messages.
    private let purpose: String

    init(for input: String, purpose: String = "the second pass of --dedupe last", tag: String = "dedupe")
        throws(InputFileError)
    {
        directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        self.purpose = purpose
        var template = Array((directory + "/tthc-\(tag)-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputFileError(
                file: input,
                reason:
                    "cannot create a temporary file in \(directory) for \(purpose): \(String(cString: strerror(errno))) (set TMPDIR to a writable directory)"
            )
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends bytes just read from `input`.
    func append(_ bytes: UnsafeRawPointer, count: Int, for input: String) throws(InputFileError) {
        var written = 0
        while written < count {
            let n = write(descriptor, bytes + written, count - written)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw InputFileError(
                    file: input,
                    reason:
                        "cannot write the temporary file in \(directory) for \(purpose): \(String(cString: strerror(errno))) (set TMPDIR to a directory with room for the input)"
                )
            }
            written += n
        }
        size += count
    }

    /// Reads `count` bytes at `offset`, written earlier.
    func read(at offset: Int, count: Int, into buffer: UnsafeMutableRawPointer, for input: String)
        throws(InputFileError)
    {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw InputFileError(
                    file: input,
                    reason: "cannot read back the temporary file in \(directory) for \(purpose): "
                        + String(cString: strerror(errno)))
            }
            done += n
        }
    }

    /// Hands the descriptor over to the reader, which closes it.
    func releaseDescriptor() { descriptor = -1 }
}
