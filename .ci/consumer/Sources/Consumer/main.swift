// Runs the KPI engine on a log and prints counts that `.ci/run` checks against its own reading of
// the file. Usage: Consumer LOG.csv
import Engine
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first, arguments.count == 1 else {
    print("usage: Consumer LOG.csv")
    exit(2)
}
let result = try KPIEngine.run(files: [path], options: ReportOptions())
let counts = result.totals.counts
print("records=\(result.input.records) received=\(counts.received) online=\(counts.online)")
