import CivilTime
import Records

/// One step as the fold keeps it between reading and grouping: a fixed 64-byte head and the
/// dossier id's bytes, in a partition's byte buffer or its spilled segments. Names are indices
/// into the collector's interners.
enum StepRow {
    static let headBytes = 64
    // Field offsets in the head.
    static let time = 0, start = 8, plannedEnd = 16, line = 24, file = 32
    static let department = 36, handler = 40, title = 44, content = 48, procedure = 52, agency = 56
    static let status = 60, channel = 61, idLength = 62
    /// `Int64.min`: no `NgayBatDau` / `NgayKetThucTheoQuyDinh`.
    static let absent = Int64.min

    /// The row's size: its head and its id.
    @inline(__always)
    static func size(_ row: UnsafeRawPointer) -> Int {
        headBytes + Int(row.loadUnaligned(fromByteOffset: idLength, as: UInt16.self))
    }

    @inline(__always)
    static func id(_ row: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(
            start: row + headBytes, count: Int(row.loadUnaligned(fromByteOffset: idLength, as: UInt16.self)))
    }

    @inline(__always)
    static func int64(_ row: UnsafeRawPointer, _ offset: Int) -> Int64 {
        row.loadUnaligned(fromByteOffset: offset, as: Int64.self)
    }

    @inline(__always)
    static func int32(_ row: UnsafeRawPointer, _ offset: Int) -> Int32 {
        row.loadUnaligned(fromByteOffset: offset, as: Int32.self)
    }

    /// The step the row holds, its names still the collector's indices.
    static func step(_ row: UnsafeRawPointer) -> ProcessStep {
        let start = int64(row, start)
        let planned = int64(row, plannedEnd)
        return ProcessStep(
            time: Timestamp(seconds: int64(row, time)), start: start == absent ? nil : Timestamp(seconds: start),
            plannedEnd: planned == absent ? nil : Timestamp(seconds: planned),
            status: DossierStatus(rawValue: row.load(fromByteOffset: status, as: UInt8.self))!,
            department: int32(row, department), handler: int32(row, handler), title: int32(row, title),
            content: int32(row, content), file: int32(row, file), line: int64(row, line))
    }

    /// Appends a row to `buffer`.
    @inline(__always)
    static func append(
        to buffer: inout [UInt8], id: UnsafeRawBufferPointer, step: StepFields, status: DossierStatus, line: Int,
        names: (department: Int32, handler: Int32, title: Int32, content: Int32, procedure: Int32, agency: Int32),
        channel: UInt8
    ) {
        let idCount = min(id.count, Int(UInt16.max))
        let at = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: headBytes + idCount))
        buffer.withUnsafeMutableBytes { all in
            let row = all.baseAddress! + at
            row.storeBytes(of: step.time!.seconds, toByteOffset: time, as: Int64.self)
            row.storeBytes(of: step.start?.seconds ?? absent, toByteOffset: start, as: Int64.self)
            row.storeBytes(of: step.plannedEnd?.seconds ?? absent, toByteOffset: plannedEnd, as: Int64.self)
            row.storeBytes(of: Int64(line), toByteOffset: StepRow.line, as: Int64.self)
            row.storeBytes(of: names.department, toByteOffset: department, as: Int32.self)
            row.storeBytes(of: names.handler, toByteOffset: handler, as: Int32.self)
            row.storeBytes(of: names.title, toByteOffset: title, as: Int32.self)
            row.storeBytes(of: names.content, toByteOffset: content, as: Int32.self)
            row.storeBytes(of: names.procedure, toByteOffset: procedure, as: Int32.self)
            row.storeBytes(of: names.agency, toByteOffset: agency, as: Int32.self)
            row.storeBytes(of: status.rawValue, toByteOffset: StepRow.status, as: UInt8.self)
            row.storeBytes(of: channel, toByteOffset: StepRow.channel, as: UInt8.self)
            row.storeBytes(of: UInt16(idCount), toByteOffset: idLength, as: UInt16.self)
            if idCount > 0 { (row + headBytes).copyMemory(from: id.baseAddress!, byteCount: idCount) }
        }
    }
}
