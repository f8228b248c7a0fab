import Foundation
import _TextSupport

/// A JSON value written deterministically (keys in the order given), for `--format json`.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Pretty text with two-space indentation and a final newline.
    public var text: String {
        var out = ""
        write(&out, indent: 0)
        return out + "\n"
    }

    func write(_ out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += JSONValue.numberText(d)
        case .string(let s): JSONValue.writeString(s, &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            // Short arrays of scalars stay on one line.
            if items.count <= 8, items.allSatisfy({ $0.isScalar }) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(&out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(&out, indent: indent + 2)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.writeString(key, &out)
                out += ": "
                value.write(&out, indent: indent + 2)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Up to 4 decimals, trailing zeros removed: `97.561`, `100`.
    static func numberText(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        var text = String(format: "%.4f", d)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func writeString(_ s: String, _ out: inout String) { JSONText.write(s, into: &out) }
}

/// Columns aligned for a terminal; numeric-looking cells are right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: Int = 2) -> String {
        let all = [header] + rows
        let columns = header.count
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) }
        }
        // Codes such as procedure 1.001193 look numeric but are names: keep them left-aligned.
        var numeric = header.map { !TextTable.textHeaders.contains($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < columns && !cell.isEmpty {
                if !TextTable.looksNumeric(cell) { numeric[i] = false }
            }
        }
        var lines: [String] = []
        for row in all {
            var line = String(repeating: " ", count: indent)
            for i in 0..<columns {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let last = i == columns - 1
                line += numeric[i] ? pad + cell : cell + (last ? "" : pad)
                if !last { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let textHeaders: Set<String> = [
        "agency", "procedure", "field", "channel", "day", "week", "month", "quarter", "dossier", "target", "metric",
        "group", "indicator", "status",
    ]

    static func looksNumeric(_ cell: String) -> Bool {
        guard let first = cell.first, first.isNumber || first == "-" else { return cell == "n/a" }
        return cell.allSatisfy { $0.isNumber || ",.%-/ ".contains($0) }
    }
}
