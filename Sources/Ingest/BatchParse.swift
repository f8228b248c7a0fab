import Synchronization
import _ParallelSupport

extension ScanRun {
    /// Parses the records that start in `region[begin...]`, split into pieces parsed in parallel,
    /// with the result of one sequential reading.
    ///
    /// A piece cannot know where its first record starts: a quoted field may hold line ends. So
    /// each piece guesses, and the pieces are checked in log order: each one's first record must
    /// start where the previous piece's last record ended. The first guess costs nothing: the
    /// first line end, right unless a quoted field around it holds one. When a batch proves that
    /// guess wrong, its quotes are counted from the first wrong piece's known start, and every
    /// piece after it starts at the first line end that count leaves outside quotes; so do all
    /// later batches of the file, which has line breaks in fields (`countsQuotesFirst`). That
    /// count is right for every well-formed log. A rejected line resets the quote state, though,
    /// and when it held an odd number of quotes, the pieces after it started in the wrong place:
    /// from the first wrong piece on, the batch is parsed again with the later guesses flipped
    /// (the usual cause is one stray quote), then if need be from both guesses, one of which is
    /// right.
    ///
    /// The first round hands records to one consumer per worker and files fingerprints straight
    /// into the buckets, as fast as it can; if that round proves wrong, its work cannot be told
    /// apart by piece, so the buckets roll back and the repair rounds keep a consumer per piece.
    ///
    /// `passedPages`, the pages of the file the window moved past, are given back by a worker
    /// during round one rather than by the caller while every worker waits.
    /// - Returns: the pieces' outcomes in log order, and the consumers holding their records, to
    ///   be merged in that order.
    mutating func processBatch<C: RecordConsumer>(
        _ region: UnsafeRawBufferPointer, begin: Int, firstLine: Int, atEnd: Bool, layout: FileLayout, path: String,
        passedPages: PassedPages?, makeConsumer: () -> C
    ) -> ([PieceOutcome], [C]) {
        let bounds = Self.pieceBounds(
            begin: begin, end: region.count, chunkSize: options.chunkSize, piecesPerBatch: options.piecesPerBatch,
            workers: options.workers)
        let pieceCount = bounds.count - 1
        var starts = [PieceStart](repeating: .afterAnyLineEnd, count: pieceCount)
        starts[0] = .exact(begin)
        let quoted = layout.format != .jsonl
        // Guessed at line ends in round one, counted after a wrong guess.
        let speculates = quoted && !countsQuotesFirst && pieceCount > 1
        if quoted && countsQuotesFirst && pieceCount > 1 {
            guessFromQuotes(region, knownStart: begin, after: 0, bounds: bounds, starts: &starts)
        }
        var context = PieceContext(
            layout: layout, path: path, atEnd: atEnd, skipInvalid: options.skipInvalid,
            maxRecordBytes: options.maxRecordBytes, keepRejects: rejects != nil,
            collectFingerprints: collectFingerprints || replacement != nil, replacement: replacement,
            pieceIndexBase: acceptedPerPiece.count, fingerprintBuckets: fingerprintBuckets, dateCaches: dateCaches,
            textKeys: textKeys, tallies: tallies, timeSpan: timeSpan)
        context.fileOffset = batchFileOffset
        context.kind = options.kind
        context.stepStatuses = options.stepStatuses
        var outcomes = [PieceOutcome](repeating: PieceOutcome(), count: pieceCount)

        // Round one: every piece at once.
        let perLane = C.foldsInAnyOrder
        var consumers = (0..<(perLane ? options.workers : pieceCount)).map { _ in makeConsumer() }
        let marks = fingerprintBuckets?.marks()
        // A first reading counts received days per lane: saved, since a second round redoes them.
        let savesTallies = !savedTallies.isEmpty && pieceCount > 1 && quoted
        if savesTallies { for lane in tallies.indices { tallies[lane].copy(to: savedTallies[lane]) } }
        var giveBack: (@Sendable () -> Void)?
        if let passedPages { giveBack = { passedPages.giveBack() } }
        parse(
            pieces: Array(0..<pieceCount), pieceCount: pieceCount, region, bounds: bounds, starts: starts,
            context: context, perLane: perLane, checkingFrom: begin, chore: giveBack, outcomes: &outcomes,
            consumers: &consumers)
        var expected: Int? = begin
        var wrong = Self.firstWrongPiece(
            &outcomes, from: 0, through: pieceCount, expected: &expected, starts: &starts, bounds: bounds)
        var verified = wrong ?? pieceCount
        if let first = wrong, speculates {
            countsQuotesFirst = true
            guessFromQuotes(region, knownStart: expected, after: first, bounds: bounds, starts: &starts)
        }
        if wrong != nil && (perLane || marks != nil || savesTallies) {
            // Round one's records, fingerprints and days are mixed across pieces: all go, the
            // starts found stay.
            if let marks { fingerprintBuckets?.rollBack(to: marks) }
            if savesTallies { for lane in tallies.indices { savedTallies[lane].copy(to: tallies[lane]) } }
            outcomes = [PieceOutcome](repeating: PieceOutcome(), count: pieceCount)
            verified = 0
            expected = begin
            consumers = (0..<pieceCount).map { _ in makeConsumer() }
        }
        // The repair rounds, one consumer per piece; fingerprints and days wait with their piece.
        context.fingerprintBuckets = nil
        var pieceTallies: [ReceivedTally] = []
        defer { for tally in pieceTallies { tally.deallocate() } }
        if wrong != nil && savesTallies {
            pieceTallies = (0..<pieceCount).map { _ in ReceivedTally(limit: nil) }
            context.tallies = pieceTallies
            context.talliesPerPiece = true
        }
        var round = 1
        // The repair stages: 1 the quote-count guesses as they are, 2 flipped, 3 both, then
        // one piece at a time. A batch that counted its quotes first starts at 2.
        var stage = speculates ? 0 : 1
        while let first = wrong {
            round += 1
            stage += 1
            // After round one's line-end guesses, the quote-count guesses; then those guesses
            // flipped (the usual cause is one stray quote); then every piece left from both
            // guesses, one of which is right (the first line end after the piece's start that
            // its record's quotes leave outside); past that, which no log should reach, one
            // piece at a time from its known start.
            var pieces = Array(stage <= 3 ? verified..<pieceCount : verified..<verified + 1)
            if stage == 2 {
                for k in first + 1..<pieceCount {
                    if case .afterLineEnd(let inQuotes) = starts[k] { starts[k] = .afterLineEnd(inQuotes: !inQuotes) }
                }
            }
            if stage == 3 {
                // The other guesses, as pieces `pieceCount + k`.
                outcomes += [PieceOutcome](repeating: PieceOutcome(), count: pieceCount)
                consumers += (0..<pieceCount).map { _ in makeConsumer() }
                starts += starts
                if !pieceTallies.isEmpty {
                    pieceTallies += (0..<pieceCount).map { _ in ReceivedTally(limit: nil) }
                    context.tallies = pieceTallies
                }
                for k in pieces {
                    if case .afterLineEnd(let inQuotes) = starts[k] {
                        starts[pieceCount + k] = .afterLineEnd(inQuotes: !inQuotes)
                        pieces.append(pieceCount + k)
                    }
                }
            }
            for k in pieces {
                outcomes[k] = PieceOutcome()
                consumers[k] = makeConsumer()
                if !pieceTallies.isEmpty { pieceTallies[k].clear() }
            }
            parse(
                pieces: pieces, pieceCount: pieceCount, region, bounds: bounds, starts: starts, context: context,
                perLane: false, checkingFrom: nil, chore: nil, outcomes: &outcomes, consumers: &consumers)
            wrong = Self.firstWrongPiece(
                &outcomes, from: verified, through: pieceCount, expected: &expected, starts: &starts, bounds: bounds)
            if stage == 3 {
                var tried = Set<Int>()
                while let k = wrong, pieces.contains(pieceCount + k), tried.insert(k).inserted {
                    // The other guess of piece k: its outcome, consumer and days take its place.
                    outcomes.swapAt(k, pieceCount + k)
                    consumers.swapAt(k, pieceCount + k)
                    if !pieceTallies.isEmpty { pieceTallies.swapAt(k, pieceCount + k) }
                    wrong = Self.firstWrongPiece(
                        &outcomes, from: k, through: pieceCount, expected: &expected, starts: &starts, bounds: bounds)
                }
                outcomes.removeLast(pieceCount)
                consumers.removeLast(pieceCount)
                starts.removeLast(pieceCount)
                context.tallies = pieceTallies
            }
            verified = wrong ?? pieceCount
        }
        for tally in pieceTallies.prefix(pieceCount) { tallies[0].add(tally) }
        if round > 1, let buckets = fingerprintBuckets {
            let lane = buckets.buckets(lane: 0)
            for k in 0..<pieceCount {
                for fingerprint in outcomes[k].fingerprints { lane[Int(fingerprint >> 56)].append(fingerprint) }
                outcomes[k].fingerprints = []
            }
        }
        // Line numbers: each piece counted its own line ends, so they add up in order.
        var line = firstLine
        for k in 0..<pieceCount {
            if !perLane || round > 1 { consumers[k].place(file: fileIndex, firstLine: line) }
            if let fatal = outcomes[k].fatal { outcomes[k].fatal?.line = fatal.line + line }
            for r in outcomes[k].rejects.indices {
                outcomes[k].rejects[r].line += line
                outcomes[k].rejects[r].recordLine += line
            }
            if outcomes[k].carryFrom != nil { outcomes[k].carryLine += line }
            line += outcomes[k].newlinesPassed
        }
        if outcomes[pieceCount - 1].carryFrom == nil { outcomes[pieceCount - 1].carryLine = line }
        return (outcomes, consumers)
    }

