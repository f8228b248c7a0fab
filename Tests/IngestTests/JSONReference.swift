/// A slow, obvious RFC 8259 validator for the differential tests: recursive descent over an
/// array of bytes, strings checked by the standard library's UTF-8 decoder. It makes the same
/// choices tthc documents where the RFC leaves them open (lone surrogate escapes and nesting past
/// `maxDepth` are errors, numbers of any size are fine).
struct JSONReference {
    static let maxDepth = 128

    /// Whether `text` is one JSON value, whitespace around it allowed.
    static func isValid(_ text: [UInt8], depth: Int = 0) -> Bool {
        var reader = JSONReference(bytes: text)
        reader.space()
        guard reader.value(depth: depth) else { return false }
        reader.space()
        return reader.at == text.count
    }

    let bytes: [UInt8]
    var at = 0

    var next: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func space() {
        while let b = next, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { at += 1 }
    }

    mutating func take(_ b: UInt8) -> Bool {
        guard next == b else { return false }
        at += 1
        return true
    }

    mutating func word(_ w: String) -> Bool {
        let u = Array(w.utf8)
        guard at + u.count <= bytes.count, Array(bytes[at..<(at + u.count)]) == u else { return false }
        at += u.count
        return true
    }

    /// A value inside `depth` open containers.
    mutating func value(depth: Int) -> Bool {
        guard let b = next else { return false }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { return false }
            at += 1
            space()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                space()
                guard string() else { return false }
                space()
                guard take(UInt8(ascii: ":")) else { return false }
                space()
                guard value(depth: depth + 1) else { return false }
                space()
                if take(UInt8(ascii: "}")) { return true }
                guard take(UInt8(ascii: ",")) else { return false }
            }
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { return false }
            at += 1
            space()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                space()
                guard value(depth: depth + 1) else { return false }
                space()
                if take(UInt8(ascii: "]")) { return true }
                guard take(UInt8(ascii: ",")) else { return false }
            }
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        default: return number()
        }
    }

    func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }

    mutating func digits() -> Bool {
        guard isDigit(next) else { return false }
        while isDigit(next) { at += 1 }
        return true
    }

    mutating func number() -> Bool {
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            if isDigit(next) { return false }
        } else if !digits() {
            return false
        }
        if take(UInt8(ascii: ".")) && !digits() { return false }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            if !digits() { return false }
        }
        return true
    }

    mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16),
            bytes[at..<(at + 4)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { return nil }
        at += 4
        return v
    }

    mutating func string() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        var raw: [UInt8] = []
        while let b = next {
            at += 1
            if b == UInt8(ascii: "\"") { return String(validating: raw, as: UTF8.self) != nil }
            if b < 0x20 { return false }
            if b != UInt8(ascii: "\\") {
                raw.append(b)
                continue
            }
            guard let e = next else { return false }
            at += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return false }
                if (0xDC00...0xDFFF).contains(unit) { return false }
                if (0xD800...0xDBFF).contains(unit) {
                    guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(),
                        (0xDC00...0xDFFF).contains(low)
                    else { return false }
                }
            default: return false
            }
        }
        return false
    }
}
