import Engine
import Ingest

/// The options of every command that reads step logs (`report --steps`, `steps`, `export`):
/// one definition, one parser.
enum StepOptions {
    static let statusMapSpec = OptionSpec(
        "--status-map", value: "FILE",
        help: "A step log's own TrangThai codes: a CSV 'code,status' mapping each to a DVCQG status 1-10.")
    static let memorySpec = OptionSpec(
        "--fold-memory", value: "MB",
        help: "Step rows held in memory while folding (default 256); more are spilled to a temporary file.")
    static let specs = [statusMapSpec, memorySpec]

    /// The fold's options from the shared reading options (`EngineOptions.reportOptions(...).scan`).
    static func stepLogOptions(_ parsed: ParsedArguments, scan: ScanOptions) throws -> StepLogOptions {
        var options = StepLogOptions()
        options.scan = scan
        options.scan.kind = .steps
        if let path = parsed.string("--status-map") {
            options.scan.stepStatuses = try StepStatusMap.read(contentsOfFile: path)
        }
        if let megabytes = try parsed.int("--fold-memory", in: 0...(1 << 20)) {
            options.memoryBudget = megabytes << 20
        }
        return options
    }
}
