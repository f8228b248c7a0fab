import Ingest
import Records
import Targets
import WorkingTime

/// The names a log gives its procedure codes (`TenTTHC`), for the tables that list procedures:
/// for each code, the name most of its dossiers carry (ties go to the smaller in byte order), so
/// the answer depends neither on the order of the log nor on the number of workers.
///
/// Each (code, name) pair is interned once; a record costs one hash of its two fields.
public struct ProcedureNameCollector: RecordConsumer {
    private var pairs = ByteInterner()
    private var counts: [Int] = []
    private var scratch: [UInt8] = []

    public init() {}

    /// Between a code and its name in an interned pair: a byte that UTF-8 text never holds.
    static let separator: UInt8 = 0xFF

    public mutating func consume(_ record: inout DossierRecord) {
        guard record.procedureName.count > 0, record.procedure.count > 0 else { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: record.procedure)
        scratch.append(ProcedureNameCollector.separator)
        scratch.append(contentsOf: record.procedureName)
        add(scratch, count: 1)
    }

    private mutating func add(_ pair: [UInt8], count: Int) {
        let id = pair.withUnsafeBytes { pairs.id(of: $0) }
        if id == counts.count { counts.append(0) }
        counts[id] += count
    }

    public mutating func merge(_ later: consuming ProcedureNameCollector) {
        for id in 0..<later.counts.count {
            add(later.pairs.withBytes(id) { Array($0) }, count: later.counts[id])
        }
    }

    public static var foldsInAnyOrder: Bool { true }

    /// Each code's name.
    public var names: [String: String] {
        var best: [String: (name: [UInt8], count: Int)] = [:]
        for id in 0..<counts.count {
            let pair = pairs.withBytes(id) { Array($0) }
            let cut = pair.firstIndex(of: ProcedureNameCollector.separator)!
            let code = String(decoding: pair[..<cut], as: UTF8.self)
            let name = Array(pair[(cut + 1)...])
            if let current = best[code],
                current.count > counts[id]
                    || (current.count == counts[id] && current.name.lexicographicallyPrecedes(name))
            {
                continue
            }
            best[code] = (name, counts[id])
        }
        return best.mapValues { String(decoding: $0.name, as: UTF8.self) }
    }
}

extension KPIEngine {
    /// The report and the log's procedure names, in one scan.
    public static func runNamingProcedures(files: [String], options: ReportOptions) throws -> (
        report: ReportResult, procedureNames: [String: String]
    ) {
        precondition(options.dimensions.count <= 4, "at most four --by dimensions")
        let setup = AccumulatorSetup(options: options)
        var (pair, input) = try LogScanner.scan(files: files, options: options.scan) {
            PairedConsumer(first: KPIAccumulator(setup: setup), second: ProcedureNameCollector())
        }
        return (finish(&pair.first, input: input, options: options), pair.second.names)
    }
}

extension BreakdownConsumer {
    /// `run`, and the log's procedure names, in the same second scan.
    public static func runNamingProcedures(files: [String], setup: Setup, scan: ScanOptions) throws -> (
        breakdowns: [Breakdown], procedureNames: [String: String]
    ) {
        let (pair, _) = try LogScanner.scan(files: files, options: scan) {
            PairedConsumer(first: BreakdownConsumer(setup: setup), second: ProcedureNameCollector())
        }
        return (pair.first.breakdowns, pair.second.names)
    }
}

/// A procedure's name for the tables: `TenTTHC` as the log writes it, else the catalog's.
public struct ProcedureNames: Sendable {
    public var log: [String: String]
    public var catalog: ProcedureCatalog?

    public init(log: [String: String] = [:], catalog: ProcedureCatalog? = nil) {
        self.log = log
        self.catalog = catalog
    }

    public subscript(code: String) -> String? {
        if let name = log[code], !name.isEmpty { return name }
        if let name = catalog?[code]?.name, !name.isEmpty { return name }
        return nil
    }
}
