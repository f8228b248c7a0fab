import Foundation
import Records
import TestSupport
import Testing

@testable import Ingest

/// The clean-record fast path must change speed only: on any record, valid or not, parsing
/// with it gives what the general path alone gives (outcome, end, lines, rule, field, offset and
/// every decoded value).
@Suite struct CleanPathDifferentialTests {
    static let header: [DossierField?] = [
        .id, .procedure, nil, .agency, .channel, .status, .received, .due, .processingEnd, .returned, .level,
        .fullOnline, .feeBearing, .paidOnline, .digitized, .electronicResult, .apology, .supplements,
    ]
    /// The export's column order, with every class of `CleanColumnPlan` (two skipped columns, and
    /// the fields with their own decoders last).
    static let exportHeader: [DossierField?] = [
        .id, .procedureName, nil, .owner, .agency, .received, .due, .processingEnd, .returned, .procedure, .field,
        .status, .channel, .level, .fullOnline, .feeBearing, .paidOnline, .digitized, .electronicResult, .apology,
        nil, .refused, .submitted, .supplements,
    ]

    /// Code columns to the header's end: a run of one-digit codes that stops short of the last
    /// column (followed by a line end, not a delimiter).
    static let codesLastHeader: [DossierField?] = [
        .id, .received, .status, .level, .fullOnline, .feeBearing, .paidOnline, .digitized, .electronicResult,
        .apology, .channel,
    ]

    /// A run of eight one-digit codes whose columns are not in the record's order: stored column
    /// by column (no packed word).
    static let unorderedRunHeader: [DossierField?] = [
        .id, .agency, .status, .channel, .level, .digitized, .feeBearing, .paidOnline, .fullOnline,
        .electronicResult, .apology, .received, .due, .processingEnd, .returned,
    ]

    /// Time columns to the header's end (a run of them whose last column is followed by a line
    /// end, not a delimiter), and a single time column between codes.
    static let timesLastHeader: [DossierField?] = [
        .id, .channel, .processingEnd, .status, .agency, .received, .due, .returned,
    ]

    /// Values a column may hold: mostly clean, with every near miss of the clean shapes.
    static func value(for field: DossierField?, oddity: Double, _ rng: inout SplitMix) -> String {
        let odd = [
            "", " ", "\"\"", "\" 1\"", "1 ", " 1", "01", "10", "100", "true", "FALSE", "x", "\"a\"\"b\"", "\"a\nb\"",
            "a\"b", "\r", "\"2\"", "\"q\" ", "2026-03-02T08:15:00", "02/03/2026", "20261301080000", "20260302240000",
            "2026030208150", "202603020815001", "2026030208150x", "\"20260302081500\"", " 20260302081500",
            "0", "3", "5", "8", "9", "11", "2", "20250101000000", "20261231235959",
        ]
        if rng.chance(oddity) { return odd[rng.below(odd.count)] }
        switch field {
        case .received, .due, .processingEnd, .returned:
            // Received in the first half of the year, the rest later: valid records.
            let month = (field == .received ? 1 : 7) + rng.below(6)
            return String(
                format: "2026%02d%02d%02d%02d%02d", month, 1 + rng.below(28), rng.below(24),
                rng.below(60), rng.below(60))
        case .channel: return "\(1 + rng.below(3))"
        case .status: return ["2", "4", "5", "7", "9", "10"][rng.below(6)]
        case .level: return "\(2 + rng.below(3))"
        case .paidOnline: return "\(rng.below(3))"
        case .fullOnline, .feeBearing, .digitized, .electronicResult, .apology: return "\(rng.below(2))"
        case .supplements:
            return rng.chance(0.5) ? "" : "20260302081500/20260305100000;20260310090000/"
        case .refused, .submitted:
            return ["", "", "20260302081500", "2026-03-02 08:15:00", "\"20260302081500\""][rng.below(5)]
        case .procedureName, .owner:
            return ["Đăng ký khai sinh", "\"Chứng thực bản sao, văn bản\"", "Trần Minh Mai", ""][rng.below(4)]
        case .agency:
            return ["UBND xã Dân Hòa", "\"Bộ phận \"\"Một cửa\"\", Hà Nội\"", "\"Phòng, Kinh tế\"", "Công an"][
                rng.below(4)]
        default:
            return ["H\(rng.below(1000))", "1.001193", "000.36.20.H26-260330-00000001"][rng.below(3)]
        }
    }

