import CivilTime
import Engine
import Foundation
import Ingest
import Metrics
import Records
import Synthesis
import TestSupport
import Testing

/// `report --steps` against the report of the matching dossier table: the generator writes both
/// logs of the same dossiers, so the steps' received, pauses, end and status are the table's,
/// and every KPI must come out the same, whichever way the steps arrive.
@Suite struct StepReportTests {
    let temporary = TemporaryDirectory("tthc-steps")

    /// The dossier log and its step log, written by the generator.
    func logs(seed: UInt64, dossiers: Int = 1500, quirks: Bool = false, format: SynthesisFormat = .csv) -> (
        dossiers: String, steps: String
    ) {
        let options = SynthesisOptions(dossiers: dossiers, seed: seed, format: format, quirks: quirks, workers: 2)
        let table = temporary.write(
            "d\(seed)\(quirks)." + format.rawValue, bytes: DossierLogGenerator.generate(options).bytes)
        let steps = temporary.write("s\(seed)\(quirks).csv", bytes: StepLogGenerator.generate(options).bytes)
        return (table, steps)
    }

    static func options(by dimensions: [GroupDimension] = []) -> ReportOptions {
        var options = ReportOptions()
        options.dimensions = dimensions
        options.scan.workers = 2
        return options
    }

    /// The step log's latest `ThoiDiemXuLy`, read as text (the yyyyMMddHHmmss spelling sorts as
    /// time): the steps' default as-of time, which may be after the table's latest event (a
    /// hand-over of a dossier in progress is no event of the table).
    func latestStep(_ steps: String) throws -> Timestamp {
        let rows = ReferenceCSV.records(try String(contentsOfFile: steps, encoding: .utf8))
        let column = rows[0].firstIndex(of: "ThoiDiemXuLy")!
        return TimestampParser.parse(rows.dropFirst().map { $0[column] }.max()!)!
    }

    static func stepOptions(chunk: Int = 1 << 20, budget: Int = 256 << 20) -> StepLogOptions {
        var options = StepLogOptions()
        options.scan.workers = 3
        options.scan.chunkSize = chunk
        options.memoryBudget = budget
        return options
    }

    @Test(arguments: [(11 as UInt64, false), (12, true)])
    func stepsJoinedToTheTableGiveTheTablesReport(seed: UInt64, quirks: Bool) throws {
        let (table, steps) = logs(seed: seed, quirks: quirks)
        let options = Self.options(by: [.agency])
        var atLatestStep = options
        atLatestStep.asOf = try latestStep(steps)
        let expected = try KPIEngine.run(files: [table], options: atLatestStep)
        let (got, summary) = try StepReport.run(
            steps: [steps], dossiers: [table], options: options, stepOptions: Self.stepOptions(chunk: 4093, budget: 0))
        #expect(got.totals == expected.totals)
        #expect(got.groups == expected.groups)
        #expect(got.asOf == expected.asOf)
        #expect(summary.rowsWithoutSteps == 0 && summary.stepsWithoutRow == 0)
        #expect(summary.steps.dossiers == expected.input.records && summary.steps.contradictory == 0)
        #expect(expected.totals.counts.finished > 1000 && expected.totals.counts.inProgress > 0)
    }

    @Test func stepsAloneGiveTheFactsTheyDetermine() throws {
        let (table, steps) = logs(seed: 13)
        let expected = try KPIEngine.run(files: [table], options: Self.options()).totals.counts
        let (got, _) = try StepReport.run(
            steps: [steps], dossiers: [], options: Self.options(), stepOptions: Self.stepOptions())
        let counts = got.totals.counts
        #expect(counts.received == expected.received && counts.notReceived == expected.notReceived)
        #expect(counts.finished == expected.finished && counts.inProgress == expected.inProgress)
        #expect(counts.withdrawn == expected.withdrawn && counts.online == expected.online)
        // Without a due (no table, no catalog) nothing is judged on time.
        #expect(counts.onTime == 0 && counts.noDue == counts.finished + counts.inProgress)
    }

