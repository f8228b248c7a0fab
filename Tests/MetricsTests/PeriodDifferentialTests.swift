import CivilTime
import Engine
import Foundation
import Metrics
import Output
import Targets
import TestSupport
import Testing
import WorkingTime

/// The period table against a slow, obvious reference that applies the definitions of
/// Guides/PeriodReport.md to every row and every period with plain code, over seeded logs
/// with pauses, missing dues, catalog dues, withdrawals, returns and dossiers open across
/// several periods, for ordered chains and overlapping period lists, any worker count and
/// chunk size.
@Suite struct PeriodDifferentialTests {
    static let agencies = ["UBND xã Dân Hòa", "Văn phòng, \"một cửa\"", "Công an xã", ""]
    static let procedures = ["1.001193", "2.000815", "1.000894", "9.999999", ""]
    static let catalog = ProcedureCatalog(entries: [
        .init(code: "1.001193", deadline: .workingDays(3), level: 4, feeBearing: true),
        .init(code: "2.000815", deadline: .workingHours(4), feeBearing: false, afternoonCutoff: 15 * 3600),
        .init(code: "1.000894", deadline: .sameDay),
    ])

    /// A time `day` days after 2025-11-01 at `minute` past midnight, as `yyyyMMddHHmmss`.
    static func stamp(_ day: Int, _ minute: Int) -> String {
        let t = Timestamp(date: CivilDate(year: 2025, month: 11, day: 1).adding(days: day)).adding(
            seconds: Int64(minute) * 60)
        let d = t.date
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let second = Int(t.seconds - Timestamp(date: d).seconds)
        return "\(d.year)\(two(d.month))\(two(d.day))\(two(second / 3600))\(two(second / 60 % 60))00"
    }

