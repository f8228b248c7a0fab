/// A slow, obvious RFC 4180 reader: the reference the engine's parser is tested against.
public enum ReferenceCSV {
    /// Splits RFC 4180 text into records of fields, character by character (fields end at
    /// `separator`, a comma unless told).
    public static func records(_ text: String, separator: Unicode.Scalar = ",") -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(text.unicodeScalars)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == separator {
                record.append(field)
                field = ""
            } else if c == "\n" {
                if field.hasSuffix("\r") { field.removeLast() }
                record.append(field)
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        return records
    }

    /// Rows as dictionaries keyed by the header's names.
    public static func table(_ text: String, separator: Unicode.Scalar = ",") -> [[String: String]] {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rows = records(text, separator: separator)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            var dict: [String: String] = [:]
            for (i, name) in header.enumerated() where i < row.count { dict[name] = row[i] }
            return dict
        }
    }
}
