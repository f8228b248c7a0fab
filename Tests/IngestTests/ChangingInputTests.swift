import Foundation
import Records
import Testing

@testable import Ingest

#if canImport(Glibc)
    import Glibc
#endif

/// Input that changes while it is read, and input that can be read only once: a consistent
/// result for the bytes read, or an error that says what happened; never a signal.
@Suite struct ChangingInputTests {
    let files = TestFiles()
    static let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,DonViXuLy\n"

    /// `count` records; every fifth id repeats an earlier one, so `--dedupe last` replaces some.
    static func log(_ count: Int, from first: Int = 0) -> String {
        var text = ""
        for i in first..<first + count {
            let id = i % 5 == 4 ? i - 3 : i
            text += "H\(id),2,202603\(String(format: "%02d", 1 + i % 28))081500,Unit \(i % 7)\n"
        }
        return text
    }

    /// Runs an action once, from whichever worker gets there first.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var action: (() -> Void)?
        init(_ action: @escaping () -> Void) { self.action = action }
        func run() {
            lock.lock()
            let pending = action
            action = nil
            lock.unlock()
            pending?()
        }
    }

    /// A consumer that runs `once` on the first record it sees (for `--dedupe last`, that is in
    /// the second pass: the first pass uses its own consumer).
    struct Hook: RecordConsumer {
        let once: Once
        var rows = CollectingConsumer()
        mutating func consume(_ record: inout DossierRecord) {
            once.run()
            rows.consume(&record)
        }
        mutating func merge(_ later: consuming Hook) { rows.merge(later.rows) }
    }

    /// Scans `path`, running `action` on the first record a consumer sees, or with
    /// `beforeSecondPass` when the second pass of `--dedupe last` starts (the first pass makes no
    /// consumer of the caller's, so the first one asked for is the second pass's).
    func scanWithHook(
        _ path: String, beforeSecondPass: Bool = false, _ configure: (inout ScanOptions) -> Void,
        action: @escaping () -> Void
    ) throws -> ([CollectingConsumer.Row], InputSummary) {
        var options = ScanOptions()
        configure(&options)
        let once = Once(action)
        let (consumer, summary) = try LogScanner.scan(files: [path], options: options) {
            if beforeSecondPass { once.run() }
            return Hook(once: beforeSecondPass ? Once({}) : once)
        }
        return (consumer.rows.rows, summary)
    }

    /// A descriptor open for writing (a program still writing the log) keeps the file from
    /// being mapped, so it is read with `pread`; changes made through it take effect at once.
    func writer(_ path: String) -> Int32 { open(path, O_WRONLY | O_APPEND) }

    @Test(arguments: [1 << 20, 256])
    func aFileThatGrowsBetweenTheTwoPassesGivesTheResultOfWhatWasThere(chunkSize: Int) throws {
        let original = Self.header + Self.log(400)
        let reference = try scan([files.write("reference.csv", original)]) {
            $0.dedupe = .last
            $0.chunkSize = chunkSize
        }
        let path = files.write("growing.csv", original)
        let descriptor = writer(path)
        defer { close(descriptor) }
        // Appended between the passes: the second pass would see 300 more records (before, a
        // crash in PieceParser).
        let (rows, summary) = try scanWithHook(
            path, beforeSecondPass: true,
            {
                $0.dedupe = .last
                $0.chunkSize = chunkSize
            }
        ) {
            let more = Array(Self.log(300, from: 400).utf8)
            #expect(write(descriptor, more, more.count) == more.count)
        }
        #expect(rows == reference.0)
        #expect(summary.records == 400 && summary.replaced == reference.1.replaced && summary.replaced > 0)
    }

    @Test func aFileCutShortBetweenTheTwoPassesIsAnError() throws {
        let path = files.write("shrinking.csv", Self.header + Self.log(400))
        let descriptor = writer(path)
        defer { close(descriptor) }
        #expect {
            _ = try scanWithHook(path, beforeSecondPass: true, { $0.dedupe = .last }) {
                _ = ftruncate(descriptor, 2000)
            }
        } throws: { error in
            (error as? InputFileError)?.reason.contains("changed between the two passes of --dedupe last") == true
        }
    }

    /// Read with `pread`, a file cut short in the middle of a run is an error.
    @Test func aFileCutShortWhileReadIsAnError() throws {
        let path = files.write("cut.csv", Self.header + Self.log(20_000))
        let descriptor = writer(path)
        defer { close(descriptor) }
        #expect {
            _ = try scanWithHook(path, { $0.chunkSize = 4096 }) { _ = ftruncate(descriptor, 5000) }
        } throws: { error in
            (error as? InputFileError)?.reason.contains("became shorter while it was read") == true
        }
    }

    /// Mapped under a lease, a file that another program truncates during the run: the other
    /// program waits until the reader leaves the map, so the run either ends with every record
    /// (the truncation came after) or reports the file cut short. (Before, SIGBUS.)
    @Test func aMappedFileTruncatedByAnotherProgramIsNeverASignal() throws {
        let text = Self.header + Self.log(60_000)
        let path = files.write("mapped.csv", text)
        // The shell's `>` opens with O_TRUNC and waits for the lease (coreutils' truncate would
        // give up at once: it opens with O_NONBLOCK).
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", ": > \"$1\"", "sh", path]
        let outcome: Result<Int, any Error> = Result {
            try scanWithHook(path, { $0.chunkSize = 8192 }) { try? child.run() }.1.records
        }
        child.waitUntilExit()
        switch outcome {
        case .success(let records): #expect(records == 60_000)
        case .failure(let error):
            #expect((error as? InputFileError)?.reason.contains("became shorter while it was read") == true)
        }
        #expect(child.terminationStatus == 0)
    }

    @Test func dedupeLastReadsAFIFO() throws {
        let text = Self.header + Self.log(3000)
        let reference = try scan([files.write("reference.csv", text)]) { $0.dedupe = .last }
        let read = try scan([files.fifo("log.csv", feeding: text)]) { $0.dedupe = .last }
        #expect(read.0 == reference.0)
        #expect(read.1.replaced == reference.1.replaced && read.1.replaced > 0)
    }

    /// A timestamp past the log's time span needs another reading; with `--dedupe last` a pipe
    /// has its copy, so that works too.
    @Test func dedupeLastReadsAFIFOWithATimestampPastTheLogsSpan() throws {
        let text = Self.header + Self.log(2000) + "HX,2,20360302081500,Unit 1\n"
        let reference = try scan([files.write("reference.csv", text)]) {
            $0.dedupe = .last
            $0.skipInvalid = true
        }
        #expect(reference.1.rejected == 1)
        let read = try scan([files.fifo("late.csv", feeding: text)]) {
            $0.dedupe = .last
            $0.skipInvalid = true
        }
        #expect(read.0 == reference.0 && read.1.rejected == 1)
    }

    /// Standard input through a pipe: the first pass keeps a copy in an unlinked temporary file,
    /// which is gone from the directory from the start.
    @Test func dedupeLastReadsStandardInputFromAPipe() throws {
        let text = Self.header + Self.log(3000)
        let reference = try scan([files.write("reference.csv", text)]) { $0.dedupe = .last }
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let savedStandardInput = dup(0)
        dup2(pipeEnds[0], 0)
        close(pipeEnds[0])
        defer {
            dup2(savedStandardInput, 0)
            close(savedStandardInput)
        }
        let writeEnd = pipeEnds[1]
        let writer = Thread {
            let bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + written, bytes.count - written) }
                if n <= 0 { break }
                written += n
            }
            close(writeEnd)
        }
        writer.start()
        let before = try spillFiles()
        let read = try scan(["-"]) { $0.dedupe = .last }
        #expect(read.0 == reference.0)
        #expect(try spillFiles() == before)
    }

    func spillFiles() throws -> [String] {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("tthc-dedupe-") }
    }
}
