import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file descriptor that an export streams bytes to, with the first write error kept (merges
/// cannot throw) and a restart for a scanner that reads the log again from the start. The one
/// write-everything loop of the output files (`-o` uses it too).
public final class ExportSink: @unchecked Sendable {
    let descriptor: Int32
    let name: String
    /// The first write error, as the system words it.
    public private(set) var failure: String?
    /// Whether an element of the current JSON array was written (its leading comma is dropped).
    private var wroteElement = false
    private let ownsDescriptor: Bool

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        ownsDescriptor = false
    }

    /// An unnamed temporary file (unlinked as soon as made), freed when closed.
    init(temporaryFor purpose: String) throws {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/tthc-export-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ExportError(
                "cannot create a temporary file in \(directory) for \(purpose): \(String(cString: strerror(errno))) (set TMPDIR to a writable directory)"
            )
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        descriptor = fd
        name = directory
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    func write(_ buffer: UnsafeRawBufferPointer) {
        guard failure == nil, buffer.count > 0 else { return }
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }

    /// Writes JSON array elements that each start with a comma, dropping the first array
    /// element's comma.
    func writeElements(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if wroteElement {
            write(bytes)
        } else {
            bytes.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[1...])) }
            wroteElement = true
        }
    }

    /// A new JSON array starts: its first element loses its comma.
    func startArray() { wroteElement = false }

    /// Elements of the current array were written another way (copied from a temporary file).
    func markElementWritten() { wroteElement = true }

    /// Empties the file, for a reading that starts again.
    func restart() {
        guard failure == nil else { return }
        if ftruncate(descriptor, 0) != 0 || lseek(descriptor, 0, SEEK_SET) < 0 {
            failure = String(cString: strerror(errno))
        }
        wroteElement = false
    }

    /// Copies `count` bytes from `offset` of this file to `other`; as array elements (the first
    /// one's comma dropped) when `elements`.
    func copy(offset: Int, count: Int, to other: ExportSink, elements: Bool) {
        guard failure == nil, count > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                failure = n < 0 ? String(cString: strerror(errno)) : "the temporary file ended early"
                return
            }
            done += n
        }
        if elements { other.writeElements(buffer) } else { other.write(buffer) }
    }

    /// Copies everything written to `other`, from the start.
    func copy(to other: ExportSink) {
        guard failure == nil else { return }
        guard lseek(descriptor, 0, SEEK_SET) >= 0 else {
            failure = String(cString: strerror(errno))
            return
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while other.failure == nil {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                failure = String(cString: strerror(errno))
                return
            }
            if n == 0 { return }
            buffer.withUnsafeBytes { other.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}

/// A temporary file that lanes move their bytes to when a partition's output grows (step logs
/// are folded partition by partition, and the partitions are merged only at the end).
final class ExportSpill: Sendable {
    private let file: Mutex<(sink: ExportSink, size: Int)>

    init() throws { file = Mutex((try ExportSink(temporaryFor: "the export of step logs"), 0)) }

    /// Appends `bytes`; returns where they start.
    func append(_ bytes: [UInt8]) -> Int {
        file.withLock { state in
            let offset = state.size
            state.sink.write(bytes)
            state.size += bytes.count
            return offset
        }
    }

    var sink: ExportSink { file.withLock { $0.sink } }
}

/// An export that could not be written: the reason, worded for the person who ran it.
public struct ExportError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Gives each consumer of a scan a number, so the export knows which one the scanner merges
/// into: a new one means the scanner started reading the log again.
final class ConsumerNumbers: Sendable {
    private let next = Atomic<Int>(0)
    private let root = Mutex<Int>(-1)

    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }

    /// True when `number` is not the consumer merged into so far (and makes it so).
    func isNewRoot(_ number: Int) -> Bool {
        root.withLock { current in
            if current == number { return false }
            current = number
            return true
        }
    }
}
