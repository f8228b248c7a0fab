import _TextSupport

/// A JSON value with object keys kept in file order, read from JSON with `//` and `/* */`
/// comments allowed (so scenario files can be documented in place).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var members: [Member]? {
        if case .object(let m) = self { return m }
        return nil
    }
}

/// A syntax error in a JSON text, with its line and column.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Parses JSON (with comments).
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.at >= parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    /// Compact or indented JSON text; keys in their stored order.
    public func serialized(indent: String? = "  ", level: Int = 0) -> String {
        let pad = indent.map { String(repeating: $0, count: level + 1) } ?? ""
        let closePad = indent.map { String(repeating: $0, count: level) } ?? ""
        let newline = indent == nil ? "" : "\n"
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return JSONValue.formatNumber(x)
        case .string(let s): return JSONValue.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                return "[" + items.map { $0.serialized(indent: nil) }.joined(separator: ", ") + "]"
            }
            return "[" + newline
                + items.map { pad + $0.serialized(indent: indent, level: level + 1) }
                .joined(separator: "," + newline) + newline + closePad + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let sep = indent == nil ? ":" : ": "
            return "{" + newline
                + members.map {
                    pad + JSONValue.quote($0.key) + sep + $0.value.serialized(indent: indent, level: level + 1)
                }.joined(separator: "," + newline) + newline + closePad + "}"
        }
    }

    public static func formatNumber(_ x: Double) -> String {
        if x.isNaN || x.isInfinite { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func quote(_ s: String) -> String { JSONText.quoted(s) }
}

private struct JSONParser {
    /// A byte that can appear in a JSON number (digits, sign, point, exponent); a calibrated
    /// scenario holds hundreds of thousands of numbers, so this is a switch, not a string search.
    @inline(__always)
    static func isNumberByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default: return false
        }
    }

    let bytes: [UInt8]
    var at = 0

    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for b in bytes[0..<min(at, bytes.count)] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    mutating func skipSpace() {
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                at += 1
            } else if b == UInt8(ascii: "/") && at + 1 < bytes.count && bytes[at + 1] == UInt8(ascii: "/") {
                while at < bytes.count && bytes[at] != 0x0A { at += 1 }
            } else if b == UInt8(ascii: "/") && at + 1 < bytes.count && bytes[at + 1] == UInt8(ascii: "*") {
                at += 2
                while at + 1 < bytes.count && !(bytes[at] == UInt8(ascii: "*") && bytes[at + 1] == UInt8(ascii: "/")) {
                    at += 1
                }
                at += 2
            } else {
                return
            }
        }
    }

    mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard at < bytes.count else { throw error("unexpected end of text; expected a value") }
        switch bytes[at] {
        case UInt8(ascii: "{"):
            at += 1
            var members: [JSONValue.Member] = []
            skipSpace()
            if at < bytes.count && bytes[at] == UInt8(ascii: "}") {
                at += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else {
                    throw error("expected ':' after key \"\(key)\"")
                }
                at += 1
                skipSpace()
                members.append(.init(key, try value()))
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of text in an object") }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    skipSpace()
                    if at < bytes.count && bytes[at] == UInt8(ascii: "}") {  // trailing comma
                        at += 1
                        return .object(members)
                    }
                    continue
                }
                if bytes[at] == UInt8(ascii: "}") {
                    at += 1
                    return .object(members)
                }
                throw error("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count && bytes[at] == UInt8(ascii: "]") {
                at += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of text in an array") }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    skipSpace()
                    if at < bytes.count && bytes[at] == UInt8(ascii: "]") {
                        at += 1
                        return .array(items)
                    }
                    continue
                }
                if bytes[at] == UInt8(ascii: "]") {
                    at += 1
                    return .array(items)
                }
                throw error("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let start = at
            while at < bytes.count, JSONParser.isNumberByte(bytes[at]) { at += 1 }
            guard at > start, let x = Double(String(decoding: bytes[start..<at], as: UTF8.self)) else {
                at = start
                throw error("expected a value")
            }
            return .number(x)
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw error("expected \(word)") }
        at += w.count
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        at += 1
        var out: [UInt8] = []
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\") {
                guard at < bytes.count else { break }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard at + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
                    else { throw error("bad \\u escape") }
                    at += 4
                    out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "?").utf8))
                default: out.append(e)
                }
            } else {
                out.append(b)
            }
        }
        throw error("unterminated string")
    }
}

extension JSONValue {
    /// The value with `path` (dot-separated object keys, or array indices) set to `newValue`,
    /// creating missing objects on the way.
    public func setting(path: [String], to newValue: JSONValue) -> JSONValue {
        guard let head = path.first else { return newValue }
        let rest = Array(path.dropFirst())
        switch self {
        case .array(var items):
            if let i = Int(head), items.indices.contains(i) {
                items[i] = items[i].setting(path: rest, to: newValue)
                return .array(items)
            }
            return self
        case .object(var members):
            if let i = members.lastIndex(where: { $0.key == head }) {
                members[i].value = members[i].value.setting(path: rest, to: newValue)
            } else {
                members.append(.init(head, JSONValue.object([]).setting(path: rest, to: newValue)))
            }
            return .object(members)
        default:
            return JSONValue.object([]).setting(path: path, to: newValue)
        }
    }

    /// Reads a `--set` value: JSON when it parses as JSON, else a string.
    public static func fromCommandLine(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }
}
