import COpenSSL

/// An OpenSSL client context built once from a `TLSConfiguration` and shared by every `wss://`
/// connection of a run: trust store, client identity, ALPN and key log are loaded once, not
/// per connection.
public final class TLSClientContext: Sendable {
    /// The configuration this context was built from.
    public let configuration: TLSConfiguration
    let handle: SSLContextHandle
    /// Kept alive here: the context's key log callback reaches it through an unretained pointer.
    private let keyLog: TLSKeyLog?

    /// Builds the context; fails if a CA, certificate or key file cannot be loaded.
    public init(configuration: TLSConfiguration = TLSConfiguration()) throws(TLSError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .draining("create client context") }
        let handle = SSLContextHandle(pointer: context)
        do throws(TLSError) {
            try Self.configureVerification(handle, configuration)
            if let certificateFile = configuration.certificateFile {
                try handle.loadIdentity(
                    certificateFile: certificateFile, privateKeyFile: configuration.privateKeyFile ?? certificateFile)
            }
            let alpn = TLSConfiguration.alpnWireFormat(configuration.alpnProtocols)
            // SSL_CTX_set_alpn_protos returns 0 on success, unlike most of OpenSSL.
            if !alpn.isEmpty, SSL_CTX_set_alpn_protos(context, alpn, UInt32(alpn.count)) != 0 {
                throw .draining("set ALPN protocols", detail: configuration.alpnProtocols.joined(separator: ","))
            }
            if configuration.legacyVersionsOnly { try Self.offerLegacyVersionsOnly(context) }
            keyLog = try configuration.effectiveKeyLogPath.map { path throws(TLSError) in try TLSKeyLog(path: path) }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        keyLog?.install(on: context)
        self.configuration = configuration
        self.handle = handle
    }

    /// TLS 1.0 and 1.1 only, with the SHA-1 suites they need (security level 0).
    private static func offerLegacyVersionsOnly(_ context: OpaquePointer) throws(TLSError) {
        guard SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0") == 1,
            wsc_SSL_CTX_set_min_proto_version(context, TLS1_VERSION) == 1,
            wsc_SSL_CTX_set_max_proto_version(context, TLS1_1_VERSION) == 1
        else { throw .draining("offer TLS 1.0 and 1.1 only") }
    }

    /// Peer verification against `caFile` or the system store (RFC 6455 §4.1 step 5 leaves
    /// the TLS details to RFC 2818: the certificate must chain to a trusted root).
    private static func configureVerification(
        _ handle: SSLContextHandle, _ configuration: TLSConfiguration
    ) throws(TLSError) {
        guard configuration.verifyPeer else {
            SSL_CTX_set_verify(handle.pointer, SSL_VERIFY_NONE, nil)
            return
        }
        SSL_CTX_set_verify(handle.pointer, SSL_VERIFY_PEER, nil)
        if let caFile = configuration.caFile {
            guard SSL_CTX_load_verify_locations(handle.pointer, caFile, nil) == 1 else {
                throw .draining("load CA file", detail: caFile)
            }
        } else if SSL_CTX_set_default_verify_paths(handle.pointer) != 1 {
            throw .draining("load system trust store")
        }
    }

    /// A new client-side connection object for `host`: SNI set, and (when verifying) the
    /// certificate bound to the host name or IP address (RFC 2818 §3.1).
    func makeSession(host: String) throws(TLSError) -> SSLHandle {
        let session = try SSLHandle.make(context: handle)
        let ssl = session.pointer
        SSL_set_connect_state(ssl)
        do throws(TLSError) {
            if let sni = configuration.sniName(forHost: host), wsc_SSL_set_tlsext_host_name(ssl, sni) != 1 {
                throw .draining("set server name", detail: sni)
            }
            if configuration.verifyPeer {
                let name = configuration.verifiedName(forHost: host)
                if TLSConfiguration.isIPLiteral(name) {
                    guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
                        throw .draining("set expected IP address", detail: name)
                    }
                } else if SSL_set1_host(ssl, name) != 1 {
                    throw .draining("set expected host name", detail: name)
                }
            }
        } catch {
            session.free()
            throw error
        }
        return session
    }

    deinit { SSL_CTX_free(handle.pointer) }
}
