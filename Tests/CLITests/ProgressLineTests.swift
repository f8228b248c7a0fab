import Ingest
import Output
import Testing

@testable import TTHCCLI

/// The progress line's timing and text, on a clock the test moves by hand.
@Suite struct ProgressLineTests {
    final class Clock: @unchecked Sendable {
        var now = 100.0
        var drawn: [String] = []
    }

    func line(total: Int?, language: Language = .en) -> (ProgressLine, Clock) {
        let clock = Clock()
        let line = ProgressLine(
            command: "report", language: language, totalBytes: total, now: { clock.now },
            draw: { clock.drawn.append($0) })
        return (line, clock)
    }

    func progress(_ bytes: Int, _ records: Int, pass: Int = 1, of passes: Int = 1) -> ScanProgress {
        ScanProgress(bytes: bytes, records: records, pass: pass, passes: passes)
    }

    @Test func nothingInTheFirstSecondThenAtMostFourTimesASecond() {
        let (line, clock) = line(total: 4_000_000_000)
        clock.now += 0.9
        line.update(progress(10_000_000, 50_000))
        #expect(clock.drawn.isEmpty)
        clock.now += 0.2
        line.update(progress(20_000_000, 100_000))
        #expect(clock.drawn.count == 1)
        clock.now += 0.1
        line.update(progress(30_000_000, 150_000))
        #expect(clock.drawn.count == 1)
        clock.now += 0.2
        line.update(progress(40_000_000, 200_000))
        #expect(clock.drawn.count == 2)
    }

    @Test func bytesRecordsRateAndTimeLeft() {
        let (line, clock) = line(total: 3_400_000_000)
        // 1.2 GB in 4 s is 300 MB/s; the 2.2 GB left take 7.33 s, shown as 8 s.
        clock.now += 4
        line.update(progress(1_200_000_000, 4_100_000))
        #expect(clock.drawn == ["tthc report: 1.2 GB of 3.4 GB, 4,100,000 records, 300.0 MB/s, 8 s left"])
    }

    @Test func aPipeHasNoTotalAndNoTimeLeft() {
        let (line, clock) = line(total: nil)
        clock.now += 2
        line.update(progress(1_000, 1))
        #expect(clock.drawn == ["tthc report: 1.0 kB read, 1 record, 500 B/s"])
    }

    @Test func theSecondPassOfDedupeLastCountsOnTopOfTheFirst() {
        // Two passes over 1 GB: half-way through the second pass is 1.5 GB of 2 GB.
        let (line, clock) = line(total: 2_000_000_000)
        clock.now += 30
        line.update(progress(500_000_000, 2_000_000, pass: 2, of: 2))
        #expect(clock.drawn == ["tthc report: 1.5 GB of 2.0 GB, 2,000,000 records, 50.0 MB/s, 10 s left"])
    }

    @Test func vietnameseNumbersAndWords() {
        let (line, clock) = line(total: 3_400_000_000, language: .vi)
        clock.now += 4
        line.update(progress(1_200_000_000, 4_100_000))
        #expect(clock.drawn == ["tthc report: 1,2 GB / 3,4 GB, 4.100.000 bản ghi, 300,0 MB/s, còn 8 s"])
        #expect(line.duration(200) == "3 min 20 s" && line.duration(3_900) == "1 h 5 min")
    }

    @Test func capturedConsolesAndQuietNeverGetOne() throws {
        let captured = CapturedConsole()
        let parsed = try ReportCommand.spec.parse(["x.csv"])
        #expect(ProgressLine.attach(parsed, files: ["x.csv"], console: captured.console) == nil)
        let terminal = Console(out: { _ in }, err: { _ in }, errorIsTerminal: true)
        #expect(ProgressLine.attach(parsed, files: ["x.csv"], console: terminal) != nil)
        let quiet = try ReportCommand.spec.parse(["x.csv", "--quiet"])
        #expect(ProgressLine.attach(quiet, files: ["x.csv"], console: terminal) == nil)
    }
}
