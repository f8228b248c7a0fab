import CivilTime
import Foundation
import Testing

@testable import Synthesis

/// The columns of the core CSV, by name.
struct Row {
    let fields: [String: String]
    subscript(_ name: String) -> String { fields[name] ?? "" }
    func time(_ name: String) -> Timestamp? { self[name].isEmpty ? nil : TimestampParser.parse(self[name]) }
}

func parseCSV(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> (header: [String], rows: [Row]) {
    var body = bytes
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
    guard let records = rfc4180Records(body), let header = records.first else {
        Issue.record("not valid RFC 4180", sourceLocation: sourceLocation)
        return ([], [])
    }
    var rows: [Row] = []
    for (n, record) in records.dropFirst().enumerated() {
        #expect(
            record.count == header.count, "record \(n + 1) has \(record.count) fields", sourceLocation: sourceLocation)
        rows.append(Row(fields: Dictionary(uniqueKeysWithValues: zip(header, record))))
    }
    return (header, rows)
}

func options(_ n: Int, seed: UInt64 = 7, format: SynthesisFormat = .csv, workers: Int = 1, blockSize: Int = 500)
    -> SynthesisOptions
{
    SynthesisOptions(dossiers: n, seed: seed, format: format, workers: workers, blockSize: blockSize)
}

@Suite struct DeterminismTests {
    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() {
        let a = DossierLogGenerator.generate(options(2000)).bytes
        let b = DossierLogGenerator.generate(options(2000)).bytes
        let c = DossierLogGenerator.generate(options(2000, seed: 8)).bytes
        #expect(a == b)
        #expect(a != c)
    }

    @Test(arguments: [SynthesisFormat.csv, .jsonl], [2, 3, 5])
    func workerCountDoesNotChangeTheBytes(format: SynthesisFormat, workers: Int) {
        var one = options(3001, format: format, workers: 1, blockSize: 97)
        one.duplicateRate = 0.05
        var many = one
        many.workers = workers
        let reference = DossierLogGenerator.generate(one)
        let parallel = DossierLogGenerator.generate(many)
        #expect(reference.bytes == parallel.bytes, "workers \(workers)")
        #expect(reference.summary == parallel.summary)
        #expect(reference.summary.bytes == reference.bytes.count)
    }

    @Test func aLongerLogStartsWithTheShorterOne() {
        // Blocks are independent: the first blocks do not depend on how many follow.
        let short = DossierLogGenerator.generate(options(1000)).bytes
        let long = DossierLogGenerator.generate(options(2500)).bytes
        #expect(Array(long.prefix(short.count)) == short)
    }
}

@Suite struct CSVShapeTests {
    static let log = parseCSV(DossierLogGenerator.generate(options(8000, seed: 11, blockSize: 2048)).bytes)

    @Test func headerHasTheCoreColumnsInOrder() {
        // The core columns as the README's "Input" section lists them, written out here rather than
        // taken from the encoder, so a change to the encoder's list fails this test.
        let documented = [
            "MaHoSo", "MaTTHC", "MaLinhVuc", "DonViXuLy", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan",
            "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "MucDo", "ToanTrinh", "CoPhiLePhi", "DuocThanhToanTrucTuyen",
            "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi", "DanhSachHoSoBoSung",
        ]
        #expect(Self.log.header == documented)
        let bytes = DossierLogGenerator.generate(options(1)).bytes
        let firstLine = Array(bytes.prefix { $0 != 10 })
        #expect(String(decoding: firstLine, as: UTF8.self) == documented.joined(separator: ","), "no BOM, no quoting")
        #expect(Self.log.rows.count == 8000)
    }

