/// The RFC 8259 grammar on raw bytes, for JSONL lines: strings (escapes, UTF-8, no control
/// characters), numbers, literals, and any value skipped with its nesting bounded. Every byte of
/// a line passes one of these, so a line that is not JSON never reads as a dossier, whatever key
/// the damage sits under.
///
/// Answers where RFC 8259 leaves the choice to the reader (Guides/Fields.md, "Strict JSON"):
/// - nesting deeper than `maxDepth` is an error (the check is a counter, never recursion);
/// - numbers are held to the grammar only: `1e400` and 30-digit integers pass, and a code the
///   engine reads must still be one it knows;
/// - a `\u` escape of a lone UTF-16 surrogate is an error, as is any byte sequence that is not
///   UTF-8 (overlong forms, encoded surrogates, code points past U+10FFFF);
/// - a repeated key is allowed and the last one wins.
enum JSONSyntax {
    /// The deepest nesting a line may have: the dossier object is level 1, its lists 2, their
    /// items 3. (serde_json's default limit is also 128.)
    static let maxDepth = 128

    /// Scans the string whose opening quote is at `c.position`; leaves the cursor after the
    /// closing quote. Returns the contents' bounds and whether they hold an escape.
    /// - Complexity: O(length), sixteen plain ASCII bytes a step.
    @inline(__always)
    static func scanString(_ c: inout JSONCursor) throws(JSONLFailure) -> (start: Int, end: Int, escaped: Bool) {
        if let plain = plainString(&c) { return (plain.lowerBound, plain.upperBound, false) }
        return try scanAnyString(&c)
    }

    /// The contents' bounds of the string at `c.position` when it is plain ASCII without an
    /// escape (nearly every string the engine reads), the cursor then after its closing quote;
    /// nil, the cursor unmoved, for any other string, which `scanString` reads.
    @inline(__always)
    static func plainString(_ c: inout JSONCursor) -> Range<Int>? {
        let open = c.position
        let p = plainRunEnd(c.base, from: open &+ 1, end: c.end)
        guard p < c.end && c.base[p] == 0x22 else { return nil }
        c.position = p &+ 1
        return (open &+ 1)..<p
    }

    /// `scanString` for any string.
    @inline(never)
    private static func scanAnyString(_ c: inout JSONCursor) throws(JSONLFailure) -> (
        start: Int, end: Int, escaped: Bool
    ) {
        let base = c.base
        let end = c.end
        let open = c.position
        var p = open + 1
        var escaped = false
        while true {
            // Up to the next '"', '\' or control byte; the UTF-8 before it is checked whole,
            // which finds the first bad byte that a byte-by-byte scan would.
            let q = plainRunEnd(base, from: p, end: end, passingNonASCII: true)
            if let bad = UTF8Validation.firstInvalid(UnsafeRawBufferPointer(start: base + p, count: q - p)) {
                throw invalidUTF8(base[p + bad], at: p + bad)
            }
            guard q < end else { throw .json("unterminated string: the line ends before its closing '\"'", at: open) }
            let b = base[q]
            if b == 0x22 {
                c.position = q + 1
                return (open + 1, q, escaped)
            }
            if b == 0x5C {
                escaped = true
                p = try escapeEnd(base, at: q, end: end)
            } else {
                throw .json(
                    "unescaped control character \(hex(b)) in a string (write it as \\u00\(hexDigits(b)))", at: q)
            }
        }
    }