    /// Text columns between code, time and skipped columns, a text column last: with `variedText`,
    /// values of every length up to 40 bytes end at every offset of a 16-byte block.
    static let textLastHeader: [DossierField?] = [
        .procedure, .field, .id, nil, .received, .status, .procedureName, nil, .owner, .level, .agency,
    ]

    /// A text value of any length up to 40 bytes: letters, spaces (at the ends too), two-byte
    /// letters, the delimiter; quoted when it holds the delimiter or a quote (doubled), or by chance.
    static func variedText(delimiter: String, _ rng: inout SplitMix) -> String {
        let pieces = ["a", "b", "Z", " ", "é", "Đ", delimiter, "\"\"", "1", "."]
        var text = ""
        let length = rng.below(41)
        while text.utf8.count < length { text += pieces[rng.chance(0.7) ? rng.below(3) : rng.below(pieces.count)] }
        let quoted = text.contains(delimiter) || text.contains("\"") || rng.chance(0.2)
        return quoted ? "\"\(text)\"" : text
    }

    static func record(
        _ rng: inout SplitMix, delimiter: String, header: [DossierField?], variedText: Bool = false
    ) -> String {
        // Half the records are clean; the rest hold a few odd values each.
        let oddity = rng.chance(0.5) ? 0 : 0.08
        var cells = header.map { field in
            let text = CleanColumnPlan.kind(of: field ?? .steps) == .text || field == nil
            return variedText && text && !rng.chance(oddity)
                ? Self.variedText(delimiter: delimiter, &rng) : value(for: field, oddity: oddity, &rng)
        }
        if rng.chance(0.03) { cells.removeLast() }
        if rng.chance(0.03) { cells.append("extra") }
        return cells.joined(separator: rng.chance(0.02) ? ";" : delimiter)
            + ["\n", "\r\n", "\r\r\n", "", "\n\n"][rng.chance(0.9) ? rng.below(2) : 2 + rng.below(3)]
    }

    struct Parsed: Equatable {
        var outcome: String
        var values: [String] = []
    }

