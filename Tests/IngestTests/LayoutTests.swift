import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The layouts exports come in: any of four delimiters, Vietnamese or other column names, a
/// column mapping, LF, CRLF or CR line ends. Each must read exactly as the plain DVCQG CSV of
/// the same records does, at any chunk size.
@Suite struct LayoutTests {
    let files = TestFiles()
    static let columns = ["MaHoSo", "DonViXuLy", "TrangThaiHoSo", "NgayTiepNhan", "KenhThucHien", "DanhSachHoSoBoSung"]

    /// Seeded records (all in progress, so none needs an end): names with every delimiter,
    /// quotes and line breaks, and supplement lists with `;` and `/`.
    static func rows(seed: UInt64) -> [[String]] {
        var rng = SplitMix(seed: seed)
        let names = ["UBND xã Dân Hòa", "Văn phòng, \"một cửa\"", "Phòng\nKinh tế", "A;B|C\tD", "", "Công an"]
        return (0..<400).map { i in
            let pauses = rng.chance(0.3) ? "20260303081500/20260304100000;20260310090000/" : ""
            let received = String(format: "202603%02d081500", 1 + rng.below(28))
            return [
                "H\(i)", names[rng.below(names.count)], "\([2, 4, 5, 6][rng.below(4)])", received,
                "\(1 + rng.below(3))",
                pauses,
            ]
        }
    }

