import Dispatch
import Foundation
import Ingest
import Output
import _TextSupport

/// The progress line of a long read, on standard error: bytes and records read, the rate, and
/// the time left when the input's size is known (`tthc report: 1.2 GB of 3.4 GB, 4,100,000
/// records, 210 MB/s, 11 s left`). It appears only after the first second, only when standard
/// error is a terminal, never with `--quiet`, and is erased before anything else is printed.
final class ProgressLine: @unchecked Sendable {
    // Called from the scanning thread only, between batches; the console erases it on the thread
    // that prints, after the scan has returned.
    let command: String
    let language: Language
    /// The bytes of every pass together, nil when an input is a pipe or standard input.
    let totalBytes: Int?
    let now: () -> Double
    let draw: (String) -> Void
    private let start: Double
    private var lastDraw: Double?

    /// Draws no sooner than `delay` seconds after it is made, and then at most every `interval`.
    static let delay = 1.0
    static let interval = 0.25

    init(
        command: String, language: Language, totalBytes: Int?, now: @escaping () -> Double,
        draw: @escaping (String) -> Void
    ) {
        self.command = command
        self.language = language
        self.totalBytes = totalBytes
        self.now = now
        self.draw = draw
        start = now()
    }

    /// The progress callback for a scan of `files`, when the console is a terminal and `--quiet`
    /// is not given; nil otherwise.
    static func attach(
        _ parsed: ParsedArguments, files: [String], console: Console, passes: Int = 1
    ) -> (@Sendable (ScanProgress) -> Void)? {
        guard console.errorIsTerminal, !parsed.flag("--quiet") else { return nil }
        let language = (try? LanguageOption.terminal(parsed)) ?? .en
        var total: Int? = 0
        for path in files {
            guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int
            else {
                total = nil
                break
            }
            total? += size
        }
        let line = ProgressLine(
            command: parsed.command, language: language, totalBytes: total.map { $0 * passes },
            now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
            draw: { [unowned console] in console.drawProgress($0) })
        console.progress = line
        return { progress in line.update(progress) }
    }

    func update(_ progress: ScanProgress) {
        let t = now()
        guard t - start >= ProgressLine.delay else { return }
        if let last = lastDraw, t - last < ProgressLine.interval { return }
        lastDraw = t
        let passBytes = totalBytes.map { $0 / max(1, progress.passes) } ?? 0
        draw(
            text(bytes: (progress.pass - 1) * passBytes + progress.bytes, records: progress.records, elapsed: t - start)
        )
    }

    /// `tthc report: 1.2 GB of 3.4 GB, 4,100,000 records, 210 MB/s, 11 s left`.
    func text(bytes: Int, records: Int, elapsed: Double) -> String {
        let vi = language == .vi
        let rate = elapsed > 0 ? Double(bytes) / elapsed : 0
        var parts: [String] = []
        if let total = totalBytes {
            parts.append(size(Double(bytes)) + (vi ? " / " : " of ") + size(Double(total)))
        } else {
            parts.append(size(Double(bytes)) + (vi ? " đã đọc" : " read"))
        }
        parts.append(Labels.counted(records, .record, language))
        parts.append(size(rate) + "/s")
        if let total = totalBytes, rate > 0 {
            let left = Int((Double(max(0, total - bytes)) / rate).rounded(.up))
            parts.append(vi ? "còn \(duration(left))" : "\(duration(left)) left")
        }
        return "tthc \(command): " + parts.joined(separator: ", ")
    }

    /// Decimal units with one decimal: `512 B`, `3.4 MB`, `1.2 GB`.
    func size(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = bytes
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let number = unit == 0 ? String(Int(value)) : NumberText.fixed(value, decimals: 1)
        return Labels.number(number, language) + " " + units[unit]
    }

    /// `45 s`, `3 min 20 s`, `1 h 5 min`.
    func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds / 60 % 60) min"
    }

    /// Clears the line when it was drawn.
    func erase(with write: (String) -> Void) {
        if lastDraw != nil { write("\r\u{1B}[K") }
    }
}
