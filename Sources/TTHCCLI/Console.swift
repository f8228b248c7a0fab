#if canImport(Glibc)
    import Glibc
#endif

/// Where a command writes. The executable writes to the process's streams; tests capture.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether standard error is a terminal: a progress line is drawn only there.
    public let errorIsTerminal: Bool
    /// Whether standard output is a terminal without `NO_COLOR` set: the only case for colours.
    public let colours: Bool
    /// The progress line on standard error, cleared before anything else is written.
    var progress: ProgressLine?

    public init(
        out: @escaping (String) -> Void, err: @escaping (String) -> Void, errorIsTerminal: Bool = false,
        colours: Bool = false
    ) {
        writeOut = out
        writeErr = err
        self.errorIsTerminal = errorIsTerminal
        self.colours = colours
    }

    /// The process's standard output and standard error. Colours follow https://no-color.org:
    /// any `NO_COLOR` value turns them off.
    public static func standard() -> Console {
        let noColour = getenv("NO_COLOR") != nil
        return Console(
            out: { writeAll($0, to: 1) }, err: { writeAll($0, to: 2) }, errorIsTerminal: isatty(2) == 1,
            colours: isatty(1) == 1 && !noColour)
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

    public func out(_ text: String) {
        endProgress()
        writeOut(text)
    }

    public func err(_ text: String) {
        endProgress()
        writeErr(text)
    }

    /// Erases the progress line, if one was drawn, and stops it.
    func endProgress() {
        guard let line = progress else { return }
        progress = nil
        line.erase { self.writeErr($0) }
    }

    /// Draws over the progress line (carriage return, text, erase to the end of the line).
    func drawProgress(_ text: String) { writeErr("\r" + text + "\u{1B}[K") }
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
