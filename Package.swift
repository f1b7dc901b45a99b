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
        /// Linux's epoll header, for the event loop of `load`.
        .systemLibrary(name: "CEpoll"),
        /// The one syscall funnel below everything: errno, deadlines, processes, durable files.
        .target(name: "Platform", dependencies: ["CEpoll"]),
        /// Pure RFC 6455 vocabulary: no I/O, no clocks, no C library.
        .target(name: "Wire"),
        /// RFC 7692 permessage-deflate: negotiation and the zlib codec.
        .target(name: "PerMessageDeflate", dependencies: ["Wire", "CZlib"]),
        .target(name: "Transport", dependencies: ["Platform", "COpenSSL"]),
        .target(name: "Cases", dependencies: ["Wire"]),
        /// The one client core: dialling, the opening handshake, controlled writes, transcripts.
        .target(name: "Client", dependencies: ["Cases", "Wire", "Transport", "Platform"]),
        .target(name: "Engine", dependencies: ["Cases", "Wire", "PerMessageDeflate", "Client", "Transport", "Platform"]),
        .target(name: "Fuzz", dependencies: ["Cases", "Wire", "PerMessageDeflate", "Client", "Transport", "Platform"], exclude: ["README.md"]),
        /// The pre-launch posture probes: measurements of TLS, Origin, limits, timeouts, heartbeat.
        .target(name: "Posture", dependencies: ["Engine", "Cases", "Wire", "Client", "Transport", "Platform"]),
        .target(name: "Reports", dependencies: ["Cases", "Platform"]),
        /// `wsconform load`: many connections on a few event loops, every echo checked.
        .target(name: "Load", dependencies: ["Engine", "Cases", "Wire", "PerMessageDeflate", "Client", "Transport", "Platform", "Reports"]),
        .target(name: "ReferenceServer", dependencies: ["Wire", "PerMessageDeflate", "Transport", "Platform"]),
        .target(name: "Configuration", dependencies: ["Cases", "Reports"]),
        .executableTarget(
            name: "ConformanceRunner",
            dependencies: [
                "Platform", "Wire", "PerMessageDeflate", "Transport", "Client", "Engine", "ReferenceServer", "Cases", "Fuzz", "Reports",
                "Configuration", "Posture", "Load",
            ]
        ),
        .executableTarget(
            name: "EchoBench", dependencies: ["Client", "Wire", "PerMessageDeflate", "Transport", "Platform"],
            path: "bench/EchoBench"
        ),
        .executableTarget(
            name: "DeadlineBench", dependencies: ["Wire", "PerMessageDeflate", "Transport", "Platform", "Client", "Fuzz"],
            path: "bench/DeadlineBench"
        ),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "ClientTests", dependencies: ["Client", "Cases", "Wire", "Transport", "Platform"]),
        .testTarget(name: "PerMessageDeflateTests", dependencies: ["PerMessageDeflate", "Wire"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Client", "Cases", "Wire", "PerMessageDeflate", "Transport", "Platform"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Platform", "Wire", "Client", "Cases", "ProcessSupport"]),
        .testTarget(name: "ReferenceServerTests", dependencies: ["ReferenceServer", "Wire", "PerMessageDeflate", "Transport", "Platform", "Client"]),
        .testTarget(
            name: "CasesTests", dependencies: ["Cases", "Wire", "Engine", "Client", "ReferenceServer", "Transport", "Platform", "ProcessSupport"],
            exclude: ["Expected"]
        ),
        .testTarget(
            name: "PostureTests",
            dependencies: ["Posture", "Engine", "Cases", "Client", "ReferenceServer", "Transport", "Platform", "Wire", "ProcessSupport"],
            exclude: ["Expected"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Cases", "ProcessSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "FuzzTests", dependencies: ["Fuzz", "Cases", "Wire", "PerMessageDeflate", "ReferenceServer", "Transport", "Platform", "Client", "ProcessSupport"],
            exclude: ["Expected"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Cases"], exclude: ["Fixtures"]),
        .testTarget(
            name: "InteropTests", dependencies: ["Client", "Wire", "PerMessageDeflate", "Transport", "Platform", "ProcessSupport"],
            exclude: ["python", "node"]
        ),
        /// Starts and stops real programs for tests: Python peers, `wsconform` itself.
        .target(name: "ProcessSupport", path: "Tests/ProcessSupport"),
        /// The `wsconform` executable driven as a user drives it: exit codes, files written.
        .testTarget(name: "CLITests", dependencies: ["ProcessSupport", "Reports"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
