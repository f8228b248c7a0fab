import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Output
import TestSupport
import Testing
import WorkingTime

/// The parallel engine against a slow, obvious reference that follows the rules line
/// by line, over seeded random logs, for several worker counts and chunk sizes.
@Suite struct EngineDifferentialTests {
    /// Removed with its logs when the test ends.
    let temporary = TemporaryDirectory("tthc-metrics")
    var directory: URL { temporary.url }

    /// The reference: one dictionary per row, classified with plain code.
    static func reference(
        rows: [[String: String]], calendar: WorkCalendar, catalog: ProcedureCatalog?, asOf explicitAsOf: Timestamp?,
        lenient: Bool, groupBy: (([String: String]) -> String?)?
    ) -> (totals: KPICounts, groups: [String?: KPICounts], afterAsOf: Int) {
        let time = ReferenceRow.time
        let pauses = ReferenceRow.pauses
        // Default as-of: the latest event (received, end, returned, pause times) in the log.
        var latest = Timestamp(seconds: Int64.min)
        for row in rows {
            for key in ["NgayTiepNhan", "NgayKetThucXuLy", "NgayTra"] {
                if let t = time(row, key) { latest = max(latest, t) }
            }
            for p in pauses(row) {
                latest = max(latest, p.0)
                if let e = p.1 { latest = max(latest, e) }
            }
        }
        let asOf = explicitAsOf ?? latest
        func paused(_ list: [(Timestamp, Timestamp?)], from: Timestamp, to limit: Timestamp) -> Int64 {
            ReferenceRow.paused(list, from: from, to: limit, calendar: calendar)
        }
        var totals = KPICounts()
        var groups: [String?: KPICounts] = [:]
        var afterAsOf = 0
        for row in rows {
            // Not yet received at the as-of time: left out, counted apart.
            if let received = time(row, "NgayTiepNhan"), received > asOf {
                afterAsOf += 1
                continue
            }
            var c = KPICounts()
            let status = Int(row["TrangThaiHoSo"]!)!
            if status == 1 || status == 3 {
                c.notReceived = 1
            } else {
                c.received = 1
                if row["KenhThucHien"] == "2" { c.online = 1 }
                if row["KenhThucHien"] == "3" { c.postal = 1 }
                let entry = catalog?[row["MaTTHC"] ?? ""]
                let level = row["MucDo"].flatMap { Int($0) } ?? entry?.level
                if level == 4 {
                    c.fullOnlineEligible = 1
                    if row["ToanTrinh"] == "1" { c.fullOnline = 1 }
                }
                let fee = row["CoPhiLePhi"].flatMap { $0.isEmpty ? nil : $0 == "1" } ?? entry?.feeBearing ?? false
                if fee {
                    c.feeBearing = 1
                    if row["DuocThanhToanTrucTuyen"] == "1" || row["DuocThanhToanTrucTuyen"] == "2" { c.paidOnline = 1 }
                }
                if row["HoSoCoThanhPhanSoHoa"] == "1" { c.digitized = 1 }
                if status == 7 {
                    c.withdrawn = 1
                } else {
                    let received = time(row, "NgayTiepNhan")!
                    let end = time(row, "NgayKetThucXuLy") ?? time(row, "NgayTra")
                    var due = time(row, "NgayHenTra")
                    if due == nil, let entry {
                        due = calendar.due(
                            received: received, deadline: entry.deadline, afternoonCutoff: entry.afternoonCutoff)
                    }
                    let list = pauses(row)
                    let manySupplements = !lenient && list.count > 1
                    if let end, end <= asOf {
                        c.finished = 1
                        if row["KetQuaDienTu"] == "1" { c.electronicResult = 1 }
                        if let due {
                            let moved = calendar.advance(due, byWorkingSeconds: paused(list, from: received, to: end))
                            if manySupplements || end > moved {
                                c.late = 1
                                if row["XinLoi"] == "1" { c.lateWithApology = 1 }
                            } else if end.date < moved.date {
                                c.early = 1
                            } else {
                                c.onTime = 1
                            }
                        } else {
                            c.noDue = 1
                        }
                    } else {
                        c.inProgress = 1
                        if let due {
                            let moved = calendar.advance(due, byWorkingSeconds: paused(list, from: received, to: asOf))
                            if manySupplements || asOf > moved {
                                c.inProgressOverdue = 1
                            } else {
                                c.inProgressWithin = 1
                            }
                        } else {
                            c.noDue = 1
                        }
                    }
                }
            }
            totals.merge(c)
            if let groupBy { groups[groupBy(row), default: KPICounts()].merge(c) }
        }
        return (totals, groups, afterAsOf)
    }

