import Engine
import Foundation
import Metrics
import Output
import TestSupport
import Testing

/// From a tiny log through the engine to every format: groups come sorted by key, time keys
/// chronologically across a year's end, absent values last, and all three formats agree.
@Suite struct GroupOrderTests {
    let log = #"""
        MaHoSo,DonViXuLy,TrangThaiHoSo,NgayTiepNhan
        1,"Văn phòng, ""một cửa""",2,20260105080000
        2,Công an xã,2,20260106080000
        3,,2,20260107080000
        4,UBND xã Dân Hòa,2,20251230080000
        5,Công an xã,2,20251229080000
        6,Công an xã,2,20260108080000

        """#

    /// Month, agency and dossiers received, in the order the README promises.
    let expected: [(month: String, agency: String?, received: Int)] = [
        ("2025-12", "Công an xã", 1),
        ("2025-12", "UBND xã Dân Hòa", 1),
        ("2026-01", "Công an xã", 2),
        ("2026-01", "Văn phòng, \"một cửa\"", 1),
        ("2026-01", nil, 1),
    ]

    func run() throws -> ReportResult {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-report-\(UUID().uuidString).csv")
        try Data(log.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ReportOptions()
        options.dimensions = [.month, .agency]
        return try KPIEngine.run(files: [url.path], options: options)
    }

    @Test func jsonGroupsAreSortedByKey() throws {
        let text = ReportRenderer.json(try run())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == expected.count)
        for (group, want) in zip(groups, expected) {
            let key = try #require(group["key"] as? [String: Any])
            #expect(key["month"] as? String == want.month)
            if let agency = want.agency {
                #expect(key["agency"] as? String == agency)
            } else {
                #expect(key["agency"] is NSNull)
            }
            #expect(group["received"] as? Int == want.received)
        }
    }

    @Test func csvAndTableListTheGroupsInTheSameOrder() throws {
        let result = try run()
        let rows = ReferenceCSV.table(ReportRenderer.csv(result))
        #expect(rows.count == expected.count + 1)
        for (row, want) in zip(rows, expected) {
            #expect(row["scope"] == "group" && row["month"] == want.month && row["agency"] == (want.agency ?? ""))
            #expect(row["received"] == String(want.received))
        }
        let table = ReportRenderer.table(result, language: .en).split(separator: "\n")
        let header = try #require(table.firstIndex { $0.hasPrefix("Month  ") })
        let lines = table[(header + 1)...]
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            #expect(line.hasPrefix(want.month + "  ") && line.contains(want.agency ?? "(none)"), "\(line)")
        }
    }
}
