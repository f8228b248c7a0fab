import CivilTime
import Engine
import Foundation
import Ingest
import ProcessExport
import TestSupport
import Testing

/// A seeded step log whose histories are all consistent (received first, nothing after the
/// end), its rows shuffled over the file, and what a slow reading says the export holds.
func randomStepLog(seed: UInt64, dossiers: Int) -> (csv: String, traces: Int, events: Int, requests: Int) {
    var rng = SplitMix(seed: seed)
    var rows: [String] = []
    var events = 0
    var requests = 0
    let departments = ["Bộ phận một cửa", "Phòng \"Địa chính\", <xã>", "Lãnh đạo & văn phòng"]
    let handlers = ["Nguyễn Văn A", "Trần Thị B", "Lê C"]
    func stamp(_ minutes: Int) -> String {
        let t = Timestamp(year: 2026, month: 3, day: 2).adding(seconds: Int64(minutes) * 60)
        var out: [UInt8] = []
        t.appendISO8601WithOffset(to: &out)
        return String(decoding: out.prefix(19), as: UTF8.self)
    }
    for d in 0..<dossiers {
        var minute = rng.below(20_000)
        var statuses = [2]
        for _ in 0..<rng.below(4) { statuses.append(4) }
        if rng.chance(0.3) {
            statuses += [5, 4]
            requests += 1
        }
        if rng.chance(0.7) { statuses.append([9, 10, 8][rng.below(3)]) }
        for status in statuses {
            let hasStart = status == 4 && rng.chance(0.5)
            let start = hasStart ? stamp(minute) : ""
            minute += 1 + rng.below(3000)
            let department = departments[rng.below(departments.count)]
            rows.append(
                "H\(d),1.00\(d % 3),UBND xã A,\(stamp(minute)),\(start),,\(status),\"\(department.replacingOccurrences(of: "\"", with: "\"\""))\",\(handlers[rng.below(3)]),Chuyên viên,bước"
            )
            events += hasStart ? 2 : 1
        }
    }
    // Rows anywhere in the file.
    for i in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(i, rng.below(i + 1)) }
    let header =
        "MaHoSo,MaTTHC,DonViXuLy,ThoiDiemXuLy,NgayBatDau,NgayKetThucTheoQuyDinh,TrangThai,PhongBanXuLy,NguoiXuLy,ChucDanh,NoiDungXuLy"
    return (([header] + rows).joined(separator: "\n") + "\n", dossiers, events, requests)
}

func exportSteps(_ log: String, format: ExportFormat, workers: Int, chunkSize: Int, pseudonyms: Pseudonyms?)
    throws -> ([UInt8], ExportResult)
{
    let options = exportOptions(format: format, workers: workers, chunkSize: chunkSize, pseudonyms: pseudonyms)
    var steps = StepLogOptions()
    steps.partitions = 7
    steps.scan = options.report.scan
    return try exported(log) {
        try ProcessExportEngine.runSteps(files: [$0], options: options, steps: steps, output: $1)
    }
}

@Suite struct StepExportTests {
    @Test(arguments: [UInt64(5), 6])
    func stepCountsMatchAReferenceAndBytesDoNotDependOnPieces(seed: UInt64) throws {
        let log = randomStepLog(seed: seed, dossiers: 150)
        let key = Pseudonyms(keyText: "t")
        for format in ExportFormat.allCases {
            let (whole, result) = try exportSteps(
                log.csv, format: format, workers: 1, chunkSize: 1 << 20, pseudonyms: key)
            #expect(result.counts.traces == log.traces, "seed \(seed) \(format)")
            #expect(result.counts.events == log.events, "seed \(seed) \(format)")
            if format == .ocel { #expect(result.counts.requestObjects == log.requests) }
            let (pieces, _) = try exportSteps(log.csv, format: format, workers: 3, chunkSize: 1500, pseudonyms: key)
            #expect(pieces == whole, "seed \(seed) \(format): the same bytes for -j 3 and small pieces")
            let text = String(decoding: whole, as: UTF8.self)
            #expect(!text.contains("Nguyễn") && text.contains(key.pseudonym(of: "Nguyễn Văn A")))
        }
    }

    @Test func stepTracesReadBackInTimeOrderWithTheirDepartments() throws {
        let log = randomStepLog(seed: 9, dossiers: 80)
        let (bytes, result) = try exportSteps(log.csv, format: .xes, workers: 2, chunkSize: 4096, pseudonyms: nil)
        let xes = try #require(XESReader.read(bytes))
        #expect(xes.traces.count == result.counts.traces)
        #expect(xes.traces.reduce(0) { $0 + $1.events.count } == log.events)
        var groups = Set<String>()
        for trace in xes.traces {
            let times = trace.events.map { $0.attributes["time:timestamp"] ?? "" }
            #expect(times == times.sorted())
            #expect(trace.events.first?.attributes["concept:name"] == "received")
            for event in trace.events { groups.insert(event.attributes["org:group"] ?? "") }
        }
        #expect(groups == ["Bộ phận một cửa", "Phòng \"Địa chính\", <xã>", "Lãnh đạo & văn phòng"])
        // Real names only when asked for.
        #expect(String(decoding: bytes, as: UTF8.self).contains("Trần Thị B"))
    }
}
