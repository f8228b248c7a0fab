import Foundation
import Ingest
import TestSupport
import Testing

/// The parallel chunked scanner against a slow, obvious RFC 4180 reader, over seeded random
/// logs full of quoted commas, quotes and newlines, with chunk sizes down to a few bytes.
@Suite struct ChunkingDifferentialTests {
    let files = TestFiles()

    static func randomLog(seed: UInt64, count: Int) -> String {
        var rng = SplitMix(seed: seed)
        let names = ["UBND xã Dân Hòa", "Văn phòng, \"một cửa\"", "Line\nbreak", "Công an", "", "A,B,C"]
        var lines = ["DonViXuLy,MaHoSo,TrangThaiHoSo,NgayTiepNhan,KenhThucHien"]
        for i in 0..<count {
            let name = names[Int(rng.next() % UInt64(names.count))]
            let quoted = name.contains(",") || name.contains("\"") || name.contains("\n") || rng.next() % 3 == 0
            let field = quoted ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
            let status = [1, 2, 4, 5, 6, 7][Int(rng.next() % 6)]
            let day = 1 + Int(rng.next() % 28)
            let received = status == 1 ? "" : "202603\(day < 10 ? "0" : "")\(day)081500"
            let id = rng.next() % 5 == 0 ? "\"H\(i)\"" : "H\(i)"
            let end = rng.next() % 4 == 0 ? "\r\n" : "\n"
            lines.append("\(field),\(id),\(status),\(received),\(1 + rng.next() % 3)" + end)
            if rng.next() % 17 == 0 { lines.append("\n") }  // blank line
        }
        return lines[0] + "\n" + lines.dropFirst().joined()
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func parallelScanMatchesReference(seed: UInt64) throws {
        let text = Self.randomLog(seed: seed, count: 300)
        let path = files.write("log\(seed).csv", text)
        let expected = ReferenceCSV.records(text).dropFirst().map { $0[1] }
        for chunk in [7, 64, 333, 4096, 1 << 22] {
            for workers in [1, 2, 3] {
                for pieces in [1, 3, 8] {
                    let (rows, summary) = try scan([path]) {
                        $0.chunkSize = chunk
                        $0.workers = workers
                        $0.piecesPerBatch = pieces
                    }
                    #expect(
                        rows.map(\.id) == Array(expected),
                        "seed \(seed), chunk \(chunk), workers \(workers), pieces \(pieces)")
                    #expect(summary.records == expected.count)
                }
            }
        }
    }

    @Test func pipesSlideAndWidenTheirBufferLikeFiles() throws {
        let text = Self.randomLog(seed: 31, count: 200)
        let expected = ReferenceCSV.records(text).dropFirst().map { $0[1] }
        for chunk in [5, 61, 1 << 16] {
            let (rows, _) = try scan([files.fifo("pipe\(chunk).csv", feeding: text)]) {
                $0.chunkSize = chunk
                $0.piecesPerBatch = 3
                $0.workers = 2
            }
            #expect(rows.map(\.id) == Array(expected), "chunk \(chunk)")
        }
    }

    @Test(arguments: [11 as UInt64, 12, 13])
    func errorLineNumbersDoNotDependOnChunking(seed: UInt64) throws {
        var text = Self.randomLog(seed: seed, count: 200)
        text += "BAD,Hx,2,notatime,1\n"
        // Count line feeds as bytes: "\r\n" is one Character in Swift.
        let expectedLine = text.utf8.filter { $0 == 0x0A }.count
        let path = files.write("err\(seed).csv", text)
        for chunk in [5, 50, 500, 1 << 20] {
            do {
                _ = try scan([path]) {
                    $0.chunkSize = chunk; $0.piecesPerBatch = 2
                }
                Issue.record("expected an error")
            } catch let error as IngestError {
                #expect(error.line == expectedLine, "seed \(seed) chunk \(chunk)")
                #expect(error.column == 10)
            }
        }
    }
}
