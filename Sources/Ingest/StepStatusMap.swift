import Records

/// How a step's `TrangThai` reads as a dossier status. By default the step logs use the DVCQG
/// dossier status codes 1–10 (`DossierStatus`); a system with codes of its own gives a table with
/// `--status-map FILE`: a two-column CSV with the header `code,status`, then one row per code, the
/// code as the system writes it and the DVCQG status (1–10) it means. `Guides/Steps.md` lists the
/// default table; `Datasets/steps/status-map-example.csv` is an example.
public struct StepStatusMap: Sendable, Equatable {
    /// The system's codes (trimmed bytes) and their statuses, in the file's order; empty for the
    /// DVCQG codes themselves.
    private var entries: [(code: [UInt8], status: DossierStatus)] = []

    /// The DVCQG codes: `1` to `10`, as `DossierStatus`.
    public static let dvcqg = StepStatusMap()

    private init() {}

    public static func == (a: StepStatusMap, b: StepStatusMap) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.code == $1.code && $0.status == $1.status }
    }

    /// The status `bytes` (already trimmed, not empty) stands for, nil for a code the map lacks.
    @inline(__always)
    func status(_ bytes: UnsafeRawBufferPointer) -> DossierStatus? {
        if entries.isEmpty {
            guard let v = FieldDecoder.smallInteger(bytes), v <= 10 else { return nil }
            return DossierStatus(rawValue: UInt8(v))
        }
        for entry in entries where entry.code.count == bytes.count {
            if entry.code.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return entry.status }
        }
        return nil
    }

    /// The codes, for the message of an unknown one.
    public var knownCodes: String {
        if entries.isEmpty { return "1-10, the DVCQG dossier status codes" }
        let codes = entries.prefix(12).map { String(decoding: $0.code, as: UTF8.self) }
        return codes.joined(separator: ", ") + (entries.count > 12 ? ", ..." : "") + " (the --status-map table)"
    }

    /// The table as (code, status) pairs, the DVCQG codes when no file gave one.
    public var pairs: [(code: String, status: DossierStatus)] {
        if entries.isEmpty { return DossierStatus.allCases.map { (String($0.rawValue), $0) } }
        return entries.map { (String(decoding: $0.code, as: UTF8.self), $0.status) }
    }

    public static func read(contentsOfFile path: String) throws(DataFileError) -> StepStatusMap {
        try read(csv: DataFile.bytes(ofFile: path, what: "status map"), name: path)
    }

    /// Parses a map; `name` is used in error messages.
    public static func read(csv bytes: [UInt8], name: String) throws(DataFileError) -> StepStatusMap {
        let records = try DataFile.records(bytes, file: name)
        let expectedHeader =
            "expected a header row 'code,status', then one row per code: the code as the log writes it, a DVCQG status 1-10"
        guard let header = records.first else {
            throw DataFileError(file: name, line: 0, column: 0, message: "empty status map: " + expectedHeader)
        }
        guard header.fields.map({ $0.text.lowercased() }) == ["code", "status"] else {
            throw DataFileError(file: name, line: header.line, column: 1, message: expectedHeader)
        }
        var map = StepStatusMap()
        var lines: [[UInt8]: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == 2 else {
                throw DataFileError(
                    file: name, line: record.line, column: 1,
                    message: "expected 2 fields (code,status), got \(record.fields.count)")
            }
            let (codeCell, statusCell) = (record.fields[0], record.fields[1])
            let code = Array(DataFileValues.trimmingSpaces(codeCell.text).utf8)
            guard !code.isEmpty else {
                throw DataFileError(
                    file: name, line: record.line, column: codeCell.column,
                    message: "empty code: write the code as the log's TrangThai has it")
            }
            if let earlier = lines[code] {
                throw DataFileError(
                    file: name, line: record.line, column: codeCell.column,
                    message: "'\(codeCell.text)' is mapped on line \(earlier) already")
            }
            let statusText = DataFileValues.trimmingSpaces(statusCell.text)
            guard let value = UInt8(statusText), let status = DossierStatus(rawValue: value) else {
                throw DataFileError(
                    file: name, line: record.line, column: statusCell.column,
                    message: "status '\(statusCell.text)' is not a DVCQG status: expected 1-10 (2 received, "
                        + "4 processing, 5 waiting for supplement, 9 finished, ...; Guides/Steps.md)")
            }
            lines[code] = record.line
            map.entries.append((code, status))
        }
        guard !map.entries.isEmpty else {
            throw DataFileError(file: name, line: 1, column: 0, message: "no codes: " + expectedHeader)
        }
        return map
    }
}
