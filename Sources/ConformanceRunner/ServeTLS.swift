import ReferenceServer
import Transport

/// Builds the server's connection upgrade: TLS when a certificate is given, plain otherwise.
enum ServeTLS {
    static func upgrade(certificate: String?, key: String?) throws -> ReferenceServer.Upgrade {
        guard certificate != nil, key != nil else { return { $0 } }
        throw UsageError("TLS serving is not available yet")
    }
}
