#if canImport(Glibc)
    import Glibc
#endif

/// Where a command writes. The executable writes to the process's streams; tests capture.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    /// The process's standard output and standard error.
    public static func standard() -> Console {
        Console(out: { writeAll($0, to: 1) }, err: { writeAll($0, to: 2) })
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var t = text
        t.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }
}

/// A console that keeps what was written, for tests.
public final class CapturedConsole: @unchecked Sendable {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}
    public var console: Console {
        Console(out: { [unowned self] in self.stdout += $0 }, err: { [unowned self] in self.stderr += $0 })
    }
}
