import Foundation

/// A directory of one test's own in the temporary directory, removed with everything in it when
/// the last reference goes (a suite's stored property goes when its test ends), so `swift test`
/// leaves nothing behind.
///
/// Files are written in place, not "atomically": Foundation's atomic write on Linux leaves a
/// `TemporaryDirectory.*` folder behind in the temporary directory.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ prefix: String = "tthc-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public var path: String { url.path }

    /// The path of `name` inside the directory (not created).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult public func write(_ name: String, bytes: [UInt8]) -> String {
        let file = url.appendingPathComponent(name)
        try! Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` as UTF-8 to `name` and returns its path.
    @discardableResult public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }
}
