import TestSupport
import Testing

@testable import Ingest

/// How a batch is cut into pieces: whole pieces, and with several workers the last ones cut in
/// four, so that the workers finish a batch together.
@Suite struct PieceBoundsTests {
    static func pieces(_ begin: Int, _ end: Int, chunk: Int, perBatch: Int, workers: Int) -> [Int] {
        ScanRun.pieceBounds(begin: begin, end: end, chunkSize: chunk, piecesPerBatch: perBatch, workers: workers)
    }

    @Test func oneWorkerTakesWholePieces() {
        #expect(Self.pieces(3, 3 + 32 * 10, chunk: 10, perBatch: 32, workers: 1) == (0...32).map { 3 + $0 * 10 })
        // The last piece takes what is left past the batch's pieces, and a short batch has fewer.
        #expect(Self.pieces(0, 95, chunk: 10, perBatch: 4, workers: 1) == [0, 10, 20, 30, 95])
        #expect(Self.pieces(0, 25, chunk: 10, perBatch: 4, workers: 1) == [0, 10, 20, 25])
    }

    @Test func theLastPiecesOfEachWorkerAreCutInFour() {
        let bounds = Self.pieces(0, 32 * 1024, chunk: 1024, perBatch: 32, workers: 2)
        #expect(Array(bounds.prefix(31)) == (0..<31).map { $0 * 1024 })
        #expect(Array(bounds.suffix(9)) == [30 * 1024] + (1...8).map { 30 * 1024 + $0 * 256 })
        #expect(bounds.count == 30 + 8 + 1)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func piecesCoverTheBatchInOrderWithNoneEmpty(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for _ in 0..<2_000 {
            let begin = Int(rng.next() % 50)
            let end = begin + 1 + Int(rng.next() % 5_000)
            let chunk = 1 + Int(rng.next() % 700)
            let perBatch = 1 + Int(rng.next() % 40)
            let workers = 1 + Int(rng.next() % 4)
            let bounds = Self.pieces(begin, end, chunk: chunk, perBatch: perBatch, workers: workers)
            let context = "\(begin)..<\(end), chunk \(chunk), \(perBatch) a batch, \(workers) workers"
            #expect(bounds.first == begin && bounds.last == end, "\(context)")
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 }, "\(context)")
            // Never more than the batch's pieces and the cut tail.
            #expect(bounds.count - 1 <= perBatch + 3 * workers, "\(context)")
            // Every piece but the last, and those of the tail, is a whole chunk.
            let whole = max(1, min(perBatch, (end - begin + chunk - 1) / chunk))
            let cut = workers > 1 && whole > workers ? workers : 0
            for k in 0..<max(0, whole - 1 - cut) { #expect(bounds[k + 1] - bounds[k] == chunk, "\(context)") }
        }
    }
}
