// swift-tools-version: 6.0
// tthc: an engine and command-line tool for Vietnam's one-stop administrative-procedure logs.
// The module list reads as the data flow: bytes are ingested into records, records become
// mergeable metric aggregates, aggregates are reported or checked against targets; the
// working-time clock and the simulator sit beside them.
import PackageDescription

let optimized: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "tthc",
    products: [
        .executable(name: "tthc", targets: ["tthc"]),
        .library(name: "TTHCEngine", targets: ["Ingest", "Metrics", "Report", "WorkingTime", "Targets", "Simulation"]),
    ],
    targets: [
        // Civil dates and Vietnam-time instants: integer arithmetic only.
        .target(name: "CivilTime"),
        // Small text helpers shared by the modules that print (JSON string literals).
        .target(name: "_TextSupport"),
        // The seeded generators shared by the simulator, the synthetic logs and the tests.
        .target(name: "_Randomness"),
        // The legal clock: lunar calendar, holidays, office hours, due dates, procedure catalog.
        .target(name: "WorkingTime", dependencies: ["CivilTime"]),
        // The dossier record as the engine sees it, independent of the encoding it came from.
        .target(name: "Records", dependencies: ["CivilTime"]),
        // Bytes to records: chunked reading, CSV/TSV/JSONL parsing, timestamp parsing, errors; the one
        // RFC 4180 reader, which also turns catalogs and calendar files into WorkingTime's types.
        .target(name: "Ingest", dependencies: ["CivilTime", "Records", "WorkingTime"], swiftSettings: optimized),
        // Records to mergeable KPI aggregates: 766 classification, grouping, the parallel engine.
        .target(
            name: "Metrics", dependencies: ["CivilTime", "Records", "Ingest", "WorkingTime"], swiftSettings: optimized),
        // Aggregates to text: table, JSON, CSV.
        .target(name: "Report", dependencies: ["CivilTime", "Metrics", "_TextSupport"]),
        // Targets, KPI profiles, reporting periods, the 766 score and the daily monitor.
        .target(
            name: "Targets",
            dependencies: ["_TextSupport", "CivilTime", "Records", "Ingest", "Metrics", "WorkingTime", "Report"]),
        // Discrete-event simulation of a service center on the legal clock.
        .target(
            name: "Simulation",
            dependencies: ["_Randomness", "_TextSupport", "CivilTime", "WorkingTime", "Records", "Ingest", "Metrics"],
            swiftSettings: optimized),
        // Realistic synthetic dossier logs for samples and benchmarks.
        .target(
            name: "Synthesis", dependencies: ["_Randomness", "CivilTime", "WorkingTime"], swiftSettings: optimized),
        // Subcommands: option parsing, calling the library, printing, exit codes.
        .target(
            name: "TTHCCLI",
            dependencies: [
                "CivilTime", "WorkingTime", "Records", "Ingest", "Metrics", "Report", "Targets", "Simulation",
                "Synthesis",
            ]),
        .executableTarget(name: "tthc", dependencies: ["TTHCCLI"]),

        // Slow, obvious references and seeded generators shared by the tests.
        .target(name: "TestSupport", dependencies: ["_Randomness"], path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "WorkingTimeTests", dependencies: ["_Randomness", "WorkingTime", "CivilTime"]),
        .testTarget(
            name: "IngestTests", dependencies: ["TestSupport", "Ingest", "Records", "CivilTime", "WorkingTime"]),
        .testTarget(
            name: "MetricsTests",
            dependencies: ["TestSupport", "Metrics", "Ingest", "Records", "CivilTime", "WorkingTime", "Synthesis"]),
        .testTarget(name: "ReportTests", dependencies: ["TestSupport", "Report", "Metrics", "Ingest", "CivilTime"]),
        .testTarget(
            name: "TargetsTests",
            dependencies: ["TestSupport", "Targets", "Metrics", "Ingest", "CivilTime", "WorkingTime"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["TestSupport", "Simulation", "Metrics", "Ingest", "WorkingTime", "CivilTime", "Synthesis"]),
        .testTarget(
            name: "SynthesisTests", dependencies: ["TestSupport", "Synthesis", "Ingest", "Metrics", "CivilTime"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "TTHCCLI"]),
    ]
)
