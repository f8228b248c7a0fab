// swift-tools-version: 6.0
// tthc: an engine and command-line tool for Vietnam's one-stop administrative-procedure logs.
// The module list reads as the data flow: bytes are ingested into records, records become
// mergeable metric aggregates, the engine runs a whole job over logs, and the output layer
// renders what it found; the working-time clock, the targets and the simulator sit beside them.
// Guides/Architecture.md draws the map.
import PackageDescription

// `-enforce-exclusivity=unchecked` is an unsafe flag, which SwiftPM refuses in a package that
// another depends on by version; the benchmarks turn it on with TTHC_UNSAFE_FLAGS=1.
let optimized: [SwiftSetting] =
    Context.environment["TTHC_UNSAFE_FLAGS"] == "1"
    ? [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))] : []

let package = Package(
    name: "tthc",
    products: [
        .executable(name: "tthc", targets: ["tthc"]),
        .library(
            name: "TTHCEngine",
            targets: ["Ingest", "Metrics", "Engine", "Output", "WorkingTime", "Targets", "Simulation"]),
    ],
    targets: [
        // Shared helpers, underscored: not part of the library's promise.
        // Text: the one JSON value, table aligner, CSV field quoter and number formatter.
        .target(name: "_TextSupport"),
        // Parallel work: parallel loops over indices and the buffers their workers share.
        .target(name: "_ParallelSupport"),
        // The seeded generators shared by the simulator, the synthetic logs and the tests.
        .target(name: "_Randomness"),
        // The system C libraries every Linux has: zlib and glibc's iconv.
        .systemLibrary(name: "CSystem", path: "Sources/CSystem"),

        // Civil dates and Vietnam-time instants: integer arithmetic only.
        .target(name: "CivilTime"),
        // The legal clock: lunar calendar, holidays, office hours, due dates, procedure catalog.
        .target(name: "WorkingTime", dependencies: ["CivilTime"]),
        // The dossier record as the engine sees it, independent of the encoding it came from.
        .target(name: "Records", dependencies: ["CivilTime"]),
        // Bytes to records: chunked reading, CSV/TSV/JSONL parsing, timestamp parsing, errors; the one
        // RFC 4180 reader, which also turns catalogs and calendar files into WorkingTime's types.
        .target(
            name: "Ingest",
            dependencies: ["_ParallelSupport", "_TextSupport", "CSystem", "CivilTime", "Records", "WorkingTime"],
            swiftSettings: optimized),
        // Records to mergeable KPI aggregates: the one 766 classifier, counts, histograms, groups.
        .target(name: "Metrics", dependencies: ["CivilTime", "Records", "WorkingTime"], swiftSettings: optimized),
        // Targets, KPI profiles, reporting periods and the 766 score: rules, no rendering.
        .target(name: "Targets", dependencies: ["_TextSupport", "CivilTime", "Metrics"]),
        // Discrete-event simulation of a service center on the legal clock.
        .target(
            name: "Simulation",
            dependencies: [
                "_ParallelSupport", "_Randomness", "_TextSupport", "CivilTime", "WorkingTime", "Records", "Metrics",
                "Targets",
            ],
            swiftSettings: optimized),
        // Realistic synthetic dossier logs for samples and benchmarks.
        .target(
            name: "Synthesis", dependencies: ["_ParallelSupport", "_Randomness", "CivilTime", "WorkingTime"],
            swiftSettings: optimized),
        // Process-mining files (XES, OCEL 2.0 JSON) written as bytes, and the personal names' pseudonyms.
        .target(name: "ProcessExport", dependencies: ["_TextSupport", "CivilTime", "Records"]),
        // A run over logs: options, date selection, catalog lookup, and every record consumer.
        .target(
            name: "Engine",
            dependencies: [
                "_ParallelSupport", "CivilTime", "WorkingTime", "Records", "Ingest", "Metrics", "Targets", "Simulation",
                "ProcessExport",
            ],
            swiftSettings: optimized),
        // Office Open XML workbooks (.xlsx) from typed cells, in our own zip container (zlib's deflate).
        .target(name: "Spreadsheet", dependencies: ["_TextSupport", "CivilTime", "CSystem"]),
        // Every renderer: table, JSON and CSV for each command, and the labels of each language.
        .target(
            name: "Output",
            dependencies: [
                "_TextSupport", "CivilTime", "WorkingTime", "Ingest", "Metrics", "Targets", "Simulation", "Engine",
                "Spreadsheet",
            ]),
        // Subcommands: option parsing, calling the library, printing, exit codes.
        .target(
            name: "TTHCCLI",
            dependencies: [
                "_TextSupport", "CivilTime", "WorkingTime", "Records", "Ingest", "Metrics", "Targets", "Simulation",
                "Synthesis", "Engine", "Output", "ProcessExport",
            ],
            plugins: ["BuildCommit"]),
        .executableTarget(name: "tthc", dependencies: ["TTHCCLI"]),
        // Before each build: the git commit `tthc --version` names (empty without git metadata).
        .plugin(name: "BuildCommit", capability: .buildTool()),

        // Slow, obvious references and seeded generators shared by the tests.
        .target(name: "TestSupport", dependencies: ["_Randomness"], path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "ParallelSupportTests", dependencies: ["_ParallelSupport", "_Randomness"]),
        .testTarget(name: "TextSupportTests", dependencies: ["_TextSupport", "_Randomness"]),
        .testTarget(name: "WorkingTimeTests", dependencies: ["_Randomness", "WorkingTime", "CivilTime"]),
        .testTarget(
            name: "IngestTests", dependencies: ["TestSupport", "Ingest", "Records", "CivilTime", "WorkingTime"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "MetricsTests",
            dependencies: [
                "TestSupport", "Metrics", "Engine", "Output", "Ingest", "Records", "CivilTime", "WorkingTime",
                "Targets", "Synthesis",
            ]),
        .testTarget(
            name: "OutputTests",
            dependencies: [
                "TestSupport", "Output", "Engine", "Metrics", "Ingest", "CivilTime", "_TextSupport", "Spreadsheet",
                "Targets", "Records", "WorkingTime",
            ]),
        .testTarget(
            name: "TargetsTests",
            dependencies: [
                "_Randomness", "_TextSupport", "Targets", "Engine", "Output", "Metrics", "Ingest", "CivilTime",
                "WorkingTime",
            ]),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "_TextSupport", "TestSupport", "Simulation", "Engine", "Ingest", "Metrics", "Records", "WorkingTime",
                "CivilTime", "Synthesis", "Targets",
            ]),
        .testTarget(
            name: "SynthesisTests", dependencies: ["Synthesis", "CivilTime", "TestSupport", "Engine", "Metrics"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["_Randomness", "Spreadsheet", "CivilTime", "CSystem"]),
        .testTarget(
            name: "ProcessExportTests",
            dependencies: [
                "TestSupport", "ProcessExport", "Engine", "Ingest", "CivilTime", "_TextSupport",
            ]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "TTHCCLI", "Output", "Ingest"]),
    ]
)