    /// RFC 4180 text with `delimiter` and `lineEnd`, quoting what must be quoted.
    static func render(_ header: [String], _ rows: [[String]], delimiter: String, lineEnd: String) -> String {
        func field(_ s: String) -> String {
            let special = s.contains("\"") || s.contains("\n") || s.contains("\r") || s.contains(delimiter)
            return special ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        // A line break inside a field: LF, or CR in a CR-only file (which reads it as a LF).
        let inField = lineEnd == "\r" ? "\r" : "\n"
        return ([header] + rows).map { row in
            row.map { field($0.replacingOccurrences(of: "\n", with: inField)) }.joined(separator: delimiter)
        }.joined(separator: lineEnd) + lineEnd
    }

    func read(_ text: String, name: String, _ configure: (inout ScanOptions) -> Void = { _ in }) throws
        -> [CollectingConsumer.Row]
    {
        let path = files.write(name, text)
        var all: [[CollectingConsumer.Row]] = []
        for chunk in [1 << 20, 97, 13] {
            let (rows, _) = try scan([path]) {
                $0.chunkSize = chunk
                $0.piecesPerBatch = 3
                $0.workers = 2
                configure(&$0)
            }
            all.append(rows)
        }
        #expect(all.allSatisfy { $0 == all[0] }, "\(name): chunk sizes disagree")
        return all[0]
    }

    @Test(arguments: [",", ";", "\t", "|"])
    func everyDelimiterReadsTheSameRecords(delimiter: String) throws {
        let rows = Self.rows(seed: 1)
        let plain = Self.render(Self.columns, rows, delimiter: ",", lineEnd: "\n")
        let expected = try read(plain, name: "plain.csv")
        #expect(expected.map(\.id) == ReferenceCSV.records(plain).dropFirst().map { $0[0] })
        let text = Self.render(Self.columns, rows, delimiter: delimiter, lineEnd: "\n")
        // Named .csv whatever the delimiter, as Excel names them; found from the header.
        #expect(try read(text, name: "found.csv") == expected)
        #expect(try read(text, name: "found.tsv") == expected)
        let byte = DelimiterChoice.byte(named: delimiter)!
        #expect(try read(text, name: "given.csv") { $0.delimiter = byte } == expected)
    }

    /// The error reading `text` stops at, nil when it reads.
    func firstError(_ text: String, name: String, _ configure: (inout ScanOptions) -> Void = { _ in }) -> IngestError? {
        do {
            _ = try scan([files.write(name, text)], configure)
            return nil
        } catch {
            return error as? IngestError
        }
    }

    /// The missing column a header error carries, nil for any other error.
    static func missing(_ error: IngestError?) -> MissingColumn? {
        guard case .missingRequiredColumn(let missing)? = error?.rule else { return nil }
        return missing
    }

    @Test func aWrongDelimiterOptionSaysHowTheHeaderWasSplit() throws {
        let text = Self.render(Self.columns, Self.rows(seed: 2), delimiter: ";", lineEnd: "\n")
        let error = firstError(text, name: "semicolons.csv") { $0.delimiter = 0x2C }
        let missing = try #require(Self.missing(error))
        #expect(missing.header == [Self.columns.joined(separator: ";")] && missing.delimiter == 0x2C)
        #expect(error?.description.contains("split at ','") == true)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndReadsTheSameRecords(lineEnd: String) throws {
        let rows = Self.rows(seed: 3)
        let expected = try read(Self.render(Self.columns, rows, delimiter: ",", lineEnd: "\n"), name: "lf.csv")
        let text = Self.render(Self.columns, rows, delimiter: ",", lineEnd: lineEnd)
        #expect(try read(text, name: "ends.csv") == expected)
        #expect(try read("\u{FEFF}" + text, name: "bom.csv") == expected)
    }

    @Test func aCROnlyFileNamesItsLines() throws {
        let text = "MaHoSo,TrangThaiHoSo,NgayTiepNhan\rH1,2,20260302081500\r\"H\r2\",2,20260302081500\rH3,2,bad\r"
        let error = try #require(firstError(text, name: "cr.csv"))
        #expect(error.line == 5 && error.column == 6 && error.field == "NgayTiepNhan")
    }

    /// Vietnamese names with diacritics precomposed (NFC) or combining (NFD), without them, in
    /// capitals with underscores: all read as the DVCQG names.
    @Test func vietnameseHeadersMapToTheDVCQGNames() throws {
        let rows = Self.rows(seed: 4)
        let expected = try read(Self.render(Self.columns, rows, delimiter: ",", lineEnd: "\n"), name: "dvcqg.csv")
        let vietnamese = ["Mã hồ sơ", "Đơn vị xử lý", "Trạng thái", "Ngày tiếp nhận", "Kênh nộp", "Danh sách bổ sung"]
        func stripped(_ s: String) -> String {
            s.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "đ", with: "d")
                .replacingOccurrences(of: "Đ", with: "D")
        }
        let spellings: [[String]] = [
            vietnamese.map { $0.precomposedStringWithCanonicalMapping },
            vietnamese.map { $0.decomposedStringWithCanonicalMapping },
            vietnamese.map(stripped),
            vietnamese.map { stripped($0).uppercased().replacingOccurrences(of: " ", with: "_") },
        ]
        for (i, header) in spellings.enumerated() {
            let text = Self.render(header, rows, delimiter: ";", lineEnd: "\r\n")
            #expect(try read(text, name: "vi\(i).csv") == expected, "\(header)")
        }
    }

    /// Every name of the shipped table reads as its field, also spelled without diacritics, and
    /// no two fields share a name.
    @Test func theAliasTableMapsEachNameToOneField() {
        var seen: [String: DossierField] = [:]
        for (field, names) in HeaderAliases.table {
            for name in [field.name] + names {
                let ascii = name.folding(options: .diacriticInsensitive, locale: nil)
                    .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                #expect(HeaderAliases.field(named: name) == field, "\(name)")
                #expect(HeaderAliases.field(named: " " + ascii.lowercased() + " ") == field, "\(ascii)")
                let key = ascii.lowercased().filter { $0.isLetter || $0.isNumber }
                if let other = seen[key], other != field { Issue.record("\(name): \(field.name) and \(other.name)") }
                seen[key] = field
            }
        }
        #expect(HeaderAliases.field(named: "Ghi chú") == nil)
    }

