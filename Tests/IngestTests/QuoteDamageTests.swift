import Foundation
import Records
import TestSupport
import Testing

@testable import Ingest

/// One stray quote costs the record it is in and nothing more, whatever the workers and chunks.
///
/// Quotes are inserted at seeded random places of a 100,000-record random log (quoted names with
/// commas, quotes and line breaks, CRLF, blank lines). Each damaged run must give back every
/// other record unchanged, lose at most the damaged record and the one after it, name every
/// lost record's line in `--rejects`, count `records = accepted + rejected`, and agree byte for
/// byte with every other worker count and chunk size. The 200 quotes of the main test go into
/// one file, in records at least three apart: reading resumes at the line after a rejected one,
/// so each quote is a damage of its own (a sample of single-quote runs checks that too).
@Suite struct QuoteDamageTests {
    let files = TestFiles()

    /// A digest of every value of a record, so runs over 100,000 records compare cheaply (within
    /// one process: the hasher's seed changes between runs).
    struct DigestConsumer: RecordConsumer {
        var digests: [UInt64] = []

        mutating func consume(_ record: inout DossierRecord) {
            // The standard library's hasher: optimized even in a debug build of the tests.
            var h = Hasher()
            for text in [record.id, record.procedure, record.field, record.agency] {
                h.combine(text.count)
                h.combine(bytes: text)
            }
            for t in [record.received, record.due, record.processingEnd, record.returned] { h.combine(t?.seconds) }
            for flag in [
                record.fullOnline, record.feeBearing, record.digitized, record.electronicResult, record.apology,
            ] {
                h.combine(flag)
            }
            h.combine(record.channel)
            h.combine(record.status.rawValue)
            h.combine(record.level)
            h.combine(record.paidOnline)
            for pause in record.pauses {
                h.combine(pause.start.seconds)
                h.combine(pause.end?.seconds)
            }
            digests.append(UInt64(bitPattern: Int64(h.finalize())))
        }

        mutating func merge(_ later: consuming DigestConsumer) { digests.append(contentsOf: later.digests) }
    }

    /// The same digests from a consumer that folds in any order: one per worker for a whole batch,
    /// which the scanner cannot split by piece when a batch must be parsed again.
    struct UnorderedDigests: RecordConsumer {
        var inner = DigestConsumer()
        static var foldsInAnyOrder: Bool { true }
        mutating func consume(_ record: inout DossierRecord) { inner.consume(&record) }
        mutating func merge(_ later: consuming UnorderedDigests) { inner.merge(later.inner) }
    }

    /// Where each record starts (byte offset and line), blank lines skipped: the obvious walk
    /// over a valid RFC 4180 text, one byte at a time.
    static func recordStarts(_ bytes: [UInt8], from start: Int) -> [(offset: Int, line: Int)] {
        var starts: [(offset: Int, line: Int)] = []
        var line = 2
        var inQuotes = false
        var recordStart = start
        var recordLine = line
        for i in start..<bytes.count {
            let b = bytes[i]
            if b == 0x22 { inQuotes.toggle() }
            guard b == 0x0A, !inQuotes else {
                if b == 0x0A { line += 1 }
                continue
            }
            let blank = i == recordStart || (i == recordStart + 1 && bytes[recordStart] == 0x0D)
            if !blank { starts.append((recordStart, recordLine)) }
            line += 1
            recordStart = i + 1
            recordLine = line
        }
        return starts
    }

