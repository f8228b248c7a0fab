import TTHCCLI
import Testing

/// "Did you mean …?" wherever a name is looked up: commands, options, choices, KPIs, profiles.
@Suite struct SuggestionCommandTests {
    @Test(arguments: [
        (["reprot"], "unknown command 'reprot' (did you mean 'report'?)"),
        (["report", "x.csv", "--formt", "json"], "unknown option '--formt' (did you mean '--format'?)"),
        (["report", "x.csv", "--format", "jsno"], "got 'jsno' (did you mean 'json'?)"),
        (["report", "x.csv", "--by", "agncy"], "got 'agncy' (did you mean 'agency'?)"),
        (["check", "x.csv", "--target", "on-tme>=99"], "unknown KPI or count 'on-tme' (did you mean 'on-time'?)"),
        (["check", "x.csv", "--profile", "hanoi-comune-2026"], "(did you mean 'hanoi-commune-2026'?)"),
    ])
    func misspelledNamesGetTheClosestOne(arguments: [String], message: String) {
        let captured = CapturedConsole()
        let status = TTHCTool.run(arguments, console: captured.console)
        #expect(status == 2)
        #expect(captured.stderr.contains(message), "\(captured.stderr)")
        #expect(captured.stderr.split(separator: "\n").count == 1)
    }

    @Test func farOffNamesGetNoGuess() {
        let captured = CapturedConsole()
        #expect(TTHCTool.run(["frobnicate"], console: captured.console) == 2)
        #expect(!captured.stderr.contains("did you mean"))
    }
}