    /// Where the pieces of a batch `begin..<end` begin and end: `chunkSize` bytes each, at most
    /// `piecesPerBatch` of them, the last one taking the rest. With several workers the last
    /// `workers` pieces are cut in four, so that the workers finish the batch together: the
    /// lane that takes the last whole piece would otherwise keep the others waiting for up to
    /// a piece's time, every batch. (Where pieces begin never changes what a batch returns.)
    static func pieceBounds(begin: Int, end: Int, chunkSize: Int, piecesPerBatch: Int, workers: Int) -> [Int] {
        let length = end - begin
        let whole = max(1, min(piecesPerBatch, (length + chunkSize - 1) / chunkSize))
        var bounds = (0..<whole).map { begin + min(length, $0 * chunkSize) }
        guard workers > 1 && whole > workers else {
            bounds.append(end)
            return bounds
        }
        let tailStart = bounds[whole - workers]
        bounds.removeLast(workers)
        // No part is empty, even for pieces of a few bytes.
        let parts = min(4 * workers, end - tailStart)
        for k in 0..<parts { bounds.append(tailStart + (end - tailStart) * k / parts) }
        bounds.append(end)
        return bounds
    }

    /// Guesses the start of every piece after `first` from the quotes counted from `knownStart`,
    /// where a record starts (nil: the rest of the batch lies inside a record carried on). The
    /// pieces that end before it hold no record start, and the one it lies in starts there.
    private func guessFromQuotes(
        _ region: UnsafeRawBufferPointer, knownStart: Int?, after first: Int, bounds: [Int],
        starts: inout [PieceStart]
    ) {
        let pieceCount = bounds.count - 1
        guard let known = knownStart else {
            for k in first + 1..<pieceCount { starts[k] = .exact(Int.max) }
            return
        }
        // The first piece that starts past `known`; the one before holds it.
        let guessed = (first + 1..<pieceCount).first { bounds[$0] > known } ?? pieceCount
        for k in first + 1..<guessed { starts[k] = .exact(known) }
        guard guessed < pieceCount else { return }
        let holder = guessed - 1
        // Whether each piece from the holder on holds an odd number of quotes past `known`.
        var odd = [Bool](repeating: false, count: pieceCount - 1 - holder)
        let regionShared = SendableRegion(region)
        odd.withUnsafeMutableBufferPointer { buffer in
            let shared = SendableBuffer(buffer)
            forEachIndex(shared.buffer.count, workers: options.workers) { i in
                let k = holder + i
                let piece = UnsafeRawBufferPointer(rebasing: regionShared.region[max(bounds[k], known)..<bounds[k + 1]])
                shared.buffer[i] = ByteCounter.quotes(piece) & 1 == 1
            }
        }
        var inQuotes = false
        for k in guessed..<pieceCount {
            inQuotes = inQuotes != odd[k - 1 - holder]
            starts[k] = .afterLineEnd(inQuotes: inQuotes)
        }
    }

