/// The header row of a CSV or TSV log: its delimiter, and which column feeds which field. Read
/// by Ingest's one RFC 4180 reader, as the catalogs and calendar files are.
struct HeaderParse {
    /// Offset just past the header's line end, nil when the buffer ends inside the header.
    var end: Int?
    var newlines = 0
    var delimiter: UInt8 = 0x2C
    var names: [[UInt8]] = []
    /// The 1-based column of each name, for errors.
    var columns: [Int] = []

    /// Reads the header with `delimiter`. When it is nil: with `preferred` (the format's) when
    /// that finds the required columns, else with the candidate under which the most names are
    /// known fields (then the most columns; ties go to `preferred`, then to the order of
    /// `DelimiterChoice.candidates`).
    static func parse(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8?, preferred: UInt8, mapping: ColumnMapping, atEnd: Bool,
        file: String, kind: LogKind = .dossiers
    ) throws(IngestError) -> HeaderParse {
        let candidates =
            delimiter.map { [$0] } ?? [preferred] + DelimiterChoice.candidates.filter { $0 != preferred }
        var best: (parse: HeaderParse, known: Int)?
        var firstProblem: RFC4180Reader.Problem?
        for candidate in candidates {
            var reader = RFC4180Reader(dialect: .log(delimiter: candidate))
            let step: RFC4180Reader.Step
            do { step = try reader.next(in: bytes, atEnd: atEnd) } catch {
                firstProblem = firstProblem ?? error
                continue
            }
            switch step {
            case .needsMoreInput, .end: return HeaderParse(delimiter: candidate)
            case .record(let record):
                var result = HeaderParse(delimiter: candidate)
                result.end = reader.offset
                result.newlines = reader.line - 1
                result.names = record.fields.map(\.bytes)
                result.columns = record.fields.map(\.column)
                let fields = result.names.map { result.field(of: $0, mapping: mapping, kind: kind) }
                if candidate == preferred && Self.required(kind).allSatisfy(fields.contains) { return result }
                let known = Set(fields.compactMap { $0 }).count
                if let current = best,
                    (known, result.names.count) <= (current.known, current.parse.names.count)
                {
                    continue
                }
                best = (result, known)
            }
        }
        if let best { return best.parse }
        let problem = firstProblem!
        throw IngestError(
            file: file, line: problem.line, column: problem.column, field: nil, text: nil, rule: problem.rule)
    }

    /// The field a header name feeds in this kind of log: `--columns` first, then the shipped aliases.
    private func field(of name: [UInt8], mapping: ColumnMapping, kind: LogKind) -> DossierField? {
        let text = String(decoding: name, as: UTF8.self)
        if let mapped = mapping.lookup(text) { return mapped?.inLog(of: kind) }
        return HeaderAliases.field(named: text)?.inLog(of: kind)
    }

    /// The columns a log of this kind must have.
    static func required(_ kind: LogKind) -> [DossierField] {
        kind == .steps ? [.id, .stepStatus, .stepTime] : [.id, .status]
    }

    func columnFields(file: String, mapping: ColumnMapping, kind: LogKind = .dossiers) throws(IngestError)
        -> [DossierField?]
    {
        var fields: [DossierField?] = []
        for (name, column) in zip(names, columns) {
            let field = self.field(of: name, mapping: mapping, kind: kind)
            if let field, let earlier = fields.firstIndex(of: field) {
                throw IngestError(
                    file: file, line: 1, column: column, field: field.name, text: nil,
                    rule: .badCode(
                        expected:
                            "each field once; columns \(earlier + 1) '\(text(earlier))' and \(fields.count + 1)"
                            + " '\(text(fields.count))' both name \(field.name) (ignore one with --columns FILE)"))
            }
            fields.append(field)
        }
        for required in Self.required(kind) where !fields.contains(required) {
            let header = names.map { String(decoding: $0, as: UTF8.self) }
            throw IngestError(
                file: file, line: 1, column: 0, field: required.name, text: nil,
                rule: .missingRequiredColumn(
                    MissingColumn(
                        field: required, header: header, delimiter: delimiter,
                        closest: Self.closest(to: required, in: header))))
        }
        return fields
    }

    private func text(_ index: Int) -> String { String(decoding: names[index], as: UTF8.self) }

    /// The header names within a third of their length in edits of one of `field`'s names,
    /// nearest first, at most three.
    static func closest(to field: DossierField, in header: [String]) -> [String] {
        let keys = ([field.name] + HeaderAliases.names(of: field)).map(HeaderAliases.key)
        var near: [(distance: Int, index: Int)] = []
        for (index, name) in header.enumerated() {
            let key = HeaderAliases.key(name)
            guard !key.isEmpty else { continue }
            let (distance, length) = keys.map { (HeaderAliases.distance(key, $0), max(key.count, $0.count)) }
                .min { $0.0 < $1.0 }!
            if distance * 3 <= length { near.append((distance, index)) }
        }
        return near.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(3).map { header[$0.index] }
    }
}
