import Foundation
import Ingest
import Testing

/// Files that are not text logs are named, with the fix; the checks of a file's start do not
/// depend on the chunk size; error text holds no control character.
@Suite struct FileSignatureTests {
    let files = TestFiles()
    let header = "MaHoSo,TrangThaiHoSo,NgayTiepNhan\n"

    func firstError(_ bytes: [UInt8], name: String = "f.csv", chunkSize: Int = 1 << 20) -> IngestError? {
        do {
            _ = try scan([files.write(name, bytes: bytes)]) { $0.chunkSize = chunkSize }
        } catch let error as IngestError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    /// A zip archive's first local file header (PKWARE APPNOTE 4.3.7), stored, for `name`.
    func zipEntry(_ name: String) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        return [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            + [UInt8(nameBytes.count), 0, 0, 0] + nameBytes
    }

    @Test func excelWorkbooksAreNamedWithHowToExportCSV() throws {
        let xlsx = zipEntry("[Content_Types].xml") + Array("<Types/>".utf8) + zipEntry("xl/workbook.xml")
        let a = try #require(firstError(xlsx, name: "log.csv"))
        #expect(a.rule == .spreadsheet("an Excel workbook (.xlsx)"))
        #expect(a.description.contains("CSV UTF-8"))
        // OLE2 compound file (Excel 97-2003).
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let b = try #require(firstError(xls, name: "log.xls"))
        guard case .spreadsheet(let kind) = b.rule else {
            Issue.record("\(b.rule)")
            return
        }
        #expect(kind.contains(".xls"))
        #expect(b.description.contains("Save As"))
    }

    @Test func archivesAreNamedWithHowToOpenThem() throws {
        let zip = try #require(firstError(zipEntry("dossiers.csv") + Array("MaHoSo".utf8)))
        #expect(zip.rule == .compressed("a zip archive") && zip.description.contains("unzip"))
        let gzip = try #require(firstError([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3]))
        #expect(gzip.rule == .compressed("a gzip-compressed file") && gzip.description.contains("zcat"))
    }

    /// A NUL byte at byte 40,000 stops the run at the same line whatever the chunk size (the
    /// start is checked over 64 KiB, not over the first read window).
    @Test(arguments: [512, 1000, 4096, 65536, 1 << 20])
    func nulAtByte40000IsBinaryForAnyChunkSize(chunkSize: Int) throws {
        var text = header
        var line = 1
        while text.utf8.count < 40_000 {
            text += "H\(line),2,20260302081500\n"
            line += 1
        }
        var bytes = Array(text.utf8)
        bytes[40_000 - 1] = 0
        let nulLine = 1 + bytes[..<39_999].filter { $0 == 0x0A }.count
        let error = try #require(firstError(bytes, chunkSize: chunkSize))
        #expect(error.rule == .binaryData && error.line == nulLine)
    }

    @Test(arguments: [1, 7, 512, 1 << 20])
    func wholeFileVerdictsDoNotDependOnChunkSize(chunkSize: Int) throws {
        #expect(firstError(Array("  \n\r\n\t\n".utf8), chunkSize: chunkSize)?.rule == .emptyFile)
        #expect(firstError(Array(header.utf8), chunkSize: chunkSize)?.rule == .headerOnly)
        #expect(firstError([0xEF, 0xBB, 0xBF] + Array("\r\n".utf8), chunkSize: chunkSize)?.rule == .emptyFile)
    }

    @Test func errorTextHoldsNoControlCharacters() throws {
        // An escape sequence (clear screen), a carriage return and a bell in a bad timestamp, in
        // a file whose name holds a tab.
        let bytes = Array((header + "H1,2,2026\u{1B}[2J\u{7}\r0302\n").utf8)
        let path = files.write("tab\tname.csv", bytes: bytes)
        var caught: IngestError?
        do { _ = try scan([path]) } catch let error as IngestError { caught = error }
        let error = try #require(caught)
        #expect(error.rule == .unparseableTimestamp)
        let text = error.description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(text.contains("tab\\tname.csv") && text.contains("\\x1B[2J\\x07"))
    }
}
