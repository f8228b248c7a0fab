import Records
import Testing

@testable import Ingest

#if canImport(Glibc)
    import Glibc
#endif

/// The clean path reads ahead of the position it checks; near the end of a buffer it must never
/// read past it. Each record here ends on the last byte before an inaccessible page, so a read
/// past the buffer crashes the test run.
@Suite struct CleanPathBoundsTests {
    static let header: [DossierField?] = [.id, .status, .received, .agency]

    /// Parses `text` placed so that it ends where readable memory ends.
    static func parseAtPageEnd(_ text: String, atEnd: Bool) -> RecordParse {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let bytes = Array(text.utf8)
        let memory = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        defer { munmap(memory, 2 * page) }
        mprotect(memory + page, page, PROT_NONE)
        let start = memory + page - bytes.count
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        var parser = CSVRecordParser(delimiter: 0x2C, columnFields: header)
        defer { parser.deallocate() }
        var record = DossierRecord()
        return parser.parse(
            UnsafeRawBufferPointer(start: start, count: bytes.count), at: 0, atEnd: atEnd, into: &record)
    }

    /// Values of every length mod 16, so some value's end (a closing quote, a delimiter, the last
    /// digit) falls on the last byte that a 16-byte load can reach.
    static let quotedEndings: [String] = (0..<20).flatMap { k in
        let filler = String(repeating: "x", count: k)
        return [
            "H1,10,20260302081500,\"\(filler)\"", "H1,10,20260302081500,\"\(filler)\"\r",
            "H1,10,20260302081500,\"\(filler)\"\"\"", "H1,10,20260302081500,\(filler)",
            "H1,10,20260302081500,\(filler)\r", "\(filler)H,10,20260302081500,", "\(filler)H,1,20260302081500",
        ]
    }

    @Test(
        arguments: quotedEndings + [
            "H1,10,20260302081500,\"Phòng, Kinh tế\"",
            "H1,10,20260302081500,\"Phòng \"\"Một cửa\"\"\"",
            "H1,10,20260302081500,\"Phòng\"\r",
            "H1,10,20260302081500,\"Phòng\"\n",
            "H1,10,20260302081500,\"Phòng\"\r\n",
            "H1,10,20260302081500,UBND xã\r",
            "H1,10,20260302081500,UBND xã",
            "H1,10,20260302081500,",
            "H1,10,20260302081500",
            "H1,1",
            "H1,10,2026030208150",
            "H1,10,20260302081500,\"",
        ])
    func recordsEndingAtTheBufferEnd(text: String) {
        for atEnd in [false, true] {
            let result = Self.parseAtPageEnd(text, atEnd: atEnd)
            // Reaching here means nothing was read past the buffer; the outcome must also be
            // what the general path gives for the same bytes.
            var general = CSVRecordParser(delimiter: 0x2C, columnFields: Self.header)
            general.triesCleanPath = false
            defer { general.deallocate() }
            var record = DossierRecord()
            let expected = Array(text.utf8).withUnsafeBytes {
                general.parse($0, at: 0, atEnd: atEnd, into: &record)
            }
            #expect("\(result)" == "\(expected)", "\(text.debugDescription) atEnd \(atEnd)")
        }
    }
}