    /// Guides/Fields.md shows the table as the code has it.
    @Test func theGuideListsTheAliasTable() throws {
        let guide = String(#filePath).replacingOccurrences(
            of: "Tests/IngestTests/LayoutTests.swift", with: "Guides/Fields.md")
        let text = try String(contentsOfFile: guide, encoding: .utf8)
        for (field, names) in HeaderAliases.table {
            let row = "| `\(field.name)` | " + names.map { "`\($0)`" }.joined(separator: ", ") + " |"
            #expect(text.contains(row), "\(row)")
        }
    }

    @Test func theExampleColumnMappingReadsAnotherExport() throws {
        let example = String(#filePath).replacingOccurrences(
            of: "Tests/IngestTests/LayoutTests.swift", with: "Datasets/columns/example.csv")
        let mapping = try ColumnMapping.read(contentsOfFile: example)
        let rows = Self.rows(seed: 5)
        let expected = try read(Self.render(Self.columns, rows, delimiter: ",", lineEnd: "\n"), name: "dvcqg.csv")
        // The example's names for these columns; the last, "Ghi chú", it ignores.
        let header = ["Số biên nhận", "Phòng ban tiếp nhận", "Tình trạng xử lý", "Ngày nhận", "Nộp qua", "Ghi chú"]
        let text = Self.render(header, rows, delimiter: ",", lineEnd: "\n")
        var withoutPauses = expected
        for i in withoutPauses.indices { withoutPauses[i].pauses = [] }
        #expect(try read(text, name: "other.csv") { $0.columnMapping = mapping } == withoutPauses)
        // Without the mapping the header names no dossier id.
        #expect(Self.missing(firstError(text, name: "unmapped.csv"))?.field == .id)
    }

    @Test func aMappingOverridesTheTableAndMayIgnoreAColumn() throws {
        let mapping = try ColumnMapping.read(
            csv: Array("header,field\nTrạng thái,\nTT,TrangThaiHoSo\n".utf8), name: "map.csv")
        let text = "MaHoSo,Trạng thái,TT,NgayTiepNhan\nH1,junk,2,20260302081500\n"
        let (rows, _) = try scan([files.write("map.csv", text)]) { $0.columnMapping = mapping }
        #expect(rows.map(\.id) == ["H1"] && rows.map(\.status) == [2])
    }

    @Test(arguments: [
        ("", 0, 0, "empty column mapping"),
        ("name,target\nA,MaHoSo\n", 1, 1, "expected a header row 'header,field'"),
        ("header,field\nA,MaHoS\n", 2, 3, "unknown field 'MaHoS' (closest: MaHoSo)"),
        ("header,field\nA,MaHoSo\n a ,MaTTHC\n", 3, 2, "'a' is mapped on line 2 already"),
        ("header,field\nA\n", 2, 1, "expected 2 fields (header,field), got 1"),
    ])
    func mappingErrorsNameTheirPlace(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try ColumnMapping.read(csv: Array(text.utf8), name: "map.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line && error.column == column && error.message.hasPrefix(message), "\(error)")
        }
    }

    @Test func aMissingColumnListsTheHeaderAndTheClosestNames() throws {
        let error = try #require(
            firstError("Ma HS;Trang thai hs;Ngay tiep nhan;Ghi chu\nx;2;20260101;\n", name: "miss.csv"))
        #expect(error.field == "TrangThaiHoSo")
        let missing = try #require(Self.missing(error))
        #expect(missing.header == ["Ma HS", "Trang thai hs", "Ngay tiep nhan", "Ghi chu"])
        #expect(missing.delimiter == 0x3B && missing.closest == ["Trang thai hs"])
        #expect(error.description.contains("'Trang thai hs', 'Ngay tiep nhan'"))
        #expect(error.description.contains("--columns FILE"))
    }

    @Test func aFieldNamedTwiceIsAnError() throws {
        let error = try #require(
            firstError("MaHoSo,TrangThaiHoSo,NgayTra,Ngày trả kết quả\nH1,2,,\n", name: "twice.csv"))
        #expect(error.line == 1 && error.column == 30 && error.field == "NgayTra")
        #expect(error.description.contains("columns 3 'NgayTra' and 4 'Ngày trả kết quả' both name NgayTra"))
    }
}