    @Test func everyColumnParses() throws {
        var ids = Set<String>()
        for (n, row) in Self.log.rows.enumerated() {
            let line = "row \(n + 1): \(row.fields)"
            #expect(ids.insert(row["MaHoSo"]).inserted, "\(line): duplicate MaHoSo")
            #expect(row["MaTTHC"].split(separator: ".").count == 2, "\(line)")
            #expect(!row["MaLinhVuc"].isEmpty && !row["DonViXuLy"].isEmpty, "\(line)")
            let status = try #require(Int(row["TrangThaiHoSo"]), "\(line)")
            #expect((1...10).contains(status), "\(line)")
            #expect(["1", "2", "3"].contains(row["KenhThucHien"]), "\(line)")
            #expect(["2", "3", "4"].contains(row["MucDo"]), "\(line)")
            for flag in ["ToanTrinh", "CoPhiLePhi", "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi"] {
                #expect(["0", "1"].contains(row[flag]), "\(line): \(flag)")
            }
            #expect(["0", "1", "2"].contains(row["DuocThanhToanTrucTuyen"]), "\(line)")
            for name in ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"] where !row[name].isEmpty {
                #expect(row[name].utf8.count == 14 && row.time(name) != nil, "\(line): \(name)")
            }
            let received = row.time("NgayTiepNhan")
            let end = row.time("NgayKetThucXuLy") ?? row.time("NgayTra")
            switch status {
            case 1: #expect(received == nil && end == nil, "\(line)")
            case 8, 9, 10: #expect(received != nil && end != nil && end! >= received!, "\(line)")
            case 2, 4, 5, 6, 7: #expect(received != nil && end == nil, "\(line)")
            default: #expect(end == nil, "\(line)")
            }
            if let due = row.time("NgayHenTra"), let received { #expect(due >= received, "\(line)") }
            let pauses = row["DanhSachHoSoBoSung"]
            if status == 5 { #expect(pauses.hasSuffix("/"), "\(line): status 5 waits for a supplement") }
            for pair in pauses.split(separator: ";", omittingEmptySubsequences: false) where !pauses.isEmpty {
                let parts = pair.split(separator: "/", omittingEmptySubsequences: false)
                #expect(parts.count == 2, "\(line)")
                let start = try #require(TimestampParser.parse(String(parts[0])), "\(line)")
                #expect(start >= received!, "\(line)")
                if !parts[1].isEmpty {
                    let back = try #require(TimestampParser.parse(String(parts[1])), "\(line)")
                    #expect(back > start, "\(line)")
                    if let end { #expect(back <= end, "\(line)") }
                }
            }
        }
    }

    @Test func distributionsFollowTheProfile() {
        let rows = Self.log.rows
        let profile = SynthesisProfile()
        let total = profile.statusWeights.reduce(0, +)
        var statusCounts = [Int](repeating: 0, count: 11)
        var channels = [Int](repeating: 0, count: 4)
        for row in rows {
            statusCounts[Int(row["TrangThaiHoSo"])!] += 1
            channels[Int(row["KenhThucHien"])!] += 1
        }
        for status in 1...10 {
            let expected = profile.statusWeights[status - 1] / total
            let share = Double(statusCounts[status]) / Double(rows.count)
            // Finished dossiers that could not end before the export turn into status 4.
            let slack = status == 4 ? 0.02 : 0.006
            #expect(abs(share - expected) < slack + expected * 0.15, "status \(status): \(share) vs \(expected)")
        }
        let online = Double(channels[2]) / Double(rows.count)
        let postal = Double(channels[3]) / Double(rows.count)
        #expect(online > 0.60 && online < 0.72, "online share \(online)")
        #expect(postal > 0.005 && postal < 0.05, "postal share \(postal)")
        let missingDue = rows.filter { $0["NgayHenTra"].isEmpty && !$0["NgayTiepNhan"].isEmpty }.count
        #expect(missingDue > 0)
    }

    @Test func lateDossiersAreAFewPercentAndSomeApologize() {
        // Calendar-date rule against the due moved by the paused working time.
        let calendar = SynthesisOptions(dossiers: 0).calendar
        var finished = 0
        var late = 0
        var apologized = 0
        for row in Self.log.rows where ["8", "9", "10"].contains(row["TrangThaiHoSo"]) {
            guard var due = row.time("NgayHenTra"), let end = row.time("NgayKetThucXuLy") ?? row.time("NgayTra") else {
                continue
            }
            let pairs = row["DanhSachHoSoBoSung"].split(separator: ";")
            var paused: Int64 = 0
            for pair in pairs {
                let parts = pair.split(separator: "/")
                paused += calendar.workingSeconds(
                    from: TimestampParser.parse(String(parts[0]))!, to: TimestampParser.parse(String(parts[1]))!)
            }
            if paused > 0 { due = calendar.advance(due, byWorkingSeconds: paused) }
            finished += 1
            if end > due || pairs.count > 1 {
                late += 1
                if row["XinLoi"] == "1" { apologized += 1 }
            }
        }
        let share = Double(late) / Double(finished)
        #expect(share > 0.02 && share < 0.08, "late share \(share)")
        #expect(apologized > late / 3 && apologized < late, "\(apologized) of \(late) late dossiers apologized")
    }

    @Test func arrivalsInPersonFallInOfficeHoursOfWorkingDays() {
        let calendar = SynthesisOptions(dossiers: 0).calendar
        for row in Self.log.rows where row["KenhThucHien"] == "1" {
            guard let received = row.time("NgayTiepNhan") else { continue }
            #expect(calendar.isWorkingDay(dayNumber: received.dayNumber), "\(row.fields)")
            #expect(calendar.nextWorkingInstant(atOrAfter: received) == received, "\(row.fields)")
        }
    }
}

@Suite struct DuplicateTests {
    @Test(arguments: [0.02, 0.1, 0.3])
    func repeatedIdsMatchTheRateAndTheFinalVersionComesLast(rate: Double) {
        var o = options(5000, seed: 3, blockSize: 1000)
        o.duplicateRate = rate
        let (bytes, summary) = DossierLogGenerator.generate(o)
        let rows = parseCSV(bytes).rows
        #expect(rows.count == 5000)
        var seen: [String: Row] = [:]
        var repeated = 0
        for row in rows {
            if let earlier = seen[row["MaHoSo"]] {
                repeated += 1
                #expect(earlier["TrangThaiHoSo"] == "2", "earlier version is just received")
                #expect(earlier["NgayTiepNhan"] == row["NgayTiepNhan"])
            }
            seen[row["MaHoSo"]] = row
        }
        #expect(repeated == summary.duplicates)
        let share = Double(repeated) / Double(rows.count)
        #expect(abs(share - rate) < rate * 0.2 + 0.005, "repeated share \(share) for rate \(rate)")
    }
}

@Suite struct QuirksTests {
    static let csv = DossierLogGenerator.generate(SynthesisOptions(dossiers: 3000, seed: 2026, quirks: true)).bytes
    static let jsonl = DossierLogGenerator.generate(
        SynthesisOptions(dossiers: 3000, seed: 2026, format: .jsonl, quirks: true)
    ).bytes

    @Test func csvHasBOMCRLFExtraColumnsAndAwkwardQuoting() {
        #expect(Self.csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let (header, rows) = parseCSV(Self.csv)
        #expect(header.contains("TenTTHC") && header.contains("ChuHoSo"))
        #expect(rows.count == 3000)
        // Records end with CRLF; a line break inside a cell is a bare LF, as Excel writes it.
        let crlf = zip(Self.csv, Self.csv.dropFirst()).filter { $0 == 13 && $1 == 10 }.count
        #expect(crlf == rows.count + 1, "every record ends with CRLF")
        #expect(rows.contains { $0["ChuHoSo"].contains("\n") }, "a quoted field holds a newline")
        #expect(rows.contains { $0["ChuHoSo"].contains("\"") }, "a quoted field holds doubled quotes")
        #expect(rows.contains { $0["DonViXuLy"].contains(",") })
    }

    @Test func csvMixesTimestampSpellingsThatAllParse() {
        let rows = parseCSV(Self.csv).rows
        var slashed = 0
        var iso = 0
        for row in rows {
            for name in ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"] where !row[name].isEmpty {
                #expect(row.time(name) != nil, "\(name) '\(row[name])'")
                if row[name].contains("/") { slashed += 1 }
                if row[name].contains("-") { iso += 1 }
            }
        }
        #expect(slashed > 50 && iso > 50, "slashed \(slashed), iso \(iso)")
    }

    @Test func jsonlQuirksWriteStringCodesNullsAndEmptyStrings() {
        let text = String(decoding: Self.jsonl, as: UTF8.self)
        #expect(text.contains("\"TrangThaiHoSo\":\"10\""))
        #expect(text.contains("\"TrangThaiHoSo\":10"))
        #expect(text.contains("\"NgayTra\":null"))
        #expect(text.contains("\"NgayTra\":\"\""))
    }

    @Test func jsonlTwinHasTheSameDossiers() throws {
        let csvRows = parseCSV(Self.csv).rows
        let lines = Self.jsonl.split(separator: 10)
        #expect(lines.count == csvRows.count)
        for (line, row) in zip(lines, csvRows) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(object["MaHoSo"] as? String == row["MaHoSo"])
            #expect(object["ChuHoSo"] as? String == row["ChuHoSo"])
            #expect(object["DonViXuLy"] as? String == row["DonViXuLy"])
            // Quirky payloads write some codes as strings, as DVCQG sync data does.
            let status = (object["TrangThaiHoSo"] as? Int).map(String.init) ?? object["TrangThaiHoSo"] as? String
            #expect(status == row["TrangThaiHoSo"])
            for name in ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"] {
                let value = (object[name] as? String).flatMap { TimestampParser.parse($0) }
                #expect(value == row.time(name), "\(row["MaHoSo"]) \(name)")
            }
            let pauses = (object["DanhSachHoSoBoSung"] as? [[String: Any]]) ?? []
            let text = pauses.map {
                (($0["NgayBoSung"] as? String) ?? "") + "/" + (($0["NgayTiepNhanBoSung"] as? String) ?? "")
            }
            .joined(separator: ";")
            #expect(text == row["DanhSachHoSoBoSung"])
            let fees = (object["DanhSachLePhi"] as? [[String: Int]]) ?? []
            #expect(fees.contains { $0["Gia"]! > 0 } == (row["CoPhiLePhi"] == "1"))
            let documents = (object["TaiLieuNop"] as? [[String: Int]]) ?? []
            #expect(documents.contains { $0["DuocSoHoa"] == 1 } == (row["HoSoCoThanhPhanSoHoa"] == "1"))
        }
    }
}