    func write(_ text: String, _ name: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    @Test(arguments: [21 as UInt64, 22, 23, 24])
    func engineMatchesReferenceForAnySplit(seed: UInt64) throws {
        let text = RandomDossierLog.make(seed: seed, count: 700)
        let path = write(text, "log\(seed).csv")
        let rows = ReferenceCSV.table(text)
        let catalog = ProcedureCatalog(entries: [
            .init(code: "1.001193", deadline: .workingDays(3), level: 4, feeBearing: true),
            .init(code: "2.000815", deadline: .workingHours(4), feeBearing: false, afternoonCutoff: 15 * 3600),
            .init(code: "1.000894", deadline: .sameDay),
        ])
        let asOfChoices: [Timestamp?] = [nil, TimestampParser.parse("2026-04-01T10:30")]
        // With and without a catalog: the accumulator folds the two on separate paths.
        for (asOf, catalog) in asOfChoices.flatMap({ asOf in [(asOf, catalog), (asOf, nil)] }) {
            for lenient in [false, true] {
                let expected = Self.reference(
                    rows: rows, calendar: WorkCalendar(), catalog: catalog, asOf: asOf, lenient: lenient,
                    groupBy: { $0["DonViXuLy"].flatMap { $0.isEmpty ? nil : $0 } })
                for (workers, chunk) in [(1, 1 << 20), (2, 97), (3, 1000), (2, 4096)] {
                    var options = ReportOptions()
                    options.asOf = asOf
                    options.dimensions = [.agency]
                    options.classifier.catalog = catalog
                    options.classifier.lenientSupplements = lenient
                    options.scan.workers = workers
                    options.scan.chunkSize = chunk
                    options.scan.piecesPerBatch = 4
                    let result = try KPIEngine.run(files: [path], options: options)
                    let context =
                        "seed \(seed) asOf \(String(describing: asOf)) catalog \(catalog != nil) lenient \(lenient) j\(workers) chunk \(chunk)"
                    #expect(result.totals.counts == expected.totals, "\(context)")
                    #expect(result.input.afterAsOf == expected.afterAsOf, "\(context)")
                    if asOf != nil { #expect(expected.afterAsOf > 0, "the log has dossiers received after as-of") }
                    #expect(result.groups.count == expected.groups.count, "\(context)")
                    for group in result.groups {
                        #expect(
                            group.aggregate.counts == expected.groups[group.key.values[0]], "\(context) \(group.key)")
                    }
                }
            }
        }
    }

    @Test func reportIsIdenticalForAnyWorkerCountAndChunkSize() throws {
        let path = write(RandomDossierLog.make(seed: 99, count: 1500), "same.csv")
        var outputs: [ReportResult] = []
        for (workers, chunk) in [(1, 1 << 22), (2, 333), (4, 2048), (3, 77)] {
            var options = ReportOptions()
            options.dimensions = [.month, .agency, .channel]
            options.scan.workers = workers
            options.scan.chunkSize = chunk
            outputs.append(try KPIEngine.run(files: [path], options: options))
        }
        for other in outputs.dropFirst() {
            #expect(other.totals == outputs[0].totals)
            #expect(other.groups == outputs[0].groups)
            #expect(other.input == outputs[0].input)
            #expect(other.asOf == outputs[0].asOf)
        }
    }

    @Test func duplicatesAreCountedAndDedupeLastKeepsTheLaterRecord() throws {
        let text = """
            MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,KenhThucHien
            A,4,20260302080000,20260304170000,,1
            B,9,20260302080000,20260304170000,20260303100000,2
            A,9,20260302080000,20260304170000,20260305100000,2
            C,2,20260302080000,20260304170000,,1
            A,10,20260302080000,20260304170000,20260304100000,2

            """
        let path = write(text, "dupes.csv")
        for workers in [1, 2] {
            var options = ReportOptions()
            options.scan.workers = workers
            options.scan.chunkSize = 16
            let detect = try KPIEngine.run(files: [path], options: options)
            #expect(detect.input.duplicates == 2)
            #expect(detect.totals.counts.received == 5)
            options.scan.dedupe = .last
            let last = try KPIEngine.run(files: [path], options: options)
            #expect(last.input.duplicates == 2 && last.input.replaced == 2 && last.input.records == 5)
            #expect(last.input.accepted == 3)
            #expect(last.totals.counts.received == 3)
            // A's last record: finished on Wed 10:00, due Wed 17:00: on time.
            #expect(last.totals.counts.onTime == 1 && last.totals.counts.early == 1 && last.totals.counts.late == 0)
        }
    }

    @Test func periodSelectionCountsWhatIsLeftOut() throws {
        let path = write(RandomDossierLog.make(seed: 5, count: 400), "period.csv")
        var options = ReportOptions()
        options.receivedFrom = TimestampParser.parse("2026-03-10")
        options.receivedBefore = TimestampParser.parse("2026-04-01")
        let result = try KPIEngine.run(files: [path], options: options)
        let all = try KPIEngine.run(files: [path], options: ReportOptions())
        let inside = result.totals.counts.received + result.totals.counts.notReceived
        #expect(inside + result.outsideSelection == all.input.accepted)
        #expect(result.outsideSelection > 0 && inside > 0)
    }
}
