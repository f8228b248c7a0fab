import Foundation
import TTHCCLI
import TestSupport
import Testing

/// `--format csv` of check, today, score and audit read back with the reference reader and held
/// to the same command's JSON; `--excel` and `csv-excel` on report.
@Suite struct CSVOutputTests {
    static let root = String(#filePath).replacingOccurrences(of: "Tests/CLITests/CSVOutputTests.swift", with: "")
    static let sample = root + "Datasets/sample/dossiers.csv"
    static let catalog = root + "Datasets/catalog/commune-procedures.csv"

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let code = TTHCTool.run(args, console: captured.console)
        return (code, captured.stdout, captured.stderr)
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let out = run(args + ["--format", "json"]).out
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    static func csv(_ args: [String]) -> [[String: String]] {
        ReferenceCSV.table(run(args + ["--format", "csv"]).out)
    }

    /// A JSON number as the CSV writes it: integers as integers.
    static func text(_ value: Any?) -> String {
        guard let n = value as? NSNumber else { return "" }
        return n.doubleValue == n.doubleValue.rounded() ? String(n.intValue) : "\(n)"
    }

    @Test func checkRowsEqualTheJSONTargets() throws {
        let args = ["check", Self.sample, "--profile", "hanoi-commune-2026"]
        let targets = try #require(try Self.json(args)["targets"] as? [[String: Any]])
        let rows = Self.csv(args)
        let totals = rows.filter { $0["scope"] == "total" }
        #expect(totals.count == targets.count)
        for (row, target) in zip(totals, targets) {
            #expect(row["target"] == target["target"] as? String)
            #expect(row["status"] == target["status"] as? String)
            if let d = target["denominator"] as? Int {
                #expect(row["numerator"] == Self.text(target["numerator"]))
                #expect(row["denominator"] == String(d))
                // The rate by the one rule, four decimals, from the fraction the JSON gives.
                let n = target["numerator"] as! Int
                #expect(
                    row["value"]
                        == (d == 0
                            ? "" : String(format: "%.4f", (Double(n) * 100 / Double(d) * 1e4).rounded(.down) / 1e4)))
            } else {
                #expect(row["value"] == Self.text(target["value"]))
            }
            #expect(row["gap"] == ((target["gap"] as? String) ?? Self.text(target["gap"])))
        }
        let contributors = targets.flatMap { t -> [[String: Any]] in
            ((t["contributors"] as? [String: [[String: Any]]]) ?? [:]).values.flatMap { $0 }
        }
        #expect(rows.filter { $0["scope"] == "contributor" }.count == contributors.count)
        #expect(!contributors.isEmpty)
    }

    @Test func todayRowsEqualTheJSONLists() throws {
        let args = ["today", Self.sample, "--as-of", "2026-03-31T08:00", "--limit", "0"]
        let object = try Self.json(args)
        let rows = Self.csv(args)
        var listed = 0
        for (list, key) in [
            ("due_soon", "working_time_left"), ("overdue", "overdue_by"), ("late_without_apology", "late_by"),
        ] {
            let items = try #require((object[list] as? [String: Any])?["items"] as? [[String: Any]])
            listed += items.count
            let listRows = rows.filter { $0["list"] == list }
            #expect(listRows.count == items.count)
            for (row, item) in zip(listRows, items) {
                #expect(row["id"] == item["id"] as? String)
                #expect(row["agency"] == item["agency"] as? String)
                #expect(row["procedure_name"] == item["procedure_name"] as? String && row["procedure_name"] != "")
                #expect(row["due"] == item["due"] as? String)
                #expect(row["working_seconds"] == Self.text(item[key + "_working_seconds"]))
                #expect(row["working_time"] == item[key] as? String)
                #expect(row["apology"] == ((item["apology"] as? Bool) == true ? "1" : "0"))
            }
        }
        #expect(rows.count == listed && listed > 0)
    }

    @Test func scoreRowsEqualTheJSONIndicators() throws {
        let args = ["score", Self.sample]
        let object = try Self.json(args)
        let rows = Self.csv(args)
        let total = try #require(object["total"] as? [String: Any])
        let groups = try #require(total["groups"] as? [[String: Any]])
        for group in groups {
            let name = group["group"] as! String
            for indicator in group["indicators"] as! [[String: Any]] {
                let row = try #require(
                    rows.first {
                        $0["scope"] == "total" && $0["group"] == name && $0["indicator"] == indicator["kpi"] as? String
                    })
                #expect(row["numerator"] == Self.text(indicator["numerator"]))
                #expect(row["denominator"] == Self.text(indicator["denominator"]))
                #expect(Double(row["points"]!) == (indicator["points"] as? NSNumber)?.doubleValue)
            }
        }
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(Set(rows.filter { $0["scope"] == "unit" }.map { $0["key"]! }).count == units.count)
    }

    @Test func auditRowsEqualTheJSONGroups() throws {
        let args = ["audit", Self.sample, "--catalog", Self.catalog]
        let object = try Self.json(args)
        let rows = Self.csv(args)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(rows.count == groups.count + 1)
        for (row, group) in zip(rows, groups) {
            #expect(row["unit"] == group["unit"] as? String && row["procedure"] == group["procedure"] as? String)
            for key in ["checked", "later", "earlier", "max_later_working_minutes"] {
                #expect(row[key] == Self.text(group[key]), "\(key)")
            }
        }
        let total = try #require(rows.last)
        #expect(total["scope"] == "total" && total["checked"] == Self.text(object["checked"]))
        #expect(total["later"] == Self.text(object["later"]) && total["matching"] == Self.text(object["matching"]))
    }

    @Test func excelCSVIsTheSameTableInExcelsStyle() {
        let plain = Self.run(["report", Self.sample, "--by", "agency", "--format", "csv"]).out
        let excel = Self.run(["report", Self.sample, "--by", "agency", "--excel", "--lang", "en"]).out
        let excelVi = Self.run(["report", Self.sample, "--by", "agency", "--format", "csv-excel", "--lang", "vi"]).out
        #expect(!plain.hasPrefix("\u{FEFF}"))
        #expect(excel == "\u{FEFF}" + plain)
        let a = ReferenceCSV.records(plain)
        let b = ReferenceCSV.records(String(excelVi.dropFirst()), separator: ";")
        #expect(excelVi.hasPrefix("\u{FEFF}"))
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            #expect(
                x.map { $0.replacingOccurrences(of: ".", with: ",") }
                    == y.map { $0.replacingOccurrences(of: ".", with: ",") })
        }
        // Numbers take the decimal comma; text keeps its points.
        #expect(b.last?.contains("95,2644") == true)
        #expect(Self.run(["report", Self.sample, "--excel", "--format", "json"]).code == 2)
    }
}