    /// The lines the rejects file names as where a rejected record starts.
    static func rejectedLines(_ text: String, path: String) -> [Int] {
        // Split bytes: "\r\n" is one Character, which a split on "\n" would not cut.
        text.utf8.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }.compactMap { line -> Int? in
            guard line.hasPrefix("# " + path + ":") else { return nil }
            if let range = line.range(of: "(the record below starts on line ") {
                return Int(line[range.upperBound...].dropLast())
            }
            return Int(line.dropFirst(2 + path.count + 1).prefix { $0.isNumber })
        }
    }

    struct Configuration: CustomStringConvertible {
        var workers: Int
        var chunkSize: Int
        var pieces: Int
        var description: String { "-j \(workers), chunk \(chunkSize), \(pieces) pieces" }

        /// Options with `--skip-invalid`, on these workers and pieces.
        var options: ScanOptions {
            var options = ScanOptions()
            options.skipInvalid = true
            options.workers = workers
            options.chunkSize = chunkSize
            options.piecesPerBatch = pieces
            return options
        }
    }

    static let configurations = [
        Configuration(workers: 1, chunkSize: 1 << 20, pieces: 32),
        Configuration(workers: 2, chunkSize: 4096, pieces: 8),
        Configuration(workers: 3, chunkSize: 777, pieces: 5), Configuration(workers: 2, chunkSize: 1 << 16, pieces: 32),
    ]

    struct Run: Equatable {
        var digests: [UInt64]
        var summary: InputSummary
        var rejects: String
    }

    func run(_ path: String, _ configuration: Configuration, dedupe: DedupeMode = .detect) throws -> Run {
        let rejects = files.directory.appendingPathComponent("rejects.txt").path
        var options = ScanOptions()
        options.dedupe = dedupe
        options.skipInvalid = true
        options.rejectsPath = rejects
        options.workers = configuration.workers
        options.chunkSize = configuration.chunkSize
        options.piecesPerBatch = configuration.pieces
        let (consumer, summary) = try LogScanner.scan(files: [path], options: options) { DigestConsumer() }
        return Run(
            digests: consumer.digests, summary: summary, rejects: try String(contentsOfFile: rejects, encoding: .utf8))
    }

    func unorderedRun(_ path: String, _ configuration: Configuration) throws -> (digests: [UInt64], InputSummary) {
        let (consumer, summary) = try LogScanner.scan(files: [path], options: configuration.options) {
            UnorderedDigests()
        }
        return (consumer.inner.digests.sorted(), summary)
    }

    /// The log, its records' starts, and the digests of a clean run: made once for the suite.
    struct Log: Sendable {
        var text: String
        var bytes: [UInt8]
        var starts: [(offset: Int, line: Int)]
        var digests: [UInt64]
        var summary: InputSummary
    }

    static let log: Log = {
        let text = RandomDossierLog.make(seed: 2026, count: 100_000)
        let bytes = Array(text.utf8)
        let starts = recordStarts(bytes, from: bytes.firstIndex(of: 0x0A)! + 1)
        let files = TestFiles()
        let path = files.write("clean.csv", bytes: bytes)
        let (consumer, summary) = try! LogScanner.scan(files: [path], options: ScanOptions()) { DigestConsumer() }
        return Log(text: text, bytes: bytes, starts: starts, digests: consumer.digests, summary: summary)
    }()

    /// The undamaged log reads whole, as the slow reader reads it.
    @Test func theCleanLogReadsAsTheReferenceSays() throws {
        let log = Self.log
        let (rows, _) = try scan([files.write("clean.csv", bytes: log.bytes)])
        #expect(rows.map(\.id) == ReferenceCSV.records(log.text).dropFirst().map { $0[0] })
        #expect(rows.count == log.starts.count && log.digests.count == log.starts.count && log.summary.rejected == 0)
    }

    /// A byte of record `index`, at a character boundary.
    static func position(in index: Int, of log: Log, _ rng: inout SplitMix) -> Int {
        let start = log.starts[index].offset
        let end = index + 1 < log.starts.count ? log.starts[index + 1].offset : log.bytes.count
        var position: Int
        repeat { position = start + rng.below(end - start) } while log.bytes[position] & 0xC0 == 0x80
        return position
    }

    /// Checks a damaged run against the clean one: `hits` are the damaged records.
    func check(_ run: Run, clean log: Log, hits: [Int], path: String, _ label: String) {
        // Every accepted record is an original one, in order; the others are lost.
        var lost: [Int] = []
        var kept = 0
        for (i, digest) in log.digests.enumerated() {
            if kept < run.digests.count && run.digests[kept] == digest { kept += 1 } else { lost.append(i) }
        }
        #expect(kept == run.digests.count, "\(label): a record was read wrong")
        let hitSet = Set(hits)
        for i in lost where !hitSet.contains(i) && !hitSet.contains(i - 1) {
            Issue.record("\(label): record \(i) (line \(log.starts[i].line)) lost, far from any damage")
        }
        for hit in hits where lost.filter({ $0 == hit || $0 == hit + 1 }).count > 2 {
            Issue.record("\(label): the quote in record \(hit) cost more than two records")
        }
        #expect(run.summary.records == run.digests.count + run.summary.rejected, "\(label)")
        let named = Self.rejectedLines(run.rejects, path: path)
        #expect(named.count == run.summary.rejected, "\(label)")
        let namedSet = Set(named)
        for i in lost where !namedSet.contains(log.starts[i].line) {
            Issue.record("\(label): record \(i) (line \(log.starts[i].line)) lost without a word")
        }
        // No damage passes silently: each one rejects a line of its record or the next.
        for hit in hits {
            let first = log.starts[hit].line
            let last = hit + 2 < log.starts.count ? log.starts[hit + 2].line : Int.max
            if !named.contains(where: { $0 >= first && $0 < last }) {
                Issue.record("\(label): the quote in record \(hit) (line \(first)) passed without a rejection")
            }
        }
    }

    @Test func twoHundredStrayQuotesEachCostOnlyTheirRecord() throws {
        let log = Self.log
        var rng = SplitMix(seed: 10)
        var hits = Set<Int>()
        while hits.count < 200 {
            let hit = rng.below(log.starts.count)
            if !hits.contains(where: { abs($0 - hit) < 3 }) { hits.insert(hit) }
        }
        let sorted = hits.sorted()
        let positions = sorted.map { Self.position(in: $0, of: log, &rng) }
        var damaged = log.bytes
        for position in positions.reversed() { damaged.insert(0x22, at: position) }
        // And a record ten years out, which the log's time span rejects on a second reading: the
        // days counted in batches parsed again must be counted once.
        damaged += Array("HSX,1.001193,LV0,Công an xã,1,10,20260302081500,,20360302081500,,3,0,0,0,0,0,0,\n".utf8)
        // Records after the quotes moved by one byte per quote before them; lines did not.
        let path = files.write("damaged.csv", bytes: damaged)
        var first: Run?
        for configuration in Self.configurations {
            let result = try run(path, configuration)
            check(result, clean: log, hits: sorted, path: path, "\(configuration)")
            #expect(result.rejects.contains("20360302081500"), "\(configuration): the record beyond the span was kept")
            if let first {
                #expect(result == first, "\(configuration) differs from \(Self.configurations[0])")
            } else {
                first = result
            }
            if configuration.workers > 1 {
                let unordered = try unorderedRun(path, configuration)
                #expect(
                    unordered.digests == result.digests.sorted() && unordered.1 == result.summary, "\(configuration)")
            }
        }
        // Two passes (`--dedupe last`) over damaged input agree with each other and across runs.
        let lasts = try Self.configurations.suffix(2).map { try run(path, $0, dedupe: .last) }
        for last in lasts {
            #expect(last == lasts[0])
            #expect(last.summary.records == last.digests.count + last.summary.rejected + last.summary.replaced)
            #expect(last.summary.rejected == first?.summary.rejected && last.summary.replaced > 0)
        }
    }

    @Test func oneStrayQuotePerRun() throws {
        let log = Self.log
        var rng = SplitMix(seed: 11)
        let path = files.directory.appendingPathComponent("one.csv").path
        for trial in 0..<4 {
            let hit = rng.below(log.starts.count)
            let position = Self.position(in: hit, of: log, &rng)
            var damaged = log.bytes
            damaged.insert(0x22, at: position)
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let configuration = Self.configurations[trial % Self.configurations.count]
            check(try run(path, configuration), clean: log, hits: [hit], path: path, "trial \(trial), \(configuration)")
        }
    }

    /// Received days per accepted record, as the consumer sees them.
    struct DayCounter: RecordConsumer {
        var days: [Int: Int] = [:]
        var latest = Int64.min
        static var foldsInAnyOrder: Bool { true }
        mutating func consume(_ record: inout DossierRecord) {
            if let received = record.received { days[Int(received.dayNumber), default: 0] += 1 }
            latest = max(latest, LogTimeSpan.latestTimestampSeconds(&record))
        }
        mutating func merge(_ later: consuming DayCounter) {
            days.merge(later.days, uniquingKeysWith: +)
            latest = max(latest, later.latest)
        }
    }

    /// The days the time-span rule counts are those of the records read: a batch parsed again
    /// counts its records once, at any worker count and chunk size.
    @Test func batchesParsedAgainCountTheirDaysOnce() throws {
        let log = Self.log
        var rng = SplitMix(seed: 12)
        var damaged = log.bytes
        for hit in (0..<40).map({ _ in rng.below(log.starts.count) }).sorted().reversed() {
            damaged.insert(0x22, at: Self.position(in: hit, of: log, &rng))
        }
        let path = files.write("days.csv", bytes: damaged)
        for configuration in Self.configurations {
            var options = ScanOptions()
            options.skipInvalid = true
            options.workers = configuration.workers
            options.chunkSize = configuration.chunkSize
            options.piecesPerBatch = configuration.pieces
            var run = ScanRun(options: options, rejects: nil, collectFingerprints: true)
            run.fingerprintBuckets = FingerprintBuckets(lanes: options.workers)
            let counter = try run.scan(files: [path]) { DayCounter() }
            #expect(run.receivedDays == counter.days && run.latestSeconds == counter.latest, "\(configuration)")
        }
    }
}