    /// JSONL dossiers with their steps inside (`QuaTrinhXuLy`), built from the two logs.
    func embedded(seed: UInt64) throws -> (jsonl: String, plain: String, latestStep: Timestamp) {
        let (plain, steps) = logs(seed: seed, format: .jsonl)
        let rows = ReferenceCSV.records(try String(contentsOfFile: steps, encoding: .utf8))
        let header = rows[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        var items: [String: [String]] = [:]
        for row in rows.dropFirst() {
            func quoted(_ name: String) -> String {
                "\"\(name)\":\"" + row[column(name)].replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            let item =
                "{"
                + [
                    quoted("ThoiDiemXuLy"), "\"TrangThai\":\(row[column("TrangThai")])", quoted("PhongBanXuLy"),
                    quoted("NguoiXuLy"), quoted("NoiDungXuLy"),
                ].joined(separator: ",") + "}"
            items[row[column("MaHoSo")], default: []].append(item)
        }
        var out = ""
        for line in try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n") {
            let idStart = line.range(of: "\"MaHoSo\":\"")!.upperBound
            let id = String(line[idStart...].prefix { $0 != "\"" })
            out += line.dropLast() + ",\"QuaTrinhXuLy\":[" + (items[id] ?? []).joined(separator: ",") + "]}\n"
        }
        return (temporary.write("embedded\(seed).jsonl", bytes: Array(out.utf8)), plain, try latestStep(steps))
    }

    @Test func jsonlDossiersWithTheirStepsGiveEveryKPI() throws {
        let (jsonl, plain, latestStep) = try embedded(seed: 14)
        let options = Self.options(by: [.procedure])
        var atLatestStep = options
        atLatestStep.asOf = latestStep
        let expected = try KPIEngine.run(files: [plain], options: atLatestStep)
        let (got, summary) = try StepReport.run(
            steps: [jsonl], dossiers: [], options: options, stepOptions: Self.stepOptions(chunk: 777))
        #expect(got.totals == expected.totals)
        #expect(got.groups == expected.groups)
        #expect(got.asOf == latestStep)
        #expect(summary.steps.dossierLines == expected.input.records)
    }

    @Test func theGeneratedLogsReconcileAndADisagreementIsNamed() throws {
        for (seed, quirks) in [(15 as UInt64, false), (16, true)] {
            let (table, steps) = logs(seed: seed, quirks: quirks)
            let result = try StepReconciliation.run(
                dossiers: [table], steps: [steps], scan: Self.options().scan, stepOptions: Self.stepOptions())
            #expect(result.disagreements == [], "seed \(seed)")
            #expect(result.compared == 1500)
        }
        // One step moved: the two logs now disagree on that dossier's end, and only there.
        let (table, steps) = logs(seed: 17, dossiers: 300)
        var lines = try String(contentsOfFile: steps, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        // A dossier finished (9) and never returned (10): its end is its finished step.
        let returned = Set(lines.filter { $0.contains(",10,") }.map { $0.prefix { $0 != "," } })
        let index = lines.firstIndex { $0.contains(",9,") && !returned.contains($0.prefix { $0 != "," }) }!
        let fields = lines[index].split(separator: ",", omittingEmptySubsequences: false)
        let id = String(fields[0])
        let time = fields[StepLogGenerator.columns.firstIndex(of: "ThoiDiemXuLy")!]
        let moved = lines[index].replacingOccurrences(of: String(time), with: "20261231235959")
        lines[index] = Substring(moved)
        let changed = temporary.write("changed.csv", bytes: Array(lines.joined(separator: "\n").utf8))
        var stepOptions = Self.stepOptions()
        stepOptions.scan.skipInvalid = true
        let result = try StepReconciliation.run(
            dossiers: [table], steps: [changed], scan: Self.options().scan, stepOptions: stepOptions)
        #expect(result.disagreements.map(\.dossier).allSatisfy { $0 == id })
        #expect(result.disagreements.contains { $0.field == .end && $0.steps == "2026-12-31T23:59:59" })
    }

    @Test func theStepLogDoesNotDependOnWorkers() {
        let one = StepLogGenerator.generate(SynthesisOptions(dossiers: 3000, seed: 5, workers: 1, blockSize: 700))
        let four = StepLogGenerator.generate(SynthesisOptions(dossiers: 3000, seed: 5, workers: 4, blockSize: 700))
        #expect(one.bytes == four.bytes)
        #expect(one.summary.rows > 3000)
    }
}
