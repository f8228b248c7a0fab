/// A tiny, obviously correct RFC 4180 reader used as the reference for the generator's quoting:
/// fields separated by commas, records by CRLF or LF, quoted fields may hold commas, doubled
/// quotes and line breaks. Returns nil when a quote is unbalanced or stray.
func rfc4180Records(_ bytes: [UInt8]) -> [[String]]? {
    var records: [[String]] = []
    var record: [String] = []
    var field: [UInt8] = []
    var i = 0
    var quoted = false
    var fieldStarted = false
    func endField() {
        record.append(String(decoding: field, as: UTF8.self))
        field = []
        fieldStarted = false
    }
    while i < bytes.count {
        let b = bytes[i]
        if quoted {
            if b == 34 {
                if i + 1 < bytes.count && bytes[i + 1] == 34 {
                    field.append(34)
                    i += 2
                    continue
                }
                quoted = false
                // After a closing quote only a separator or a line end may follow.
                if i + 1 < bytes.count && ![44, 10, 13].contains(bytes[i + 1]) { return nil }
            } else {
                field.append(b)
            }
            i += 1
            continue
        }
        switch b {
        case 34:
            guard !fieldStarted && field.isEmpty else { return nil }
            quoted = true
            fieldStarted = true
        case 44:
            endField()
        case 13:
            guard i + 1 < bytes.count && bytes[i + 1] == 10 else { return nil }
        case 10:
            endField()
            records.append(record)
            record = []
        default:
            field.append(b)
            fieldStarted = true
        }
        i += 1
    }
    if quoted { return nil }
    if fieldStarted || !field.isEmpty || !record.isEmpty {
        endField()
        records.append(record)
    }
    return records
}
