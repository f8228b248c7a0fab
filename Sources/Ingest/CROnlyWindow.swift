/// A log whose lines end with CR alone (classic Mac OS exports), read as if they ended with LF:
/// the window's bytes are copied with each CR made a LF, so the parsers, line numbers and
/// rejects see one kind of line end. A CR inside a quoted field becomes a LF too: in such a
/// file it is that field's line break. Only these files pay for the copy.
struct CROnlyWindow: InputWindow {
    private var inner: any InputWindow
    private var buffer: UnsafeMutableRawBufferPointer
    private(set) var bytes = UnsafeRawBufferPointer(start: nil, count: 0)

    init(wrapping inner: any InputWindow) throws {
        self.inner = inner
        buffer = .allocate(byteCount: max(64, inner.bytes.count), alignment: 64)
        translate()
    }

    /// Whether the first line end outside quotes is a CR alone; nil when `bytes` holds no line
    /// end yet (or ends just after a CR, which a LF may follow).
    static func endsLinesWithCR(_ bytes: UnsafeRawBufferPointer, atEnd: Bool) -> Bool? {
        var inQuotes = false
        for i in bytes.indices {
            let b = bytes[i]
            if b == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes && b == 0x0A {
                return false
            } else if !inQuotes && b == 0x0D {
                if i + 1 < bytes.count { return bytes[i + 1] != 0x0A }
                return atEnd ? true : nil
            }
        }
        return atEnd ? false : nil
    }

    var atEnd: Bool { inner.atEnd }
    var offset: Int { inner.offset }

    mutating func slide(to offset: Int) throws {
        try inner.slide(to: offset)
        translate()
    }

    mutating func widen() throws {
        try inner.widen()
        translate()
    }

    mutating func takePagesPassed() -> PassedPages? { inner.takePagesPassed() }

    mutating func close() {
        inner.close()
        buffer.deallocate()
    }

    private mutating func translate() {
        let source = inner.bytes
        if buffer.count < source.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: source.count, alignment: 64)
        }
        for i in 0..<source.count {
            let b = source[i]
            buffer[i] = b == 0x0D ? 0x0A : b
        }
        bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<source.count])
    }
}
