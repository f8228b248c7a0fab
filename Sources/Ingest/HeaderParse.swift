/// The header row of a CSV or TSV log: which column feeds which field. Read by Ingest's one
/// RFC 4180 reader, as the catalogs and calendar files are.
struct HeaderParse {
    /// Offset just past the header's line end, nil when the buffer ends inside the header.
    var end: Int?
    var newlines = 0
    var names: [[UInt8]] = []
    /// The 1-based column of each name, for errors.
    var columns: [Int] = []

    static func parse(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8, atEnd: Bool, file: String
    ) throws(IngestError) -> HeaderParse {
        var reader = RFC4180Reader(dialect: .log(delimiter: delimiter))
        var result = HeaderParse()
        let step: RFC4180Reader.Step
        do { step = try reader.next(in: bytes, atEnd: atEnd) } catch {
            throw IngestError(
                file: file, line: error.line, column: error.column, field: nil, text: nil, rule: error.rule)
        }
        guard case .record(let record) = step else { return result }
        result.end = reader.offset
        result.newlines = reader.line - 1
        result.names = record.fields.map(\.bytes)
        result.columns = record.fields.map(\.column)
        return result
    }

    func columnFields(file: String) throws(IngestError) -> [DossierField?] {
        var fields: [DossierField?] = []
        for (name, column) in zip(names, columns) {
            let field = name.withUnsafeBytes { DossierField.named($0) }
            if let field, fields.contains(field) {
                throw IngestError(
                    file: file, line: 1, column: column, field: field.name, text: nil,
                    rule: .badCode(expected: "each column once; \(field.name) appears twice"))
            }
            fields.append(field)
        }
        for required in [DossierField.id, .status] where !fields.contains(required) {
            throw IngestError(
                file: file, line: 1, column: 0, field: required.name,
                text: String(decoding: Array(names.joined(separator: [0x2C])).prefix(60), as: UTF8.self),
                rule: .missingRequiredColumn)
        }
        return fields
    }
}
