import ReferenceServer
import Transport

/// Builds the server's connection upgrade: TLS when a certificate is given, plain otherwise.
enum ServeTLS {
    static func upgrade(certificate: String?, key: String?, acceptLegacy: Bool = false) throws -> ReferenceServer.Upgrade {
        guard let certificate, let key else { return { $0 } }
        let context = try TLSServerContext(certificateChainFile: certificate, privateKeyFile: key, acceptLegacyVersions: acceptLegacy)
        return { tcp in try TLSConnection.accept(over: tcp, context: context, deadline: .after(.seconds(10))) }
    }
}
