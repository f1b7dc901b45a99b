import Cases
import Client
import Engine
import ProcessSupport
import ReferenceServer
import Transport

@testable import Posture

/// A reference server configured for one probe, on a free loopback port, and the context a
/// probe needs to reach it; `stop()` ends it.
struct PostureServer {
    let server: ReferenceServer
    let url: TargetURL
    var options = RunOptions()

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }, tls: CertificateFixture? = nil, acceptLegacyTLS: Bool = false) throws {
        var configuration = ServerConfiguration()
        configure(&configuration)
        var upgrade: ReferenceServer.Upgrade = { $0 }
        if let tls {
            let context = try TLSServerContext(
                certificateChainFile: tls.certificateFile, privateKeyFile: tls.keyFile, acceptLegacyVersions: acceptLegacyTLS)
            upgrade = { tcp in try TLSConnection.accept(over: tcp, context: context, deadline: .after(.seconds(5))) }
            options.dialer.tls.caFile = tls.certificateFile
        }
        server = try ReferenceServer(configuration: configuration, upgrade: upgrade)
        server.start()
        url = TargetURL(secure: tls != nil, host: "127.0.0.1", port: server.port)
    }

    /// The probe context, with `policy` changed as the test needs.
    func context(_ policy: (inout PosturePolicy) -> Void = { _ in }, options change: (inout RunOptions) -> Void = { _ in }) -> PostureContext {
        var rules = PosturePolicy()
        rules.sizeCeiling = 4 << 20
        rules.observationBound = .seconds(4)
        policy(&rules)
        var options = self.options
        change(&options)
        return PostureContext(target: url, options: options, policy: rules)
    }

    func stop() { server.stop() }
}

extension [Cases.Measurement] {
    /// The measurement with this id (a test fails on a missing one through `!`).
    subscript(id id: String) -> Cases.Measurement? { first { $0.id == id } }
}
