// swift-tools-version: 6.0
// A package that uses tthc as any other package would: by version, from a git URL. `.ci/run` tags
// a clone of the checkout and points TTHC_PACKAGE_URL at it (a path dependency would prove
// nothing: SwiftPM accepts unsafe flags in path dependencies and refuses them in versioned ones).
import PackageDescription

let tthcURL = Context.environment["TTHC_PACKAGE_URL"] ?? "file:///tmp/tthc-ci/tthc.git"

let package = Package(
    name: "tthc-consumer",
    dependencies: [.package(url: tthcURL, from: "1.0.0")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "TTHCEngine", package: "tthc")])
    ]
)
