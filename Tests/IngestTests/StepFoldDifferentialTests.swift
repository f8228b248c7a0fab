import CivilTime
import Foundation
import Ingest
import Records
import TestSupport
import Testing

/// The fold against the obvious answer: random steps of random dossiers, shuffled over files of
/// every encoding, folded with any worker count, chunk size, partition count and memory budget
/// (0 spills every merge), give each dossier's steps sorted by time, file and line, without the
/// dossiers a slow second reading of the contradiction rules rejects.
@Suite struct StepFoldDifferentialTests {
    let files = TestFiles()

    struct Row {
        var id: String
        var time: Int64
        var status: UInt8
        var department: String
        var handler: String
        var file = 0
        var line = 0
    }

    static let departments = ["Một cửa", "Phòng \"Tư pháp\"", "Địa chính, Xây dựng", "Lãnh đạo\nUBND", "", "Kế toán"]

    static func compact(_ seconds: Int64) -> String {
        let t = Timestamp(seconds: seconds)
        let d = t.date
        let s = t.secondOfDay
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d.year)\(two(d.month))\(two(d.day))\(two(s / 3600))\(two(s / 60 % 60))\(two(s % 60))"
    }

    static func csvField(_ text: String, _ separator: Character) -> String {
        text.contains(separator) || text.contains("\"") || text.contains("\n")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// Random rows: a few dossiers' steps, times drawn from a small set so that ties are common.
    static func randomRows(seed: UInt64, dossiers: Int) -> [Row] {
        var rng = SplitMix(seed: seed)
        let base = Timestamp(year: 2026, month: 3, day: 2, hour: 8).seconds
        var rows: [Row] = []
        for i in 0..<dossiers {
            let id = "HS-\(seed)-\(i)"
            let steps = 1 + rng.below(6)
            // Mostly well-formed histories (received, processing, maybe a pause, finished), some random.
            let wellFormed = rng.chance(0.7)
            var t = base + Int64(rng.below(20)) * 3600
            for k in 0..<steps {
                let status: UInt8
                if wellFormed {
                    status = k == 0 ? 2 : (k == steps - 1 && rng.chance(0.6) ? 9 : [4, 5, 4][rng.below(3)])
                    t += Int64(rng.below(3)) * 1800
                } else {
                    status = UInt8(1 + rng.below(10))
                    t = base + Int64(rng.below(6)) * 3600
                }
                rows.append(
                    Row(
                        id: id, time: t, status: status, department: departments[rng.below(departments.count)],
                        handler: "CB\(rng.below(4))"))
            }
        }
        return rows
    }

    /// Writes the rows shuffled over `count` files, CSV, TSV and JSONL in turn; sets each row's file and line.
    func write(_ rows: inout [Row], seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix(seed: seed ^ 0x5EED)
        var order = Array(rows.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        var texts = [String](repeating: "", count: count)
        var lines = [Int](repeating: 1, count: count)
        let kinds = ["csv", "tsv", "jsonl"]
        for f in 0..<count where kinds[f % 3] != "jsonl" {
            let separator = kinds[f % 3] == "csv" ? "," : "\t"
            texts[f] =
                ["MaHoSo", "ThoiDiemXuLy", "TrangThai", "PhongBanXuLy", "NguoiXuLy"].joined(separator: separator) + "\n"
            lines[f] = 2
        }
        for index in order {
            let f = rng.below(count)
            rows[index].file = f
            rows[index].line = lines[f]
            let row = rows[index]
            let text: String
            switch kinds[f % 3] {
            case "jsonl":
                text =
                    "{\"MaHoSo\":\(Self.jsonString(row.id)),\"ThoiDiemXuLy\":\"\(Self.compact(row.time))\","
                    + "\"TrangThai\":\(row.status),\"PhongBanXuLy\":\(Self.jsonString(row.department)),"
                    + "\"NguoiXuLy\":\"\(row.handler)\"}\n"
            default:
                let separator: Character = kinds[f % 3] == "csv" ? "," : "\t"
                text =
                    [
                        Self.csvField(row.id, separator), Self.compact(row.time), String(row.status),
                        Self.csvField(row.department, separator), row.handler,
                    ].joined(separator: String(separator)) + "\n"
            }
            texts[f] += text
            lines[f] += text.filter { $0 == "\n" }.count
        }
        return texts.enumerated().map { f, text in files.write("steps\(seed)-\(f).\(kinds[f % 3])", text) }
    }

    /// The contradiction rules read the slow way, over statuses in time order.
    static func contradicts(_ statuses: [UInt8]) -> Bool {
        let finished: Set<UInt8> = [8, 9, 10]
        guard let received = statuses.firstIndex(of: 2) else { return statuses.contains { $0 >= 4 } }
        if statuses[..<received].contains(where: finished.contains) { return true }
        if let end = statuses.firstIndex(where: finished.contains),
            statuses[(end + 1)...].contains(where: { !finished.contains($0) })
        {
            return true
        }
        return false
    }

    struct Expected: Equatable {
        var id: String
        var steps: [String]
    }

    static func describe(_ row: Row) -> String {
        "\(row.time) \(row.status) \(row.department) \(row.handler) \(row.file):\(row.line)"
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func foldMatchesTheSortedRows(seed: UInt64) throws {
        var rows = Self.randomRows(seed: seed, dossiers: 120)
        let paths = write(&rows, seed: seed, count: 4)
        var byDossier: [String: [Row]] = [:]
        for row in rows { byDossier[row.id, default: []].append(row) }
        var expected: [Expected] = []
        var contradictory = 0
        for id in byDossier.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let sorted = byDossier[id]!.sorted { ($0.time, $0.file, $0.line) < ($1.time, $1.file, $1.line) }
            if Self.contradicts(sorted.map(\.status)) {
                contradictory += 1
                continue
            }
            expected.append(Expected(id: id, steps: sorted.map(Self.describe)))
        }
        #expect(contradictory > 0 && expected.count > 50, "the random histories exercise both")
        for (workers, chunk, partitions, budget, pieces) in [
            (1, 1 << 20, 256, 256 << 20, 32), (2, 7, 1, 0, 3), (3, 100, 7, 0, 8), (2, 333, 64, 4096, 1),
        ] {
            var options = StepLogOptions()
            options.scan.workers = workers
            options.scan.chunkSize = chunk
            options.scan.piecesPerBatch = pieces
            options.scan.skipInvalid = true
            options.partitions = partitions
            options.memoryBudget = budget
            let folded = try StepLog.histories(files: paths, options: options)
            let got = folded.histories.map { history in
                Expected(
                    id: history.id,
                    steps: history.steps.map {
                        "\($0.time.seconds) \($0.status.rawValue) \(folded.names.departments[Int($0.department)]) "
                            + "\(folded.names.handlers[Int($0.handler)]) \($0.file):\($0.line)"
                    })
            }
            let setting = "workers \(workers), chunk \(chunk), partitions \(partitions), budget \(budget)"
            #expect(got == expected, "\(setting)")
            #expect(folded.summary.contradictory == contradictory, "\(setting)")
            #expect(folded.summary.steps == expected.reduce(0) { $0 + $1.steps.count }, "\(setting)")
            #expect((budget <= 4096) == (folded.summary.spilledBytes > 0), "\(setting)")
        }
    }
}
