import Records

/// The interned names of the steps: departments, handlers, titles, contents, and the procedure
/// and agency codes step rows may carry. Index 0 of each is the empty name.
struct StepNameTables: Sendable {
    var tables = [ByteInterner](repeating: ByteInterner(), count: 6)

    init() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        for k in tables.indices { _ = tables[k].id(of: empty) }
    }

    static let department = 0, handler = 1, title = 2, content = 3, procedure = 4, agency = 5
    /// The byte offset in a `StepRow` head of each table's index.
    static let rowOffsets = [
        StepRow.department, StepRow.handler, StepRow.title, StepRow.content, StepRow.procedure, StepRow.agency,
    ]
}

/// Reads step rows (and `QuaTrinhXuLy` items) into partitions by a hash of the dossier id. One
/// collector per piece of the log, in parallel; merged in log order into the run's collector,
/// which spills its partitions to a temporary file when they outgrow the memory budget.
struct StepCollector: RecordConsumer {
    let store: StepStore
    var partitions: [[UInt8]]
    var names = StepNameTables()
    var file: Int32 = 0
    var firstLine = 0

    init(store: StepStore) {
        self.store = store
        partitions = [[UInt8]](repeating: [], count: store.partitionCount)
    }

    mutating func consume(_ record: inout DossierRecord) {
        let partition = Int(Fingerprint.of(record.id) >> 33) % partitions.count
        let procedure = Int32(names.tables[StepNameTables.procedure].id(of: record.procedure))
        let agency = Int32(names.tables[StepNameTables.agency].id(of: record.agency))
        if record.embeddedSteps.isEmpty {
            if let status = record.step.status, record.step.time != nil {
                add(record.step, status: status, record, partition, procedure, agency)
            }
        } else {
            for step in record.embeddedSteps { add(step, status: step.status!, record, partition, procedure, agency) }
        }
    }

    @inline(__always)
    private mutating func add(
        _ step: StepFields, status: DossierStatus, _ record: DossierRecord, _ partition: Int, _ procedure: Int32,
        _ agency: Int32
    ) {
        let department = Int32(names.tables[StepNameTables.department].id(of: step.department))
        let handler = Int32(names.tables[StepNameTables.handler].id(of: step.handler))
        let title = Int32(names.tables[StepNameTables.title].id(of: step.title))
        let content = Int32(names.tables[StepNameTables.content].id(of: step.content))
        StepRow.append(
            to: &partitions[partition], id: record.id, step: step, status: status, line: record.pieceLine,
            names: (department, handler, title, content, procedure, agency), channel: record.channel)
    }

    mutating func place(file: Int, firstLine: Int) {
        self.file = Int32(file)
        self.firstLine = firstLine
    }

    /// Takes in a later piece's rows: their names made the run's, their lines the file's.
    mutating func merge(_ later: consuming StepCollector) {
        var translations: [[Int32]] = []
        for k in names.tables.indices {
            let local = later.names.tables[k]
            translations.append(
                (0..<local.count).map { id in Int32(local.withBytes(id) { names.tables[k].canonicalID(of: $0) }) })
        }
        let lineBase = Int64(later.firstLine)
        let file = later.file
        for p in partitions.indices where !later.partitions[p].isEmpty {
            later.partitions[p].withUnsafeMutableBytes { bytes in
                var q = 0
                while q < bytes.count {
                    let row = bytes.baseAddress! + q
                    row.storeBytes(
                        of: StepRow.int64(row, StepRow.line) + lineBase, toByteOffset: StepRow.line, as: Int64.self)
                    row.storeBytes(of: file, toByteOffset: StepRow.file, as: Int32.self)
                    for (k, offset) in StepNameTables.rowOffsets.enumerated() {
                        let local = Int(StepRow.int32(row, offset))
                        row.storeBytes(of: translations[k][local], toByteOffset: offset, as: Int32.self)
                    }
                    q += StepRow.size(row)
                }
            }
            store.inMemory += later.partitions[p].count
            partitions[p].append(contentsOf: later.partitions[p])
        }
        if store.inMemory > store.memoryBudget { spill() }
    }

    /// Writes every partition's rows to the store's temporary file and frees them.
    private mutating func spill() {
        for p in partitions.indices where !partitions[p].isEmpty {
            store.spill(partition: p, partitions[p])
            partitions[p] = []
        }
        store.inMemory = 0
    }
}

/// What the run's collectors share: the partition count, the memory budget, and the temporary
/// file with each partition's spilled segments.
final class StepStore: @unchecked Sendable {
    let partitionCount: Int
    let memoryBudget: Int
    var inMemory = 0
    private var file: SpillFile?
    /// Per partition, its segments in the file: offset and length.
    private(set) var segments: [[(offset: Int, count: Int)]]
    private(set) var spilledBytes = 0
    /// The first failure to write, reported once the scan returns.
    var failure: InputFileError?

    init(partitionCount: Int, memoryBudget: Int) {
        self.partitionCount = partitionCount
        self.memoryBudget = memoryBudget
        segments = [[(offset: Int, count: Int)]](repeating: [], count: partitionCount)
    }

    func spill(partition: Int, _ bytes: [UInt8]) {
        guard failure == nil else { return }
        do throws(InputFileError) {
            if file == nil {
                file = try SpillFile(for: "step log", purpose: "the step rows that do not fit in memory", tag: "steps")
            }
            let offset = file!.size
            let spill = file!
            let written = bytes.withUnsafeBytes { raw in
                Result { () throws(InputFileError) in
                    try spill.append(raw.baseAddress!, count: raw.count, for: "step log")
                }
            }
            try written.get()
            segments[partition].append((offset, bytes.count))
            spilledBytes += bytes.count
        } catch {
            failure = error
        }
    }

    /// A partition's spilled rows followed by `resident`.
    func rows(of partition: Int, resident: [UInt8]) throws(InputFileError) -> [UInt8] {
        let total = segments[partition].reduce(0) { $0 + $1.count }
        guard total > 0 else { return resident }
        var bytes = [UInt8](repeating: 0, count: total + resident.count)
        let spill = file!
        let segments = self.segments[partition]
        let read = bytes.withUnsafeMutableBytes { out in
            Result { () throws(InputFileError) in
                var at = 0
                for segment in segments {
                    try spill.read(
                        at: segment.offset, count: segment.count, into: out.baseAddress! + at, for: "step log")
                    at += segment.count
                }
                if !resident.isEmpty {
                    resident.withUnsafeBytes {
                        (out.baseAddress! + at).copyMemory(from: $0.baseAddress!, byteCount: $0.count)
                    }
                }
            }
        }
        try read.get()
        return bytes
    }
}
