/// The one JSON value of the project, for reading (scenario files, profiles, `--set` values) and
/// for writing (every `--format json`). Object keys keep their order: the order read from a
/// file, or the order a renderer gives.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// An integer, written as its digits.
    case int(Int)
    /// A number, written so that it reads back as the same `Double` (integral values without a
    /// point); what the parser produces for every number.
    case number(Double)
    /// A number already formatted (a truncated rate, fixed decimals), written as given.
    case numberText(String)
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

    /// An object from `(key, value)` pairs, in their order.
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { Member($0.0, $0.1) })
    }

    /// `value` with at most `maxDecimals` decimals and no trailing zeros (`97.561`, `100`);
    /// `null` when it is not finite.
    public static func decimal(_ value: Double, maxDecimals: Int = 4) -> JSONValue {
        value.isFinite ? .numberText(NumberText.trimmed(value, maxDecimals: maxDecimals)) : .null
    }

    /// The value of the last member called `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var members: [Member]? {
        if case .object(let m) = self { return m }
        return nil
    }
}

// MARK: Writing

extension JSONValue {
    /// Indented text (two spaces a level) and a final newline. An array of numbers, or of at
    /// most eight scalars, stays on one line.
    public var text: String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    /// The value on one line, `", "` between items and `": "` after keys, no final newline.
    public var lineText: String {
        var out = ""
        writeLine(into: &out)
        return out
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = ""
        writeString(text, into: &out)
        return out
    }

    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    var isNumber: Bool {
        switch self {
        case .int, .number, .numberText: return true
        default: return false
        }
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .array(let items) where !items.isEmpty:
            if items.allSatisfy(\.isNumber) || (items.count <= 8 && items.allSatisfy(\.isScalar)) {
                writeLine(into: &out)
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.writeString(member.key, into: &out)
                out += ": "
                member.value.write(into: &out, indent: indent + 2)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            writeLine(into: &out)
        }
    }

    func writeLine(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += JSONValue.numberLiteral(x)
        case .numberText(let text): out += text
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.writeLine(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += ", " }
                JSONValue.writeString(member.key, into: &out)
                out += ": "
                member.value.writeLine(into: &out)
            }
            out += "}"
        }
    }

    /// The shortest text that reads back as `x`; integral values without a point; `null` when
    /// `x` is not finite (JSON has no NaN or infinity).
    public static func numberLiteral(_ x: Double) -> String {
        if !x.isFinite { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Appends the UTF-8 text `bytes` as a JSON string literal, escaped as `quoted(_:)` does,
    /// for writers that stream bytes: text without a quote, backslash or control character is
    /// copied between the quotes without a `String`.
    public static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        if bytes.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
            out.append(contentsOf: quoted(String(decoding: bytes, as: UTF8.self)).utf8)
            return
        }
        out.append(34)
        out.append(contentsOf: bytes)
        out.append(34)
    }

    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

// MARK: Reading

/// A syntax error in a JSON text, with its line and column (both from 1; a column counts
/// Unicode scalars, so a Vietnamese letter is one column).
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

extension JSONValue {
    /// Parses JSON. `//` and `/* */` comments and trailing commas are allowed, so scenario and
    /// profile files can be documented in place.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.at >= parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    /// The value with `path` (object keys, or array indices) set to `newValue`, creating missing
    /// objects on the way.
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
                members.append(.init(head, JSONValue.object([Member]()).setting(path: rest, to: newValue)))
            }
            return .object(members)
        default:
            return JSONValue.object([Member]()).setting(path: path, to: newValue)
        }
    }

    /// Reads a `--set` value: JSON when it parses as JSON, else a string.
    public static func fromCommandLine(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }
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

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for b in bytes[0..<min(offset ?? at, bytes.count)] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {  // not a UTF-8 continuation byte
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

    /// The four hex digits after a `\u` that starts at `at - 2`.
    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard at + 4 <= bytes.count,
            bytes[at..<at + 4].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }),
            let code = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        else { throw error("bad \\u escape: expected four hex digits", at: at - 2) }
        at += 4
        return code
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
                    let escape = at - 2
                    var code = try hex4()
                    if (0xDC00...0xDFFF).contains(code) {
                        throw error("lone low surrogate \\u\(String(code, radix: 16)) in a string", at: escape)
                    }
                    if (0xD800...0xDBFF).contains(code) {
                        // A high surrogate must be followed by an escaped low one: the pair is
                        // one scalar above U+FFFF (an emoji, a rare Han character).
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                        else {
                            throw error("lone high surrogate \\u\(String(code, radix: 16)) in a string", at: escape)
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error(
                                "high surrogate \\u\(String(code, radix: 16)) not followed by a low surrogate",
                                at: escape)
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    // Not a surrogate now, so always a scalar.
                    out.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
                default: out.append(e)
                }
            } else {
                out.append(b)
            }
        }
        throw error("unterminated string")
    }
}
