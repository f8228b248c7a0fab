/// The header row of a CSV or TSV log: which column feeds which field.
struct HeaderParse {
    /// Offset just past the header's line end, nil when the buffer ends inside the header.
    var end: Int?
    var newlines = 0
    var names: [[UInt8]] = []

    static func parse(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8, atEnd: Bool) -> HeaderParse {
        var result = HeaderParse()
        var current: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        current.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == 0x0A { result.newlines += 1 }
                    current.append(b)
                }
            } else if b == 0x22 {
                inQuotes = true
            } else if b == delimiter {
                result.names.append(current)
                current = []
            } else if b == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                result.names.append(current)
                result.newlines += 1
                result.end = i + 1
                return result
            } else {
                current.append(b)
            }
            i += 1
        }
        if atEnd && !inQuotes {
            if current.last == 0x0D { current.removeLast() }
            result.names.append(current)
            result.end = bytes.count
        }
        return result
    }

    func columnFields(file: String) throws(IngestError) -> [DossierField?] {
        var fields: [DossierField?] = []
        var column = 1
        for name in names {
            let field = name.withUnsafeBytes { DossierField.named($0) }
            if let field, fields.contains(field) {
                throw IngestError(
                    file: file, line: 1, column: column, field: field.name, text: nil,
                    rule: .badCode(expected: "each column once; \(field.name) appears twice"))
            }
            fields.append(field)
            column += name.count + 1
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
