import Foundation
import Records
import TestSupport
import Testing

@testable import Ingest

/// Where the pieces of a batch start: round one guesses the first line end of each piece, and a
/// batch that proves the guess wrong counts its quotes and parses again. Whatever the guesses,
/// the records, rejects and line numbers must be those of one sequential reading: `-j 1` with one
/// piece per batch reads the log from start to end, and every other worker count, chunk size and
/// batch size must agree with it byte for byte.
@Suite struct PieceStartTests {
    let files = TestFiles()

    static let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,KenhThucHien,GhiChu,DonViXuLy"

    /// A note of several lines, many of which read as records of their own: a piece that starts
    /// inside it and takes a line end for a record's end finds records that are not there.
    static func note(_ rng: inout SplitMix) -> String {
        var lines: [String] = []
        for _ in 0..<1 + rng.below(5) {
            switch rng.below(5) {
            case 0: lines.append("H\(rng.below(1000)),2,20260302081500,1,x,Công an")
            case 1: lines.append("Đã bổ sung, \"\"bản sao\"\" giấy tờ")
            case 2: lines.append("")
            case 3: lines.append("\"\",\"\"")
            default: lines.append("ghi chú \(rng.below(100))")
            }
        }
        return "\"" + lines.joined(separator: rng.chance(0.3) ? "\r\n" : "\n") + "\""
    }

    /// A random log where most records hold a quoted note with line breaks, with `strays` quotes
    /// inserted at random bytes (each one costs its record, rejected as its first line).
    static func log(seed: UInt64, count: Int, strays: Int = 0) -> [UInt8] {
        var rng = SplitMix(seed: seed)
        var text = header + "\n"
        for i in 0..<count {
            let note = rng.chance(0.7) ? note(&rng) : (rng.chance(0.5) ? "\"a, b\"" : "")
            let agency = ["UBND xã Dân Hòa", "\"Văn phòng, một cửa\"", "\"Phòng\nKinh tế\"", ""][rng.below(4)]
            let day = 1 + rng.below(28)
            let received = "202603\(day < 10 ? "0" : "")\(day)081500"
            text += "H\(i),\(1 + rng.below(7)),\(received),\(1 + rng.below(3)),\(note),\(agency)"
            text += rng.chance(0.25) ? "\r\n" : "\n"
            if rng.chance(0.05) { text += "\n" }
        }
        var bytes = Array(text.utf8)
        let bodyStart = header.utf8.count + 1
        for _ in 0..<strays {
            var at: Int
            // At a character boundary, so that the text stays UTF-8.
            repeat { at = bodyStart + rng.below(bytes.count - bodyStart) } while bytes[at] & 0xC0 == 0x80
            bytes.insert(0x22, at: at)
        }
        return bytes
    }

    typealias Configuration = QuoteDamageTests.Configuration

    /// The sequential reading first (one piece per batch), then small pieces on several workers.
    static func configurations(_ rng: inout SplitMix) -> [Configuration] {
        var list = [Configuration(workers: 1, chunkSize: 1 << 22, pieces: 32)]
        for _ in 0..<6 {
            list.append(
                Configuration(workers: 2 + rng.below(2), chunkSize: 64 + rng.below(714), pieces: 2 + rng.below(9)))
        }
        list.append(Configuration(workers: 3, chunkSize: 64, pieces: 64))
        return list
    }

    /// Every row and the summary, as values.
    struct Run: Equatable {
        var rows: [CollectingConsumer.Row]
        var summary: InputSummary
        var rejects: String
    }

    func run(_ path: String, _ configuration: Configuration, dedupe: DedupeMode = .detect) throws -> Run {
        let rejects = files.path("rejects.txt")
        let (rows, summary) = try scan([path]) {
            $0.skipInvalid = true
            $0.rejectsPath = rejects
            $0.dedupe = dedupe
            $0.workers = configuration.workers
            $0.chunkSize = configuration.chunkSize
            $0.piecesPerBatch = configuration.pieces
        }
        return Run(rows: rows, summary: summary, rejects: try String(contentsOfFile: rejects, encoding: .utf8))
    }

    /// The rows kept by a consumer that folds in any order: one per worker in round one, which
    /// a wrong batch must roll back whole.
    struct UnorderedRows: RecordConsumer {
        var inner = CollectingConsumer()
        static var foldsInAnyOrder: Bool { true }
        mutating func consume(_ record: inout DossierRecord) { inner.consume(&record) }
        mutating func merge(_ later: consuming UnorderedRows) { inner.merge(later.inner) }
    }