    /// The first position from `p` holding a byte that a string's plain run cannot: '"', '\', a
    /// control byte, or (unless `passingNonASCII`) a byte of 0x80 and above; `end` when there is
    /// none.
    ///
    /// Sixteen bytes a step in SIMD lanes (no carry crosses a lane, so every lane's flag is
    /// exact), then eight in a word, then one.
    @inline(__always)
    static func plainRunEnd(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, passingNonASCII: Bool = false)
        -> Int
    {
        var p = start
        let raw = UnsafeRawPointer(base)
        let nonASCII: UInt64 = passingNonASCII ? 0 : highBits
        while p &+ 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
            let quote = v ^ SIMD16(repeating: 0x22)
            let backslash = v ^ SIMD16(repeating: 0x5C)
            let one = SIMD16<UInt8>(repeating: 1)
            // The high bit of a lane is set when it is 0 (the two `x - 1 & ~x`), under 0x20, or 0x80 and above.
            let flags =
                ((quote &- one) & ~quote) | ((backslash &- one) & ~backslash)
                | ((v &- SIMD16(repeating: 0x20)) & ~v) | (passingNonASCII ? SIMD16(repeating: 0) : v)
            let marked = LaneBits.highBits(flags)
            if marked == 0 {
                p &+= 16
                continue
            }
            return p &+ marked.trailingZeroBitCount
        }
        while p &+ 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let special =
                SWAR.matches(word, SWAR.quotes) | SWAR.matches(word, backslashes) | below0x20(word)
                | (word & nonASCII)
            if special != 0 { return p &+ special.trailingZeroBitCount >> 3 }
            p &+= 8
        }
        while p < end {
            let b = base[p]
            if b == 0x22 || b == 0x5C || b < 0x20 || (b >= 0x80 && !passingNonASCII) { return p }
            p &+= 1
        }
        return end
    }

    /// Bytes under 0x20 (the lowest one flagged is exact: a borrow only runs upwards).
    @inline(__always)
    private static func below0x20(_ word: UInt64) -> UInt64 {
        (word &- 0x2020_2020_2020_2020) & ~word & highBits
    }

    private static let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The end of the escape whose backslash is at `p`.
    private static func escapeEnd(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) throws(JSONLFailure) -> Int {
        guard p + 1 < end else { throw .json("unterminated string: the line ends after a '\\'", at: p) }
        switch base[p + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return p + 2
        case UInt8(ascii: "u"):
            guard let unit = hex4(base, at: p + 2, end: end) else {
                throw .json("bad escape: \\u needs four hex digits", at: p)
            }
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw .json(loneSurrogate(unit), at: p)
            }
            guard unit >= 0xD800 && unit <= 0xDBFF else { return p + 6 }
            guard p + 7 < end, base[p + 6] == 0x5C, base[p + 7] == UInt8(ascii: "u"),
                let low = hex4(base, at: p + 8, end: end), low >= 0xDC00 && low <= 0xDFFF
            else { throw .json(loneSurrogate(unit), at: p) }
            return p + 12
        default:
            throw .json(
                "bad escape '\\\(printable(base[p + 1]))' (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)",
                at: p)
        }
    }

    private static func loneSurrogate(_ unit: UInt32) -> String {
        "lone UTF-16 surrogate \\u\(String(unit, radix: 16, uppercase: true)) (a surrogate escape must be a high-low pair)"
    }

    /// The value of four hex digits at `p`, nil when they are not.
    @inline(__always)
    static func hex4(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> UInt32? {
        guard p + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in p..<(p + 4) {
            let b = base[k]
            let digit: UInt8
            switch b {
            case 48...57: digit = b - 48
            case 65...70: digit = b - 55
            case 97...102: digit = b - 87
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func invalidUTF8(_ lead: UInt8, at p: Int) -> JSONLFailure {
        .json(
            "invalid UTF-8 at byte \(hex(lead)) in a string (JSON text is UTF-8: re-save the file as UTF-8, or "
                + "read a Vietnamese legacy export with --encoding cp1258 or --encoding tcvn3)", at: p)
    }

    /// Scans a number starting at `c.position` (a '-' or a digit) by the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, whatever its size.
    @inline(__always)
    static func scanNumber(_ c: inout JSONCursor) throws(JSONLFailure) {
        if !plainInteger(&c) { try scanAnyNumber(&c) }
    }

    /// Whether the number at `c.position` is a plain integer (most are codes): digits, a lone 0
    /// or none leading, then a byte inside the line that continues no number; the cursor is
    /// then after it. False, the cursor unmoved, for any other number, which `scanNumber` reads.
    @inline(__always)
    static func plainInteger(_ c: inout JSONCursor) -> Bool {
        let base = c.base
        let first = c.position
        var q = first
        if q < c.end, base[q] &- 49 < 9 {
            q &+= 1
            while q < c.end, isDigit(base[q]) { q &+= 1 }
        } else if q < c.end, base[q] == UInt8(ascii: "0") {
            q &+= 1
            if q < c.end, isDigit(base[q]) { return false }
        } else {
            return false
        }
        guard q < c.end, base[q] != UInt8(ascii: "."), base[q] | 0x20 != UInt8(ascii: "e") else { return false }
        c.position = q
        return true
    }

    /// `scanNumber` for any number.
    @inline(never)
    private static func scanAnyNumber(_ c: inout JSONCursor) throws(JSONLFailure) {
        let base = c.base
        let end = c.end
        var p = c.position
        if base[p] == UInt8(ascii: "-") { p += 1 }
        guard p < end, isDigit(base[p]) else {
            throw .json("a '-' must be followed by digits", at: c.position)
        }
        if base[p] == UInt8(ascii: "0") {
            p += 1
            if p < end, isDigit(base[p]) {
                throw .json(
                    "a number with a leading zero (write 7, not 07; a code with zeros is a string)", at: c.position)
            }
        } else {
            while p < end, isDigit(base[p]) { p += 1 }
        }
        if p < end, base[p] == UInt8(ascii: ".") {
            p += 1
            guard p < end, isDigit(base[p]) else {
                throw .json("a digit must follow the decimal point (write 1.0, not 1.)", at: c.position)
            }
            while p < end, isDigit(base[p]) { p += 1 }
        }
        if p < end, base[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            if p < end, base[p] == UInt8(ascii: "+") || base[p] == UInt8(ascii: "-") { p += 1 }
            guard p < end, isDigit(base[p]) else {
                throw .json("an exponent needs digits (write 1e5)", at: c.position)
            }
            while p < end, isDigit(base[p]) { p += 1 }
        }
        c.position = p
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// Scans `true`, `false` or `null` at `c.position`; returns true for `null`.
    @inline(__always)
    static func scanLiteral(_ c: inout JSONCursor) throws(JSONLFailure) -> Bool {
        let p = c.position
        let rest = c.end - p
        let b = c.base
        switch b[p] {
        case UInt8(ascii: "t") where rest >= 4 && b[p + 1] == 0x72 && b[p + 2] == 0x75 && b[p + 3] == 0x65:
            c.position = p + 4
            return false
        case UInt8(ascii: "f")
        where rest >= 5 && b[p + 1] == 0x61 && b[p + 2] == 0x6C && b[p + 3] == 0x73 && b[p + 4] == 0x65:
            c.position = p + 5
            return false
        case UInt8(ascii: "n") where rest >= 4 && b[p + 1] == 0x75 && b[p + 2] == 0x6C && b[p + 3] == 0x6C:
            c.position = p + 4
            return true
        default:
            throw unexpectedValue(c)
        }
    }

    /// Skips any value starting at the cursor (spaces first) held in a container at `depth`
    /// (the dossier object is depth 1). Iterative: nesting costs two bits per level, never stack.
    static func skipValue(_ c: inout JSONCursor, depth: Int) throws(JSONLFailure) {
        // Bit k of `objects` is set when the container opened at level k is an object.
        var objects: (UInt64, UInt64) = (0, 0)
        var level = 0
        while true {
            c.skipSpaces()
            let b = c.peek
            switch b {
            case 0x22:
                _ = try scanString(&c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth + level < maxDepth else {
                    throw .json(
                        "nested deeper than \(maxDepth) levels (tthc reads at most \(maxDepth); a dossier needs 3)",
                        at: c.position)
                }
                let isObject = b == UInt8(ascii: "{")
                let bit: UInt64 = 1 << UInt64(level & 63)
                if level < 64 {
                    objects.0 = isObject ? objects.0 | bit : objects.0 & ~bit
                } else {
                    objects.1 = isObject ? objects.1 | bit : objects.1 & ~bit
                }
                level += 1
                c.position += 1
                c.skipSpaces()
                if c.peek == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    c.position += 1
                    level -= 1
                } else {
                    if isObject { _ = try key(&c) }
                    continue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber(&c)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                _ = try scanLiteral(&c)
            default:
                throw unexpectedValue(c)
            }
            // After a value: close containers, or go on to the next item.
            while true {
                if level == 0 { return }
                let top = level - 1
                let isObject = ((top < 64 ? objects.0 : objects.1) >> UInt64(top & 63)) & 1 == 1
                c.skipSpaces()
                let next = c.peek
                if next == UInt8(ascii: ",") {
                    c.position += 1
                    if isObject { _ = try key(&c) }
                    break
                }
                if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    c.position += 1
                    level -= 1
                    continue
                }
                throw isObject ? afterMember(c) : afterItem(c)
            }
        }
    }

    /// Reads an object key and its ':'; the cursor ends before the value.
    @inline(__always)
    static func key(_ c: inout JSONCursor) throws(JSONLFailure) -> (start: Int, end: Int, escaped: Bool) {
        c.skipSpaces()
        guard c.peek == 0x22 else {
            switch c.peek {
            case UInt8(ascii: "}"):
                throw .json("a comma before '}' (JSON allows no trailing comma: remove it)", at: c.position)
            case UInt8(ascii: "'"): throw .json("a single-quoted key (JSON keys take double quotes)", at: c.position)
            default: throw .json("expected a double-quoted key", at: c.position)
            }
        }
        let span = try scanString(&c)
        c.skipSpaces()
        guard c.peek == UInt8(ascii: ":") else { throw .json("expected ':' after a key", at: c.position) }
        c.position += 1
        return span
    }

    /// What is wrong where a value should start, with the usual cause named.
    static func unexpectedValue(_ c: JSONCursor) -> JSONLFailure {
        guard c.position < c.end else {
            return .json("the line ends where a value should be (an unfinished line?)", at: c.position)
        }
        let b = c.peek
        let detail: String
        switch b {
        case UInt8(ascii: "'"): detail = "a single-quoted string (JSON strings take double quotes)"
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            detail = "NaN and Infinity are not JSON (write null, or a number)"
        case UInt8(ascii: "+"): detail = "a number may not start with '+'"
        case UInt8(ascii: "."): detail = "a number must start with a digit (write 0.5, not .5)"
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            detail = "no value before '\(Character(Unicode.Scalar(b)))' (JSON allows no trailing comma: remove it)"
        case UInt8(ascii: ","): detail = "no value before ',' (an empty item: remove the comma)"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            detail = "unquoted text (strings take double quotes; the literals are true, false and null, lower case)"
        case 0x80...0xFF:
            detail =
                "byte \(hex(b)) outside a string (a byte order mark or a non-ASCII character: between values JSON allows spaces, tabs and line ends only)"
        case 0..<0x20, 0x7F:
            detail = "control character \(hex(b)) outside a string (between values JSON allows spaces and tabs only)"
        default: detail = "unexpected '\(Character(Unicode.Scalar(b)))' where a value should be"
        }
        return .json(detail, at: c.position)
    }

    static func afterMember(_ c: JSONCursor) -> JSONLFailure {
        c.position < c.end
            ? .json("expected ',' or '}' after a value", at: c.position)
            : .json("unterminated object: the line ends before its '}'", at: c.position)
    }

    static func afterItem(_ c: JSONCursor) -> JSONLFailure {
        c.position < c.end
            ? .json("expected ',' or ']' after a list item", at: c.position)
            : .json("unterminated list: the line ends before its ']'", at: c.position)
    }

    private static func hex(_ b: UInt8) -> String { "0x" + hexDigits(b) }

    private static func hexDigits(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    /// A byte for a message: itself when printable ASCII, else its hex value.
    private static func printable(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(Character(Unicode.Scalar(b))) : hex(b)
    }
}

/// A position in one JSONL line: `end` is the line's end (before its line feed).
struct JSONCursor {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int

    /// Skips JSON whitespace inside a line: spaces, tabs, carriage returns.
    @inline(__always)
    mutating func skipSpaces() {
        while position < end {
            let b = base[position]
            guard b == 0x20 || b == 0x09 || b == 0x0D else { return }
            position += 1
        }
    }

    /// The byte at the cursor, 0 at the end (NUL is valid nowhere, so it stops every rule).
    @inline(__always)
    var peek: UInt8 { position < end ? base[position] : 0 }
}

/// Why a JSONL line is not a dossier: the rule, where, and the field when one is involved.
struct JSONLFailure: Error {
    var rule: IngestRule
    var offset: Int
    var field: DossierField?

    static func json(_ detail: String, at offset: Int) -> JSONLFailure {
        JSONLFailure(rule: .malformedJSON(detail), offset: offset, field: nil)
    }
}