    /// Whether the clean path alone accepts the record.
    static func takesCleanPath(_ bytes: [UInt8], delimiter: UInt8, header: [DossierField?]) -> Bool {
        var parser = CSVRecordParser(delimiter: delimiter, columnFields: header)
        defer { parser.deallocate() }
        var record = DossierRecord()
        return bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return buffer.count >= parser.cleanRoom
                && parser.parseClean(base, at: 0, limit: buffer.count - parser.cleanRoom, into: &record) != nil
        }
    }

    static func parse(
        _ bytes: [UInt8], atEnd: Bool, parser: inout CSVRecordParser, record: inout DossierRecord
    ) -> Parsed {
        bytes.withUnsafeBytes { buffer in
            let result = parser.parse(buffer, at: 0, atEnd: atEnd, into: &record)
            switch result {
            case .record(let end, let newlines):
                func text(_ b: UnsafeRawBufferPointer) -> String { b.utf8String }
                let values: [String] = [
                    text(record.id), text(record.procedure), text(record.field), text(record.agency),
                    "\(record.channel)", "\(record.status)", "\(String(describing: record.received))",
                    "\(String(describing: record.due))", "\(String(describing: record.processingEnd))",
                    "\(String(describing: record.returned))", "\(record.level)",
                    "\(String(describing: record.fullOnline))", "\(String(describing: record.feeBearing))",
                    "\(String(describing: record.paidOnline))", "\(String(describing: record.digitized))",
                    "\(String(describing: record.electronicResult))", "\(String(describing: record.apology))",
                    "\(record.pauses)", text(record.procedureName), text(record.owner),
                    "\(String(describing: record.refused))", "\(String(describing: record.submitted))",
                ]
                return Parsed(outcome: "record end \(end) lines \(newlines)", values: values)
            case .blank(let end): return Parsed(outcome: "blank \(end)")
            case .incomplete: return Parsed(outcome: "incomplete")
            case .invalid(let end, let newlines, let rule, let field, let offset):
                return Parsed(outcome: "invalid \(end) \(newlines) \(rule) \(String(describing: field)) \(offset)")
            }
        }
    }

    /// Four seeds of CSV, two of TSV (tab-separated, same quoting), two of other delimiters.
    @Test(
        arguments: zip(
            [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64], [0x2C, 0x2C, 0x2C, 0x2C, 0x09, 0x09, 0x3B, 0x7C] as [UInt8]))
    func cleanPathAgreesWithGeneralPath(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.header)
    }

    /// The same on the export's columns, which hold every column class of the clean path's plan.
    @Test(arguments: zip([11, 12, 13, 14] as [UInt64], [0x2C, 0x2C, 0x09, 0x3B] as [UInt8]))
    func cleanPathAgreesWithGeneralPathOnExportColumns(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.exportHeader)
    }

    @Test(arguments: zip([21, 22, 23] as [UInt64], [0x2C, 0x09, 0x7C] as [UInt8]))
    func cleanPathAgreesWithGeneralPathWithCodesLast(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.codesLastHeader)
    }

    @Test(arguments: zip([51, 52, 53] as [UInt64], [0x2C, 0x09, 0x3B] as [UInt8]))
    func cleanPathAgreesWithGeneralPathOnAnUnorderedRun(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.unorderedRunHeader)
    }

    @Test(arguments: zip([41, 42, 43] as [UInt64], [0x2C, 0x09, 0x3B] as [UInt8]))
    func cleanPathAgreesWithGeneralPathWithTimesLast(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.timesLastHeader)
    }

    /// Text values of every length, quoting and end, with a text column last.
    @Test(arguments: zip([31, 32, 33, 34] as [UInt64], [0x2C, 0x2C, 0x09, 0x3B] as [UInt8]))
    func cleanPathAgreesWithGeneralPathOnVariedText(seed: UInt64, delimiter: UInt8) {
        Self.agree(seed: seed, delimiter: delimiter, header: Self.textLastHeader, variedText: true)
    }

    static func agree(seed: UInt64, delimiter: UInt8, header: [DossierField?], variedText: Bool = false) {
        var rng = SplitMix(seed: seed)
        let separator = String(UnicodeScalar(delimiter))
        var cleanRecords = 0  // records the clean path accepted
        // The fast side keeps one parser and one record for the whole sequence, as a piece does,
        // so a value left over from an earlier record would show; the general side starts fresh.
        var fastParser = CSVRecordParser(delimiter: delimiter, columnFields: header)
        var fastRecord = DossierRecord()
        defer { fastParser.deallocate() }
        for _ in 0..<3000 {
            var bytes = Array(Self.record(&rng, delimiter: separator, header: header, variedText: variedText).utf8)
            // Room after the record, as inside a batch, or the end of the input.
            let atEnd = rng.chance(0.2)
            if !atEnd {
                bytes +=
                    Array(Self.record(&rng, delimiter: separator, header: header, variedText: variedText).utf8)
                    + Array(repeating: 0x41, count: 20)
            }
            let fast = Self.parse(bytes, atEnd: atEnd, parser: &fastParser, record: &fastRecord)
            var generalParser = CSVRecordParser(delimiter: delimiter, columnFields: header)
            generalParser.triesCleanPath = false
            var generalRecord = DossierRecord()
            let general = Self.parse(bytes, atEnd: atEnd, parser: &generalParser, record: &generalRecord)
            generalParser.deallocate()
            #expect(fast == general, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if fast != general { return }
            if Self.takesCleanPath(bytes, delimiter: delimiter, header: header) { cleanRecords += 1 }
        }
        // The mix must reach both paths often enough to mean something.
        #expect(cleanRecords > 500 && cleanRecords < 2500, "clean records: \(cleanRecords)")
    }
}
