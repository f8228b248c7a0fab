import Ingest
import ProcessExport

/// One worker's share of an export: the bytes of its traces (XES) or of its events and
/// objects (OCEL), its counts, and the distinct procedures and departments it met. Lanes are
/// merged in log order into the first, which writes each later lane's bytes to the files, so
/// memory holds one batch's output, whatever the log's size.
struct ExportLane {
    let format: ExportFormat
    var counts = ExportCounts()
    /// XES traces, or OCEL events.
    private(set) var main: [UInt8] = []
    /// OCEL dossier and citizen-request objects.
    private(set) var objects: [UInt8] = []
    var procedures = ByteInterner()
    var departments = ByteInterner()
    private var ocel = OCELWriter()
    /// Where bytes go past `spillAt` (step logs), and the ranges moved there, in order.
    private let spill: ExportSpill?
    private var mainSpilled: [(offset: Int, count: Int)] = []
    private var objectsSpilled: [(offset: Int, count: Int)] = []
    static let spillAt = 256 << 10

    init(format: ExportFormat, spill: ExportSpill? = nil) {
        self.format = format
        self.spill = spill
    }

    /// Writes `trace` (its events are put in time order first).
    mutating func emit(_ trace: inout ExportTrace) {
        trace.sortEvents()
        counts.traces += 1
        counts.events += trace.events.count
        switch format {
        case .xes:
            XESWriter.append(trace, to: &main)
        case .ocel:
            ocel.appendEvents(of: trace, to: &main)
            ocel.appendObjects(of: trace, to: &objects)
            counts.dossierObjects += 1
            counts.requestObjects += trace.requests.count
            if trace.procedure.count > 0 { _ = trace.withBytes(trace.procedure) { procedures.id(of: $0) } }
            for department in ocel.departments(of: trace) {
                _ = trace.withBytes(department) { departments.id(of: $0) }
            }
        }
        if let spill {
            if main.count >= Self.spillAt {
                mainSpilled.append((spill.append(main), main.count))
                main.removeAll(keepingCapacity: true)
            }
            if objects.count >= Self.spillAt {
                objectsSpilled.append((spill.append(objects), objects.count))
                objects.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Writes `later`'s bytes to the sinks and takes in its counts and names.
    mutating func absorb(_ later: consuming ExportLane, main sink: ExportSink, objects objectSink: ExportSink?) {
        let elements = format == .ocel
        if let spill = later.spill {
            for range in later.mainSpilled {
                spill.sink.copy(offset: range.offset, count: range.count, to: sink, elements: elements)
            }
            if let objectSink {
                for range in later.objectsSpilled {
                    spill.sink.copy(offset: range.offset, count: range.count, to: objectSink, elements: true)
                }
            }
        }
        switch format {
        case .xes: sink.write(later.main)
        case .ocel:
            sink.writeElements(later.main)
            objectSink?.writeElements(later.objects)
        }
        counts.add(later.counts)
        for id in 0..<later.procedures.count { later.procedures.withBytes(id) { _ = procedures.id(of: $0) } }
        for id in 0..<later.departments.count { later.departments.withBytes(id) { _ = departments.id(of: $0) } }
    }

    /// Writes the procedure and department objects (OCEL) after the others, and counts them.
    mutating func writeNamedObjects(to sink: ExportSink) {
        var buffer: [UInt8] = []
        for (interner, isProcedure) in [(procedures, true), (departments, false)] {
            for id in 0..<interner.count {
                interner.withBytes(id) { ocel.appendNamedObject(procedure: isProcedure, name: Array($0), to: &buffer) }
                if buffer.count > 1 << 20 {
                    sink.writeElements(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        sink.writeElements(buffer)
        counts.procedureObjects = procedures.count
        counts.departmentObjects = departments.count
    }
}