    /// Parses `pieces` in parallel, each into its own consumer or (`perLane`) its worker's; a
    /// piece `pieceCount + k` is piece k from another start.
    ///
    /// With `checkingFrom` (round one, where the batch's first record starts), the pieces are
    /// checked in log order as they finish, and once one proves wrong or stops at an error, the
    /// pieces not yet begun are skipped: a repair round parses them again, or they are cleared.
    /// So a wrong guess in an early piece costs little more than that piece. Which pieces were
    /// skipped depends on timing; what the batch returns does not.
    ///
    /// `chore`, work that changes no outcome, runs once, on the first lane to start.
    private func parse<C: RecordConsumer>(
        pieces: [Int], pieceCount: Int, _ region: UnsafeRawBufferPointer, bounds: [Int], starts: [PieceStart],
        context: PieceContext, perLane: Bool, checkingFrom begin: Int?, chore: (@Sendable () -> Void)?,
        outcomes: inout [PieceOutcome], consumers: inout [C]
    ) {
        let choreLeft = Atomic<Bool>(chore != nil)
        defer { if choreLeft.load(ordering: .relaxed) { chore?() } }
        let regionShared = SendableRegion(region)
        let progress = Mutex(
            RoundProgress(expected: begin, done: [Bool](repeating: false, count: pieceCount), stopped: begin == nil))
        outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
            consumers.withUnsafeMutableBufferPointer { consumerBuffer in
                let outcomeShared = SendableBuffer(outcomeBuffer)
                let consumerShared = SendableBuffer(consumerBuffer)
                forEachIndex(pieces.count, workers: options.workers) { i, lane in
                    if let chore, choreLeft.load(ordering: .relaxed), choreLeft.exchange(false, ordering: .relaxed) {
                        chore()
                    }
                    let slot = pieces[i]
                    let k = slot % pieceCount
                    let consumer = perLane ? lane : slot
                    if begin != nil && progress.withLock({ $0.stopped }) { return }
                    // The consumer's address, found once a piece: indexing the buffer in the
                    // closure read the generic type's stride and multiplied on every record.
                    let target = consumerShared.buffer.baseAddress! + consumer
                    PieceParser.parse(
                        regionShared.region, from: bounds[k], to: bounds[k + 1], start: starts[slot], pieceIndex: k,
                        slot: slot, lane: lane, context: context, outcome: &outcomeShared.buffer[slot]
                    ) { record in target.pointee.consume(&record) }
                    guard begin != nil else { return }
                    progress.withLock { state in
                        state.done[slot] = true
                        while !state.stopped && state.checked < pieceCount && state.done[state.checked] {
                            let k = state.checked
                            switch Self.check(outcomeShared.buffer[k], end: bounds[k + 1], expected: &state.expected) {
                            case .right: state.checked += 1
                            case .wrong, .stops: state.stopped = true
                            }
                        }
                    }
                }
            }
        }
    }

    /// Round one's pieces so far, in log order.
    private struct RoundProgress {
        /// Where the next record starts, as in `firstWrongPiece`.
        var expected: Int?
        var done: [Bool]
        /// The pieces before it are right.
        var checked = 0
        var stopped: Bool
    }

    /// How a piece's outcome compares with the sequential reading.
    private enum PieceCheck {
        /// Started where the sequential reading's next record starts: `expected` moves past it.
        case right
        /// Started elsewhere.
        case wrong
        /// Right, and stopped at an error: what follows does not matter.
        case stops
    }

    /// Checks a piece ending at `end` against `expected`, where the sequential reading's next
    /// record starts (nil when the rest of the batch lies inside a record carried into the next).
    private static func check(_ outcome: PieceOutcome, end: Int, expected: inout Int?) -> PieceCheck {
        // Where the piece's first record truly starts, nil when none starts in it.
        let truth = expected.flatMap { $0 < end ? $0 : nil }
        guard outcome.firstStart == truth else { return .wrong }
        guard truth != nil else { return .right }
        if outcome.fatal != nil { return .stops }
        expected = outcome.carryFrom == nil ? outcome.next : nil
        return .right
    }

    /// Checks the pieces from `first` on against the sequential reading and fixes the start of
    /// each one checked. `expected` is where the next record starts, nil when the rest of the
    /// batch lies inside a record carried into the next batch.
    /// - Returns: the first piece that started in the wrong place (its start now set right), nil
    ///   when all are right or a right piece stopped at an error (later pieces are then cleared).
    private static func firstWrongPiece(
        _ outcomes: inout [PieceOutcome], from first: Int, through count: Int, expected: inout Int?,
        starts: inout [PieceStart], bounds: [Int]
    ) -> Int? {
        for k in first..<count {
            starts[k] = .exact(expected ?? Int.max)
            switch check(outcomes[k], end: bounds[k + 1], expected: &expected) {
            case .right: continue
            case .wrong: return k
            case .stops:
                for later in k + 1..<count { outcomes[later] = PieceOutcome() }
                return nil
            }
        }
        return nil
    }
}
