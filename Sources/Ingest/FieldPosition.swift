/// Where a field's value starts in a record that parsed, for the errors of rules checked after
/// parsing (the log's time span). Only error paths call it.
enum FieldPosition {
    /// The offset of `field`'s value in `region[from..<to]`, `from` when it cannot be found.
    @inline(never)
    static func offset(
        of field: DossierField, in region: UnsafeRawBufferPointer, from: Int, to: Int, layout: FileLayout
    ) -> Int {
        switch layout.format {
        case .jsonl: return jsonValue(of: field, in: region, from: from, to: to) ?? from
        case .csv, .tsv:
            guard let column = layout.columnFields.firstIndex(of: field) else { return from }
            return csvField(column, in: region, from: from, to: to, delimiter: layout.format == .tsv ? 0x09 : 0x2C)
        }
    }

    /// The start of field `column` (from 0): delimiters outside quotes separate fields.
    private static func csvField(_ column: Int, in region: UnsafeRawBufferPointer, from: Int, to: Int, delimiter: UInt8)
        -> Int
    {
        var seen = 0
        var quoted = false
        var p = from
        while p < to, seen < column {
            let b = region[p]
            if b == 0x22 {
                quoted.toggle()
            } else if b == delimiter && !quoted {
                seen += 1
            }
            p += 1
        }
        return p
    }

    /// The value after the key `"NAME":` (a key, so not preceded by a backslash).
    private static func jsonValue(of field: DossierField, in region: UnsafeRawBufferPointer, from: Int, to: Int)
        -> Int?
    {
        let key = Array("\"\(field.name)\"".utf8)
        var p = from
        while p + key.count <= to {
            if region[p] == 0x22, (p == from || region[p - 1] != 0x5C),
                region[p..<(p + key.count)].elementsEqual(key)
            {
                var q = p + key.count
                while q < to, region[q] == 0x20 || region[q] == 0x09 { q += 1 }
                if q < to, region[q] == UInt8(ascii: ":") {
                    q += 1
                    while q < to, region[q] == 0x20 || region[q] == 0x09 { q += 1 }
                    return q
                }
            }
            p += 1
        }
        return nil
    }
}
