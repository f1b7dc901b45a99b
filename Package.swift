// swift-tools-version:6.0
// wsconform: a WebSocket (RFC 6455 / RFC 7692) conformance suite and mutation fuzzer.
// No package dependencies by design: only the toolchain and system C libraries (OpenSSL, zlib).
import PackageDescription

let package = Package(
    name: "wsconform",
    products: [
        .executable(name: "wsconform", targets: ["ConformanceRunner"])
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Wire", dependencies: ["COpenSSL", "CZlib"]),
        .target(name: "Transport", dependencies: ["COpenSSL"]),
        .target(name: "Cases", dependencies: ["Wire"]),
        .target(name: "Engine", dependencies: ["Cases", "Wire", "Transport"]),
        .target(name: "Fuzz", dependencies: ["Cases", "Wire", "Transport", "Engine"]),
        .target(name: "Reports", dependencies: ["Cases"]),
        .target(name: "ReferenceServer", dependencies: ["Wire", "Transport"]),
        .target(name: "Configuration", dependencies: ["Cases", "Reports"]),
        .executableTarget(
            name: "ConformanceRunner",
            dependencies: ["Wire", "Transport", "Engine", "ReferenceServer", "Cases", "Fuzz", "Reports", "Configuration"]
        ),
        .executableTarget(
            name: "EchoBench", dependencies: ["Engine", "Wire", "Transport"],
            path: "bench/EchoBench"
        ),
        .executableTarget(
            name: "DeadlineBench", dependencies: ["Wire", "Transport", "Fuzz"],
            path: "bench/DeadlineBench"
        ),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Cases", "Wire", "Transport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Wire"]),
        .testTarget(name: "ReferenceServerTests", dependencies: ["ReferenceServer", "Wire", "Transport", "Engine"]),
        .testTarget(
            name: "CasesTests", dependencies: ["Cases", "Wire", "Engine", "ReferenceServer", "Transport", "ProcessSupport"],
            exclude: ["Expected"]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Cases"], exclude: ["Golden"]),
        .testTarget(
            name: "FuzzTests", dependencies: ["Fuzz", "Cases", "Wire", "ReferenceServer", "Transport", "Engine", "ProcessSupport"],
            exclude: ["Expected"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Cases"], exclude: ["Fixtures"]),
        .testTarget(
            name: "InteropTests", dependencies: ["Engine", "Wire", "Transport", "ProcessSupport"],
            exclude: ["python"]
        ),
        /// Starts and stops real programs for tests: Python peers, `wsconform` itself.
        .target(name: "ProcessSupport", path: "Tests/ProcessSupport"),
        /// The `wsconform` executable driven as a user drives it: exit codes, files written.
        .testTarget(name: "CLITests", dependencies: ["ProcessSupport", "Reports"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
