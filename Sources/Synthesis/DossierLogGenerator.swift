import _ParallelSupport

/// Writes large realistic dossier logs fast and deterministically.
///
/// The log is cut into blocks of `blockSize` rows. Each block draws its dossiers from its own
/// generator seeded from `(seed, block index)` into its own byte buffer, blocks are made in
/// parallel with `forEachIndex` and written in block order, so the bytes
/// depend only on the options, never on the number of workers.
///
/// - Complexity: O(rows); memory O(workers × blockSize) whatever the log's size.
public enum DossierLogGenerator {
    /// Generates the log and hands its bytes, in order, to `write` (called on the calling thread).
    @discardableResult
    public static func generate(
        _ options: SynthesisOptions, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> SynthesisSummary {
        precondition(options.dossiers >= 0 && options.blockSize > 0 && options.workers > 0)
        precondition(options.duplicateRate >= 0 && options.duplicateRate < 1, "duplicate rate must be in [0, 1)")
        let plan = SynthesisPlan(options)
        let encoder = DossierEncoder(options: options)
        return try writeBlocks(
            options, header: encoder.header(), slotCapacity: options.blockSize * (encoder.maxRowBytes / 6 + 32),
            fill: { block, slot in fill(block: block, plan: plan, encoder: encoder, slot: slot) }, write: write)
    }

    /// Writes `header`, then the blocks of the log that `fill` makes (each from its own seeded
    /// generator, so in parallel), in block order. The log of dossiers and the log of their steps
    /// (`StepLogGenerator`) share it.
    static func writeBlocks(
        _ options: SynthesisOptions, header: [UInt8], slotCapacity: Int, fill: (Int, BlockSlot) -> Void,
        write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> SynthesisSummary {
        var summary = SynthesisSummary(rows: 0, bytes: 0, duplicates: 0)
        if !header.isEmpty {
            try header.withUnsafeBytes { try write($0) }
            summary.bytes += header.count
        }
        let blocks = (options.dossiers + options.blockSize - 1) / options.blockSize
        if options.workers == 1 {
            let slot = BlockSlot(capacity: slotCapacity)
            for block in 0..<blocks {
                fill(block, slot)
                try slot.buffer.withBytes { try write($0) }
                summary.bytes += slot.buffer.count
                summary.duplicates += slot.duplicates
                summary.rows += slot.rows
            }
            return summary
        }
        // Two sets of slots: while the workers fill one round, one more task writes the previous
        // round (in block order), so generation and the kernel's copying overlap.
        let perRound = options.workers * 2
        let sets = (0..<2).map { _ in (0..<perRound).map { _ in BlockSlot(capacity: slotCapacity) } }
        return try withoutActuallyEscaping(write) { write in
            let writer = OrderedWriter(write)
            var previous: ArraySlice<BlockSlot> = []
            var round = 0
            var first = 0
            while first < blocks {
                let count = min(perRound, blocks - first)
                let base = first
                let slots = sets[round % 2]
                let toWrite = previous
                forEachIndex(count + 1, workers: count + 1) { i in
                    if i == 0 {
                        writer.write(toWrite)
                    } else {
                        fill(base + i - 1, slots[i - 1])
                    }
                }
                if let error = writer.error { throw error }
                previous = slots.prefix(count)
                first += count
                round += 1
            }
            writer.write(previous)
            if let error = writer.error { throw error }
            summary.bytes += writer.bytes
            summary.duplicates += writer.duplicates
            summary.rows += writer.rows
            return summary
        }
    }

    /// Writes filled slots in order from whichever worker runs the write task; only one write
    /// task runs at a time (one per round, and rounds are sequential).
    final class OrderedWriter: @unchecked Sendable {
        let sink: (UnsafeRawBufferPointer) throws -> Void
        var error: Error?
        var bytes = 0
        var duplicates = 0
        var rows = 0

        init(_ sink: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.sink = sink }

        func write(_ slots: ArraySlice<BlockSlot>) {
            guard error == nil else { return }
            do {
                for slot in slots {
                    try slot.buffer.withBytes { try sink($0) }
                    bytes += slot.buffer.count
                    duplicates += slot.duplicates
                    rows += slot.rows
                }
            } catch {
                self.error = error
            }
        }
    }

    /// The whole log in memory (tests, small samples).
    public static func generate(_ options: SynthesisOptions) -> (bytes: [UInt8], summary: SynthesisSummary) {
        var bytes: [UInt8] = []
        let summary = try! generate(options) { bytes.append(contentsOf: $0) }
        return (bytes, summary)
    }

    /// The dossiers of the log as the generator drew them, in row order (tests use them as the
    /// truth to compare parsed rows against).
    public static func dossiers(_ options: SynthesisOptions) -> [SyntheticDossier] {
        let plan = SynthesisPlan(options)
        var all: [SyntheticDossier] = []
        let blocks = (options.dossiers + options.blockSize - 1) / options.blockSize
        for block in 0..<blocks {
            _ = drawBlock(block: block, plan: plan) { all.append($0) }
        }
        return all
    }

    final class BlockSlot: @unchecked Sendable {
        let buffer: ByteBuffer
        var duplicates = 0
        /// Rows the block wrote.
        var rows = 0
        init(capacity: Int) { buffer = ByteBuffer(capacity: capacity) }
    }

    static func fill(block: Int, plan: SynthesisPlan, encoder: DossierEncoder, slot: BlockSlot) {
        slot.buffer.removeAll()
        slot.rows = 0
        slot.duplicates = drawBlock(block: block, plan: plan) {
            encoder.appendRow($0, to: slot.buffer)
            slot.rows += 1
        }
    }

    /// Draws the rows of `block` in order; returns how many repeat an earlier `MaHoSo`.
    static func drawBlock(block: Int, plan: SynthesisPlan, emit: (SyntheticDossier) -> Void) -> Int {
        let options = plan.options
        let start = block * options.blockSize
        let rows = min(options.blockSize, options.dossiers - start)
        var drawer = DossierDrawer(plan: plan, block: block)
        // A dossier chosen to appear twice is written first as just received, then in its final
        // state a few rows later (within the block, so blocks stay independent).
        let repeatChance = options.duplicateRate / (1 - options.duplicateRate)
        var pending: [(row: Int, dossier: SyntheticDossier)] = []
        var duplicates = 0
        var d = SyntheticDossier()
        for row in 0..<rows {
            // A pending final version is written when its row comes, or when only enough rows
            // remain for the pending ones.
            if let i = pending.firstIndex(where: { $0.row <= row }) ?? (pending.count >= rows - row ? 0 : nil) {
                emit(pending[i].dossier)
                pending.remove(at: i)
                duplicates += 1
                continue
            }
            drawer.draw(serial: start + row + 1, into: &d)
            if repeatChance > 0, d.received != SyntheticDossier.absent, d.status != 2, d.status != 3,
                drawer.random.chance(repeatChance)
            {
                let later = row + 1 + drawer.random.below(48)
                if later < rows {
                    emit(drawer.earlierVersion(of: d))
                    pending.append((later, d))
                    continue
                }
            }
            emit(d)
        }
        precondition(pending.isEmpty)
        return duplicates
    }
}
