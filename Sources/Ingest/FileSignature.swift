/// What the first bytes of a file say about it before any is read as a log: a byte-order mark,
/// a spreadsheet or an archive saved under a log's name, UTF-16 without a mark, binary data.
/// Each refusal names the fix.
enum FileSignature {
    /// How much of the start the checks look at: the same for any `--chunk-size`.
    static let headSize = 65536

    /// How to decode a file.
    struct Decoding {
        /// nil: UTF-8, read as is.
        var encoding: TextEncoding?
        /// Bytes of a byte-order mark to skip.
        var byteOrderMark: Int
    }

    /// Reads the signature at the start of `head` (the file's first `headSize` bytes or all of
    /// them). A byte-order mark decides the encoding; without one, `encoding` (nil for UTF-8).
    static func inspect(
        _ head: UnsafeRawBufferPointer, encoding: TextEncoding?, file: String
    ) throws(IngestError) -> Decoding {
        func starts(_ signature: [UInt8]) -> Bool { head.count >= signature.count && head.starts(with: signature) }
        func refuse(_ rule: IngestRule) -> IngestError {
            IngestError(file: file, line: 0, column: 0, field: nil, text: nil, rule: rule)
        }
        if starts([0xEF, 0xBB, 0xBF]) { return Decoding(encoding: nil, byteOrderMark: 3) }
        if starts([0xFF, 0xFE, 0, 0]) { return Decoding(encoding: .utf32LittleEndian, byteOrderMark: 4) }
        if starts([0, 0, 0xFE, 0xFF]) { return Decoding(encoding: .utf32BigEndian, byteOrderMark: 4) }
        if starts([0xFF, 0xFE]) { return Decoding(encoding: .utf16LittleEndian, byteOrderMark: 2) }
        if starts([0xFE, 0xFF]) { return Decoding(encoding: .utf16BigEndian, byteOrderMark: 2) }
        // Zip (PKWARE's APPNOTE: local file header "PK\3\4", or the end record of an empty
        // archive "PK\5\6"); an Office Open XML workbook keeps its sheets under "xl/".
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            if contains(head, "xl/") { throw refuse(.spreadsheet("an Excel workbook (.xlsx)")) }
            if contains(head, "application/vnd.oasis.opendocument.spreadsheet") {
                throw refuse(.spreadsheet("an OpenDocument spreadsheet (.ods)"))
            }
            throw refuse(.compressed("a zip archive"))
        }
        // The OLE2 compound file of Excel 97-2003 (and other old Office files).
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw refuse(.spreadsheet("an Excel 97-2003 workbook (.xls) or another old Office file"))
        }
        // gzip (RFC 1952: ID1 ID2 = 1F 8B).
        if starts([0x1F, 0x8B]) { throw refuse(.compressed("a gzip-compressed file")) }
        if encoding == nil, let bigEndian = utf16WithoutMark(head) {
            throw refuse(.utf16WithoutByteOrderMark(bigEndian: bigEndian))
        }
        return Decoding(encoding: encoding, byteOrderMark: 0)
    }

    /// Whether `head` looks like UTF-16 text without a byte-order mark, and in which byte order:
    /// NUL bytes on one side of most code units (the ASCII of headers, codes and timestamps)
    /// and never on the other.
    private static func utf16WithoutMark(_ head: UnsafeRawBufferPointer) -> Bool? {
        let units = min(head.count, 1024) / 2
        guard units >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for i in 0..<units {
            if head[2 * i] == 0 { evenZeros += 1 }
            if head[2 * i + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 2 >= units && evenZeros == 0 { return false }
        if evenZeros * 2 >= units && oddZeros == 0 { return true }
        return nil
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// Checks the start of the text (the first `headSize` bytes of the window, or all of a
    /// shorter input): a NUL byte is binary data, nothing but spaces and line ends is an empty file.
    static func checkText(_ window: UnsafeRawBufferPointer, atEnd: Bool, file: String) throws(IngestError) {
        let probe = UnsafeRawBufferPointer(rebasing: window.prefix(headSize))
        if let nul = probe.firstIndex(of: 0) {
            let line = 1 + probe[..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw IngestError(file: file, line: line, column: 0, field: nil, text: nil, rule: .binaryData)
        }
        if atEnd && window.count <= headSize
            && !probe.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        {
            throw IngestError(file: file, line: 0, column: 0, field: nil, text: nil, rule: .emptyFile)
        }
    }
}
