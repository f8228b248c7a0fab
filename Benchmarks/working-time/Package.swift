// swift-tools-version: 6.0
// A tiny release benchmark of the working-time clock, built on its own so the library's build
// stays lean. Run: `TTHC_UNSAFE_FLAGS=1 swift run -c release` in this folder (see Guides/WorkingTime.md).
import PackageDescription

let package = Package(
    name: "working-time-benchmark",
    dependencies: [.package(name: "tthc", path: "../..")],
    targets: [
        .executableTarget(
            name: "WorkingTimeBenchmark",
            dependencies: [.product(name: "TTHCEngine", package: "tthc")])
    ]
)
