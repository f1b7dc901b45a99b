#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// How wsconform's client side speaks TLS to a `wss://` target (RFC 6455 §3, §4.1 step 5).
///
/// A value: build a `TLSClientContext` from it once per run and share that context between the
/// hundreds of connections a run makes.
public struct TLSConfiguration: Hashable, Sendable {
    /// The SNI name and the name the certificate must match. `nil`: the host being connected
    /// to, unless that is an IP literal (RFC 6066 §3 forbids IP literals in SNI; the
    /// certificate is then matched against the IP address instead).
    public var serverName: String?
    /// Verify the server's certificate chain and name. Off only by explicit opt-in (`insecure`).
    public var verifyPeer: Bool
    /// PEM file of trusted CA certificates (`--ca-file`); `nil`: the system trust store.
    public var caFile: String?
    /// PEM certificate chain to present when the server asks for a client certificate.
    public var certificateFile: String?
    /// PEM private key for `certificateFile`.
    public var privateKeyFile: String?
    /// Protocols offered with ALPN (RFC 7301), in preference order. WebSocket runs over
    /// HTTP/1.1 (RFC 6455 §4.1), so the default offers exactly "http/1.1".
    public var alpnProtocols: [String]
    /// Where to append NSS key log lines for Wireshark; `nil`: `$SSLKEYLOGFILE` if set.
    public var keyLogPath: String?
    /// Offer only TLS 1.0 and 1.1, at OpenSSL security level 0: the posture probe asking
    /// whether a server still accepts the versions RFC 8996 deprecates. Never for cases.
    public var legacyVersionsOnly = false

    public init(
        serverName: String? = nil, verifyPeer: Bool = true, caFile: String? = nil, certificateFile: String? = nil,
        privateKeyFile: String? = nil, alpnProtocols: [String] = ["http/1.1"], keyLogPath: String? = nil
    ) {
        self.serverName = serverName
        self.verifyPeer = verifyPeer
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.alpnProtocols = alpnProtocols
        self.keyLogPath = keyLogPath
    }

    /// Skip certificate verification (`--insecure`): the same as `verifyPeer == false`.
    public var insecure: Bool {
        get { !verifyPeer }
        set { verifyPeer = !newValue }
    }

    /// The name to send as SNI for a connection to `host`, or nil when none should be sent.
    public func sniName(forHost host: String) -> String? {
        if let serverName { return serverName.isEmpty ? nil : serverName }
        let bare = Self.unbracketed(host)
        return Self.isIPLiteral(bare) ? nil : bare
    }

    /// The name (or IP literal) the server's certificate must match for a connection to `host`.
    public func verifiedName(forHost host: String) -> String {
        if let serverName, !serverName.isEmpty { return serverName }
        return Self.unbracketed(host)
    }

    /// The key log file in effect: `keyLogPath`, else `$SSLKEYLOGFILE`, else none.
    public var effectiveKeyLogPath: String? {
        if let keyLogPath, !keyLogPath.isEmpty { return keyLogPath }
        guard let value = getenv("SSLKEYLOGFILE") else { return nil }
        let path = String(cString: value)
        return path.isEmpty ? nil : path
    }

    /// True for "127.0.0.1", "::1" and other IPv4/IPv6 literals (brackets already removed).
    public static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// ALPN protocol list in wire format (RFC 7301 §3.1): each name prefixed by its length.
    /// Names that are empty or longer than 255 octets cannot be expressed and are skipped.
    static func alpnWireFormat(_ protocols: [String]) -> [UInt8] {
        var wire: [UInt8] = []
        for name in protocols {
            let octets = Array(name.utf8)
            guard (1...255).contains(octets.count) else { continue }
            wire.append(UInt8(octets.count))
            wire += octets
        }
        return wire
    }
}