    func unorderedRows(_ path: String, _ configuration: Configuration) throws -> ([String], InputSummary) {
        let (consumer, summary) = try LogScanner.scan(files: [path], options: configuration.options) {
            UnorderedRows()
        }
        return (consumer.inner.rows.map { "\($0)" }.sorted(), summary)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func multiLineNotesAndStrayQuotesReadAsOneSequentialReading(seed: UInt64) throws {
        var rng = SplitMix(seed: seed &* 7919)
        let bytes = Self.log(seed: seed, count: 400, strays: seed == 1 ? 0 : 12)
        let path = files.write("notes\(seed).csv", bytes: bytes)
        let configurations = Self.configurations(&rng)
        let sequential = try run(path, configurations[0])
        if seed == 1 {
            // Undamaged: the obvious reader agrees.
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(sequential.rows.map(\.id) == ReferenceCSV.records(text).dropFirst().map { $0[0] })
            #expect(sequential.summary.rejected == 0)
        } else {
            #expect(sequential.summary.rejected > 0, "seed \(seed): the stray quotes were rejected")
        }
        for configuration in configurations.dropFirst() {
            #expect(try run(path, configuration) == sequential, "seed \(seed), \(configuration)")
            let (unordered, summary) = try unorderedRows(path, configuration)
            #expect(unordered == sequential.rows.map { "\($0)" }.sorted(), "seed \(seed), \(configuration), any order")
            #expect(summary == sequential.summary, "seed \(seed), \(configuration), any order")
        }
        // Small pieces start inside notes: the guesses at line ends fail, and quotes are counted.
        let options = Configuration(workers: 2, chunkSize: 100, pieces: 1000).options
        var scanRun = ScanRun(options: options, rejects: nil, collectFingerprints: false)
        let rows = try scanRun.scan(files: [path]) { CollectingConsumer() }.rows
        #expect(rows == sequential.rows && scanRun.countsQuotesFirst, "seed \(seed)")
        // Two passes (`--dedupe last`) read the same pieces twice.
        let lasts = try configurations.prefix(3).map { try run(path, $0, dedupe: .last) }
        for last in lasts.dropFirst() { #expect(last == lasts[0], "seed \(seed)") }
    }

    /// One record of exactly `length` bytes: its note holds line ends that each start a line
    /// reading as a record, from byte `noteStart` of the record to close to its end.
    static func fixedRecord(_ i: Int, length: Int) -> String {
        let head = "H\(100_000 + i),2,20260302081500,1,\""
        let tail = "\",UBND\n"
        var note = ""
        let fake = "H999999,2,20260302081500,1,x\n"
        while head.utf8.count + note.utf8.count + fake.utf8.count + tail.utf8.count <= length { note += fake }
        note += String(repeating: "a", count: length - head.utf8.count - note.utf8.count - tail.utf8.count)
        return head + note + tail
    }

    /// Every piece boundary but the batch's start lands inside a quoted note with line breaks,
    /// whose lines read as records: every guess at a line end is wrong.
    @Test func everyBoundaryInsideAMultiLineNote() throws {
        let chunk = 256
        let first = "H0,2,20260302081500,1,,UBND\n"
        // Record k starts `chunk - first.count` bytes before boundary k, in its note.
        var text = Self.header + "\n" + first
        for i in 0..<60 { text += Self.fixedRecord(i, length: chunk) }
        let path = files.write("aligned.csv", text)
        let expected = ReferenceCSV.records(text).dropFirst().map { $0[0] }
        #expect(expected.count == 61)
        let offset = chunk - first.utf8.count
        let record = Array(Self.fixedRecord(0, length: chunk).utf8)
        let noteStart = record.firstIndex(of: 0x22)! + 1
        let noteEnd = record.lastIndex(of: 0x22)!
        #expect(noteStart < offset && record[offset..<noteEnd].contains(0x0A) && record[offset - 1] != 0x0A)
        for (workers, pieces) in [(1, 64), (2, 64), (3, 64), (2, 7)] {
            var options = ScanOptions()
            options.workers = workers
            options.chunkSize = chunk
            options.piecesPerBatch = pieces
            var scanRun = ScanRun(options: options, rejects: nil, collectFingerprints: true)
            scanRun.fingerprintBuckets = FingerprintBuckets(lanes: workers)
            let consumer = try scanRun.scan(files: [path]) { CollectingConsumer() }
            #expect(consumer.rows.map(\.id) == expected, "-j \(workers), \(pieces) pieces")
            #expect(scanRun.summary.rejected == 0)
            // The guesses failed, so the rest of the file counts its quotes first.
            #expect(scanRun.countsQuotesFirst, "-j \(workers), \(pieces) pieces")
        }
        // A bad date after them is named on its own line, whatever the pieces.
        let bad = text + "H1,2,notatime,1,\"x\ny\",UBND\n"
        let badPath = files.write("aligned-bad.csv", bad)
        let badLine = text.utf8.filter { $0 == 0x0A }.count + 1
        for (workers, chunkSize, pieces) in [(1, 1 << 22, 1), (2, chunk, 64), (3, 97, 5), (2, 64, 3)] {
            do {
                _ = try scan([badPath]) {
                    $0.workers = workers
                    $0.chunkSize = chunkSize
                    $0.piecesPerBatch = pieces
                }
                Issue.record("expected an error")
            } catch let error as IngestError {
                #expect(error.line == badLine && error.column == 6, "-j \(workers), chunk \(chunkSize)")
            }
        }
    }

    /// Quoted fields without line breaks, as exports write them: a boundary inside quotes
    /// still guesses right, so no batch counts its quotes.
    @Test func quotedFieldsWithoutLineBreaksNeedNoCount() throws {
        var rng = SplitMix(seed: 77)
        var text = Self.header + "\n"
        for i in 0..<500 {
            let note = rng.chance(0.5) ? "\"Đã bổ sung, \"\"bản sao\"\" giấy tờ \(rng.below(1000))\"" : ""
            text += "H\(i),2,20260302081500,1,\(note),\"Văn phòng, một cửa\"" + (rng.chance(0.5) ? "\r\n" : "\n")
        }
        let path = files.write("flat.csv", text)
        for chunk in [64, 101, 500] {
            var options = ScanOptions()
            options.workers = 2
            options.chunkSize = chunk
            options.piecesPerBatch = 8
            var scanRun = ScanRun(options: options, rejects: nil, collectFingerprints: false)
            let consumer = try scanRun.scan(files: [path]) { CollectingConsumer() }
            #expect(consumer.rows.count == 500)
            #expect(!scanRun.countsQuotesFirst, "chunk \(chunk)")
        }
    }
}
