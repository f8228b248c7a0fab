import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a command's output goes: `-o FILE`, which never replaces an existing file unless
/// `--force` is given, or standard output. The one rule for every command and format that
/// writes a document (`--format html|md|xlsx`, and any other format given `-o`).
struct OutputDestination {
    static let specs: [OptionSpec] = [
        OptionSpec(
            "-o", value: "FILE", help: "Write the output to FILE instead of standard output (required for xlsx)."),
        OptionSpec("--force", help: "Let -o replace an existing FILE (refused otherwise)."),
    ]

    /// The file named by `-o`; nil for standard output (`-o -` too).
    let path: String?
    let force: Bool
    let command: String

    /// Reads `-o` and `--force`. A format whose bytes are not text (`xlsx`) needs `-o`.
    init(_ parsed: ParsedArguments, format: String, needsFile: Bool = false) throws(UsageError) {
        command = parsed.command
        let given = parsed.string("-o")
        path = given == "-" ? nil : given
        force = parsed.flag("--force")
        // A workbook is binary: never on a terminal or in a pipe by accident.
        if (needsFile || format == "xlsx") && path == nil {
            throw UsageError(
                "tthc \(command): --format \(format) writes a binary file; give -o FILE (such as -o report.\(format))")
        }
        if force && given == nil {
            throw UsageError("tthc \(command): --force only applies to -o FILE; give -o FILE or drop --force")
        }
        // Said before a long run, not after it; `write` checks again, atomically.
        if let path { try OutputDestination.check(path, force: force, command: command) }
    }

    /// Refuses a directory, and an existing file without `--force`.
    static func check(_ path: String, force: Bool, command: String) throws(UsageError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw UsageError("tthc \(command): -o \(path) is a directory; expected a file name")
        }
        if !force { throw UsageError(OutputDestination.exists(command, path)) }
    }

    static func exists(_ command: String, _ path: String) -> String {
        "tthc \(command): -o \(path) exists; give --force to replace it, or choose another file name"
    }

    /// Writes `text` to the destination.
    func write(_ text: String, console: Console) throws {
        guard let path else {
            console.out(text)
            return
        }
        try write(Array(text.utf8), console: console, to: path)
    }

    /// Writes `bytes` to the destination; standard output takes them as UTF-8 text.
    func write(_ bytes: [UInt8], console: Console) throws {
        guard let path else {
            console.out(String(decoding: bytes, as: UTF8.self))
            return
        }
        try write(bytes, console: console, to: path)
    }

    /// Without `--force` the file is created exclusively (`O_EXCL`), so an existing file, even
    /// one created a moment ago by another process, is never touched. With `--force` the bytes go
    /// to a temporary file beside it that is renamed over it: a reader sees the old or the new
    /// document, never half of one.
    private func write(_ bytes: [UInt8], console: Console, to path: String) throws {
        try streaming(to: path) { descriptor in
            let sink = ExportSink(descriptor: descriptor, name: path)
            sink.write(bytes)
            if let failure = sink.failure { throw UsageError("tthc \(command): cannot write -o \(path): \(failure)") }
        }
    }

    /// Opens the file by the rule of `write` and hands its descriptor to `body`, for output too
    /// large to hold (`export`); the file is closed (and, with `--force`, renamed over the old
    /// one) after, and removed when `body` throws.
    func streaming<T>(to path: String, _ body: (Int32) throws -> T) throws -> T {
        try OutputDestination.check(path, force: force, command: command)
        let target = force ? temporaryName(beside: path) : path
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST { throw UsageError(OutputDestination.exists(command, path)) }
            throw UsageError("tthc \(command): cannot create -o \(path): \(reason)")
        }
        let result: T
        do {
            result = try body(descriptor)
        } catch {
            close(descriptor)
            unlink(target)
            throw error
        }
        if close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(target)
            throw UsageError("tthc \(command): cannot write -o \(path): \(reason)")
        }
        if target != path && rename(target, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(target)
            throw UsageError("tthc \(command): cannot replace -o \(path): \(reason)")
        }
        return result
    }

    /// `dir/.name.tthc-PID-N` in the same directory, so the rename stays on one file system.
    private func temporaryName(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = ".\(url.lastPathComponent).tthc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return directory + "/" + name
    }
}
