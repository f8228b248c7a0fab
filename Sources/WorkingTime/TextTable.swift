/// A small RFC 4180 reader for the module's own data files (calendar files, procedure catalogs):
/// comma-separated, double quotes around fields holding commas or quotes (`""` for a quote),
/// `#` at the start of a line for a comment, blank lines ignored, BOM and CR tolerated.
///
/// These files are small, so the reader favours clear errors (line and column of every field)
/// over speed.
struct TextTable {
    struct Field {
        var text: String
        /// 1-based column (in characters) where the field starts.
        var column: Int
    }

    struct Row {
        var line: Int
        var fields: [Field]
    }

    var rows: [Row] = []

    /// A problem in a data file, with what a person needs to fix it.
    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    init(text: String) throws(Problem) {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var lineNumber = 0
        var iterator = body.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while var line = iterator.next() {
            lineNumber += 1
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(Row(line: lineNumber, fields: try TextTable.split(line, lineNumber: lineNumber)))
        }
    }

    static func split(_ line: Substring, lineNumber: Int) throws(Problem) -> [Field] {
        var fields: [Field] = []
        var current = ""
        var column = 1
        var fieldColumn = 1
        var inQuotes = false
        var wasQuoted = false
        var chars = Array(line)
        chars.append(",")  // sentinel ends the last field
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    // `""` inside quotes is a quote; the sentinel comma is never part of a pair.
                    if i + 1 < chars.count - 1 && chars[i + 1] == "\"" {
                        current.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(c)
                }
            } else if c == "," {
                let text = wasQuoted ? current : current.trimmingSpaces()
                fields.append(Field(text: text, column: fieldColumn))
                current = ""
                wasQuoted = false
                fieldColumn = column + 1
            } else if c == "\"" && current.allSatisfy({ $0 == " " }) && !wasQuoted {
                inQuotes = true
                wasQuoted = true
                current = ""
            } else {
                if wasQuoted && c != " " {
                    throw Problem(line: lineNumber, column: column, message: "text after a closing quote")
                }
                if !wasQuoted { current.append(c) }
            }
            i += 1
            column += 1
        }
        if inQuotes { throw Problem(line: lineNumber, column: fieldColumn, message: "unterminated quoted field") }
        return fields
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

/// Parses `HH:mm` into seconds since midnight (24:00 allowed as the end of a day).
func parseClock(_ text: some StringProtocol) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts[0].count <= 2, parts[1].count == 2,
        let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m)
    else { return nil }
    var seconds = h * 3600 + m * 60
    if parts.count == 3 {
        guard parts[2].count == 2, let s = Int(parts[2]), (0...59).contains(s) else { return nil }
        seconds += s
    }
    return seconds <= 86_400 ? seconds : nil
}

func clockText(_ seconds: Int) -> String {
    let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
    let base = (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    return s == 0 ? base : base + ":" + (s < 10 ? "0" : "") + String(s)
}
