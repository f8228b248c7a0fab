/// The header names of one kind of export, from a `--columns FILE`: a two-column CSV with the
/// header `header,field`, then one row per column of the log, its name as the export writes it
/// and the DVCQG field it feeds (empty: the column is ignored). Names compare as in
/// `HeaderAliases` (case, diacritics, spaces and punctuation do not count) and are looked up
/// before the shipped aliases. `Datasets/columns/example.csv` is an example.
public struct ColumnMapping: Sendable, Equatable {
    /// Header key → the field it feeds, nil for a column to ignore.
    private var fields: [String: DossierField?] = [:]

    public init() {}

    public var isEmpty: Bool { fields.isEmpty }

    /// What the mapping says of a header name: nil when it does not name it; `.some(nil)` for a
    /// column to ignore.
    func lookup(_ name: String) -> DossierField?? { fields[HeaderAliases.key(name)] }

    public static func read(contentsOfFile path: String) throws(DataFileError) -> ColumnMapping {
        try read(csv: DataFile.bytes(ofFile: path, what: "column mapping"), name: path)
    }

    /// Parses a mapping; `name` is used in error messages.
    public static func read(csv bytes: [UInt8], name: String) throws(DataFileError) -> ColumnMapping {
        let records = try DataFile.records(bytes, file: name)
        let expectedHeader = "expected a header row 'header,field', then one row per column: its name, a DVCQG field"
        guard let header = records.first else {
            throw DataFileError(file: name, line: 0, column: 0, message: "empty column mapping: " + expectedHeader)
        }
        guard header.fields.map({ $0.text.lowercased() }) == ["header", "field"] else {
            throw DataFileError(file: name, line: header.line, column: 1, message: expectedHeader)
        }
        var mapping = ColumnMapping()
        var lines: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == 2 else {
                throw DataFileError(
                    file: name, line: record.line, column: 1,
                    message: "expected 2 fields (header,field), got \(record.fields.count)")
            }
            let (headerCell, fieldCell) = (record.fields[0], record.fields[1])
            let key = HeaderAliases.key(headerCell.text)
            guard !key.isEmpty else {
                throw DataFileError(
                    file: name, line: record.line, column: headerCell.column,
                    message: "empty header name: write the column's name as the log's header has it")
            }
            if let earlier = lines[key] {
                throw DataFileError(
                    file: name, line: record.line, column: headerCell.column,
                    message: "'\(headerCell.text)' is mapped on line \(earlier) already")
            }
            var field: DossierField?
            if !fieldCell.bytes.isEmpty {
                guard
                    let named = DossierField.allCases.first(where: {
                        $0.name.lowercased() == fieldCell.text.lowercased()
                    })
                else {
                    let nearest = DossierField.allCases.min {
                        HeaderAliases.distance(HeaderAliases.key($0.name), HeaderAliases.key(fieldCell.text))
                            < HeaderAliases.distance(HeaderAliases.key($1.name), HeaderAliases.key(fieldCell.text))
                    }!
                    throw DataFileError(
                        file: name, line: record.line, column: fieldCell.column,
                        message:
                            "unknown field '\(fieldCell.text)' (closest: \(nearest.name)); expected a DVCQG name: "
                            + DossierField.allCases.map(\.name).joined(separator: ", ")
                            + ", or empty to ignore the column")
                }
                field = named
            }
            lines[key] = record.line
            mapping.fields[key] = .some(field)
        }
        return mapping
    }
}