    static func quote(_ text: String) -> String {
        text.contains(",") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static let header =
        "MaHoSo,MaTTHC,DonViXuLy,MaLinhVuc,KenhThucHien,TrangThaiHoSo,NgayNopHoSo,NgayTiepNhan,NgayTuChoi,NgayHenTra,"
        + "NgayKetThucXuLy,NgayTra,MucDo,ToanTrinh,CoPhiLePhi,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,KetQuaDienTu,"
        + "XinLoi,DanhSachHoSoBoSung"

    /// Dossiers received from November 2025 to August 2026, some open for months.
    static func log(seed: UInt64, count: Int) -> String {
        var rng = SplitMix(seed: seed)
        var out = header + "\n"
        for i in 0..<count {
            let status = [1, 2, 3, 3, 4, 5, 6, 7, 7, 8, 9, 9, 10, 10][rng.below(14)]
            let day = rng.below(300)
            let minute = 7 * 60 + rng.below(11 * 60)
            var submitted = ""
            var received = stamp(day, minute)
            var refused = ""
            if status == 1 {
                received = ""
                if rng.chance(0.5) { submitted = stamp(day, minute) }
            }
            if status == 3 {
                // Every way a refusal can be dated, and none.
                switch rng.below(5) {
                case 0: (received, refused) = ("", stamp(day + rng.below(3), minute))
                case 1: refused = stamp(day + rng.below(20), minute)
                case 2: break
                case 3: (received, submitted) = ("", stamp(day, minute))
                default: received = ""
                }
            }
            let receivedAt = received.isEmpty ? nil : (day, minute)
            var due = ""
            if let r = receivedAt, rng.chance(0.75) { due = stamp(r.0 + 1 + rng.below(25), 8 * 60 + rng.below(9 * 60)) }
            var end = ""
            var returnedTime = ""
            let lengthDays = rng.chance(0.2) ? 20 + rng.below(90) : rng.below(15)
            if let r = receivedAt,
                [8, 9, 10].contains(status) || (status == 7 && rng.chance(0.5))
                    || ([2, 4, 5, 6].contains(status) && rng.chance(0.1))
            {
                let e = stamp(r.0 + lengthDays, 7 * 60 + rng.below(11 * 60))
                let endDay = r.0 + lengthDays
                // The end is never before the receipt: same day, a later minute.
                let safe = endDay == r.0 ? stamp(r.0, r.1 + 1 + rng.below(60)) : e
                if rng.chance(0.7) { end = safe } else { returnedTime = safe }
                if !end.isEmpty && rng.chance(0.3) { returnedTime = stamp(endDay + 2, 9 * 60) }
            }
            var pauses: [String] = []
            if let r = receivedAt, rng.chance(0.25) {
                let n = 1 + rng.below(3)
                for k in 0..<n {
                    let start = stamp(r.0 + 1 + 3 * k, 9 * 60 + rng.below(400))
                    let open = k == n - 1 && rng.chance(0.4)
                    pauses.append(
                        start + "/" + (open ? "" : stamp(r.0 + 2 + 3 * k + rng.below(2), 8 * 60 + rng.below(500))))
                }
            }
            func flag(_ p: Double) -> String { rng.chance(0.1) ? "" : (rng.chance(p) ? "1" : "0") }
            var cells = [
                "HS\(i)", procedures[rng.below(procedures.count)], quote(agencies[rng.below(agencies.count)]),
                "LV\(rng.below(3))", rng.chance(0.05) ? "" : "\(1 + rng.below(3))", "\(status)", submitted, received,
                refused, due, end, returnedTime, rng.chance(0.2) ? "" : "\(2 + rng.below(3))",
            ]
            cells += [flag(0.4), flag(0.6), rng.chance(0.1) ? "" : "\(rng.below(3))", flag(0.5), flag(0.5), flag(0.5)]
            cells.append(pauses.joined(separator: ";"))
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The reference: for each period and row, the definitions applied one by one.
    static func reference(rows: [[String: String]], periods: [ReportingPeriod], calendar: WorkCalendar)
        -> [[String?: [String: Int]]]
    {
        let time = ReferenceRow.time
        let pauses = ReferenceRow.pauses
        func paused(_ list: [(Timestamp, Timestamp?)], from: Timestamp, to limit: Timestamp) -> Int64 {
            ReferenceRow.paused(list, from: from, to: limit, calendar: calendar)
        }
        /// The due moved by the pauses up to `limit`, nil without a due.
        func movedDue(_ row: [String: String], received: Timestamp, limit: Timestamp) -> Timestamp? {
            var due = time(row, "NgayHenTra")
            if due == nil, let entry = catalog[row["MaTTHC"] ?? ""] {
                due = calendar.due(received: received, deadline: entry.deadline, afternoonCutoff: entry.afternoonCutoff)
            }
            guard let due else { return nil }
            let p = paused(pauses(row), from: received, to: limit)
            return p > 0 ? calendar.advance(due, byWorkingSeconds: p) : due
        }
        var result: [[String?: [String: Int]]] = []
        for period in periods {
            let start = period.start
            let end = period.end
            let last = end.adding(seconds: -1)
            var table: [String?: [String: Int]] = [:]
            for row in rows {
                let unit = row["DonViXuLy"].flatMap { $0.isEmpty ? nil : $0 }
                var c: [String: Int] = [:]
                let status = Int(row["TrangThaiHoSo"]!)!
                if status == 1 { continue }
                if status == 3 {
                    let refused = time(row, "NgayTuChoi")
                    guard let t = refused ?? time(row, "NgayTiepNhan") ?? time(row, "NgayNopHoSo"), t >= start, t < end
                    else { continue }
                    c["returned"] = 1
                    if refused == nil { c["returned_fallback"] = 1 }
                    table[unit, default: [:]].merge(c, uniquingKeysWith: +)
                    continue
                }
                let received = time(row, "NgayTiepNhan")!
                let finish = time(row, "NgayKetThucXuLy") ?? time(row, "NgayTra")
                let leaves: Timestamp? = status == 7 ? (finish ?? received) : finish
                if received >= end { continue }
                if let leaves, leaves < start { continue }
                if received < start {
                    c["carried_over"] = 1
                } else {
                    c["received"] = 1
                    let channel = row["KenhThucHien"] ?? ""
                    if channel == "2" {
                        c["received_online"] = 1
                    } else if channel == "3" {
                        c["received_postal"] = 1
                    } else {
                        c["received_in_person"] = 1
                    }
                    let entry = catalog[row["MaTTHC"] ?? ""]
                    if (row["MucDo"].flatMap { Int($0) } ?? entry?.level) == 4 {
                        c["full_online_eligible"] = 1
                        if row["ToanTrinh"] == "1" { c["full_online"] = 1 }
                    }
                    let fee = row["CoPhiLePhi"].flatMap { $0.isEmpty ? nil : $0 == "1" } ?? entry?.feeBearing ?? false
                    if fee {
                        c["fee_bearing"] = 1
                        if row["DuocThanhToanTrucTuyen"] == "1" || row["DuocThanhToanTrucTuyen"] == "2" {
                            c["paid_online"] = 1
                        }
                    }
                    if row["HoSoCoThanhPhanSoHoa"] == "1" { c["digitized"] = 1 }
                }
                let manyRequests = pauses(row).count > 1
                if let leaves, leaves < end {
                    if status == 7 {
                        c["withdrawn"] = 1
                        if finish == nil { c["withdrawn_fallback"] = 1 }
                    } else {
                        c["finished"] = 1
                        if row["KetQuaDienTu"] == "1" { c["e_result"] = 1 }
                        if let due = movedDue(row, received: received, limit: leaves) {
                            if manyRequests || leaves > due {
                                c["finished_late"] = 1
                                c[row["XinLoi"] == "1" ? "late_with_apology" : "late_without_apology"] = 1
                            } else if leaves.date < due.date {
                                c["finished_early"] = 1
                            } else {
                                c["finished_on_time"] = 1
                            }
                        } else {
                            c["finished_no_due"] = 1
                        }
                    }
                } else {
                    c["in_progress"] = 1
                    c["closing_backlog"] = 1
                    if let due = movedDue(row, received: received, limit: last) {
                        c[manyRequests || last > due ? "in_progress_overdue" : "in_progress_not_yet_due"] = 1
                    } else {
                        c["in_progress_no_due"] = 1
                    }
                }
                c["total_to_handle"] = 1
                table[unit, default: [:]].merge(c, uniquingKeysWith: +)
            }
            result.append(table)
        }
        return result
    }

    /// The engine's row as the reference's dictionary: the table's columns and the rest.
    static func values(_ figures: PeriodFigures) -> [String: Int] {
        var values: [String: Int] = [:]
        for column in PeriodColumns.counts { values[column.key] = column.value(figures) }
        let counts = figures.counts
        values["full_online_eligible"] = counts.fullOnlineEligible
        values["full_online"] = counts.fullOnline
        values["fee_bearing"] = counts.feeBearing
        values["paid_online"] = counts.paidOnline
        values["digitized"] = counts.digitized
        values["e_result"] = counts.electronicResult
        values["withdrawn_fallback"] = figures.withdrawnPlacedByReceived
        values["returned_fallback"] = figures.returnedPlacedByFallback
        return values.filter { $0.value != 0 }
    }

    static let periodSets: [(name: String, periods: [ReportingPeriod])] = [
        ("months", try! ReportingPeriod.chain("2025-12..2026-08")),
        ("quarters", try! ReportingPeriod.chain("2026-q1..2026-q4")),
        (
            "overlapping",
            ["2026-h1", "2026-q1", "2026-03", "2026-01-10..2026-02-20", "2025-11-01"].map {
                try! ReportingPeriod.parse($0)
            }
        ),
    ]

    @Test(arguments: [31 as UInt64, 32, 33])
    func engineMatchesTheReference(seed: UInt64) throws {
        let text = Self.log(seed: seed, count: 900)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-period-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = ReferenceCSV.table(text)
        for (name, periods) in Self.periodSets {
            let expected = Self.reference(rows: rows, periods: periods, calendar: WorkCalendar())
            for (workers, chunk) in [(1, 1 << 20), (2, 333), (3, 64)] {
                var options = PeriodOptions()
                options.periods = periods
                options.dimensions = [.agency]
                options.classifier.catalog = Self.catalog
                options.scan.workers = workers
                options.scan.chunkSize = chunk
                options.scan.piecesPerBatch = 4
                let report = try PeriodEngine.run(files: [url.path], options: options)
                let context = "seed \(seed) \(name) -j \(workers) chunk \(chunk)"
                #expect(report.balanceHolds, "\(context)")
                for (p, period) in periods.enumerated() {
                    var engineRows: [String?: [String: Int]] = [:]
                    for row in report.breakdowns[0].rows where row.figures[p] != PeriodFigures() {
                        engineRows[row.key] = Self.values(row.figures[p])
                    }
                    #expect(engineRows == expected[p].mapValues { $0.filter { $0.value != 0 } }, "\(context) \(period)")
                    let total = expected[p].values.reduce(into: [String: Int]()) { $0.merge($1, uniquingKeysWith: +) }
                    #expect(
                        Self.values(report.totals[p]) == total.filter { $0.value != 0 }, "\(context) \(period) total")
                }
            }
        }
    }

    @Test func theLogHoldsWhatTheTestNeeds() {
        // Every case the definitions name occurs, so the comparison above exercises each one.
        let rows = ReferenceCSV.table(Self.log(seed: 31, count: 900))
        let months = Self.periodSets[0].periods
        let expected = Self.reference(rows: rows, periods: months, calendar: WorkCalendar())
        var seen: [String: Int] = [:]
        for table in expected { for row in table.values { seen.merge(row, uniquingKeysWith: +) } }
        for key in [
            "carried_over", "received_online", "received_in_person", "received_postal", "finished_early",
            "finished_on_time", "late_with_apology", "late_without_apology", "finished_no_due",
            "in_progress_not_yet_due", "in_progress_overdue", "in_progress_no_due", "withdrawn", "withdrawn_fallback",
            "returned", "returned_fallback",
        ] {
            #expect((seen[key] ?? 0) >= 3, "\(key): \(seen[key] ?? 0)")
        }
        // Some dossiers are open over three or more month ends.
        let spanning = rows.filter { row in
            guard let r = row["NgayTiepNhan"], !r.isEmpty, let e = row["NgayKetThucXuLy"], !e.isEmpty else {
                return false
            }
            return TimestampParser.parse(e)!.seconds - TimestampParser.parse(r)!.seconds > 70 * 86_400
        }
        #expect(spanning.count >= 10)
    }

    @Test func chainedPeriodsEqualSeparateRuns() throws {
        let text = Self.log(seed: 40, count: 700)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-period-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = PeriodOptions()
        options.dimensions = [.field]
        options.periods = Self.periodSets[1].periods
        let chained = try PeriodEngine.run(files: [url.path], options: options)
        #expect(chained.links.count == 3 && chained.links.allSatisfy(\.holds))
        for (p, period) in options.periods.enumerated() {
            var single = options
            single.periods = [period]
            let alone = try PeriodEngine.run(files: [url.path], options: single)
            #expect(alone.totals[0] == chained.totals[p], "\(period)")
            let rows = chained.breakdowns[0].rows.filter { $0.figures[p] != PeriodFigures() }
            #expect(rows.map(\.key) == alone.breakdowns[0].rows.map(\.key), "\(period)")
            #expect(rows.map { $0.figures[p] } == alone.breakdowns[0].rows.map { $0.figures[0] }, "\(period)")
        }
    }

    /// Unit names meet in NFC, as the report's groups do: the same log with about half its lines
    /// decomposed (NFD) gives the same rows, keyed by the precomposed name.
    @Test func decomposedUnitNamesAreOneRow() throws {
        let text = Self.log(seed: 41, count: 600)
        var random = SplitMix(seed: 41)
        let mixed = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            random.chance(0.5) ? String($0).decomposedStringWithCanonicalMapping : String($0)
        }.joined(separator: "\n")
        #expect(Array(mixed.utf8) != Array(text.utf8), "the test needs decomposed text")
        var reports: [PeriodReport] = []
        for (name, content) in [("nfc", text), ("mixed", mixed)] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tthc-period-\(name)-\(UUID().uuidString).csv")
            try Data(content.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            var options = PeriodOptions()
            options.periods = Self.periodSets[1].periods
            options.dimensions = [.agency]
            options.scan.workers = 2
            options.scan.chunkSize = 512
            reports.append(try PeriodEngine.run(files: [url.path], options: options))
        }
        let keys = { (r: PeriodReport) in r.breakdowns[0].rows.map { $0.key.map { Array($0.utf8) } } }
        #expect(keys(reports[1]) == keys(reports[0]), "byte for byte: NFC keys")
        #expect(reports[1].breakdowns[0].rows.map(\.figures) == reports[0].breakdowns[0].rows.map(\.figures))
        #expect(reports[1].totals == reports[0].totals)
    }
}
