import COpenSSL

/// What a TLS handshake settled, for reports: a result is only comparable with another if
/// both ran over the same protocol version, cipher and ALPN protocol.
public struct TLSNegotiation: Hashable, Sendable {
    /// "TLSv1.3", "TLSv1.2" (`SSL_get_version`).
    public var protocolVersion: String
    /// The cipher suite's OpenSSL name, e.g. "TLS_AES_256_GCM_SHA384".
    public var cipher: String
    /// The ALPN protocol both sides agreed on (RFC 7301), e.g. "http/1.1"; nil if none.
    public var alpn: String?
    /// The SNI name (RFC 6066 §3): on the server, the name the client asked for; on the
    /// client, the name it sent.
    public var serverName: String?
    /// The peer certificate's subject in OpenSSL's one-line form, e.g. "/CN=localhost";
    /// nil when the peer sent no certificate.
    public var peerSubject: String?
    /// The peer certificate's expiry, e.g. "Nov 26 18:00:00 2025 GMT".
    public var peerNotAfter: String?
    /// Whole days from now to the peer certificate's expiry (negative once expired).
    public var peerDaysLeft: Int?
    /// Whether the peer certificate names the host the client dialled (RFC 6125 §6: a DNS name
    /// in subjectAltName, wildcards in the leftmost label only; an IP address in an iPAddress
    /// entry), judged whether or not the chain was verified; nil when unknown (no certificate,
    /// or the server side).
    public var peerMatchesHost: Bool?

    public init(
        protocolVersion: String, cipher: String, alpn: String? = nil, serverName: String? = nil,
        peerSubject: String? = nil, peerNotAfter: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.alpn = alpn
        self.serverName = serverName
        self.peerSubject = peerSubject
        self.peerNotAfter = peerNotAfter
    }

    /// Reads the facts from a connection whose handshake finished; `host`, on the client, is
    /// the name the certificate must carry.
    init(_ ssl: OpaquePointer, host: String? = nil) {
        protocolVersion = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? "none"
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        if let data, length > 0 {
            alpn = String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
        }
        serverName = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name).map { String(cString: $0) }
        if let certificate = SSL_get1_peer_certificate(ssl) {
            defer { X509_free(certificate) }
            peerSubject = Self.oneLine(X509_get_subject_name(certificate))
            peerNotAfter = Self.timeText(X509_get0_notAfter(certificate))
            var days: Int32 = 0
            var seconds: Int32 = 0
            if let notAfter = X509_get0_notAfter(certificate), ASN1_TIME_diff(&days, &seconds, nil, notAfter) == 1 {
                peerDaysLeft = Int(days)
            }
            if let host {
                let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
                peerMatchesHost =
                    TLSConfiguration.isIPLiteral(bare)
                    ? X509_check_ip_asc(certificate, bare, 0) == 1
                    : X509_check_host(certificate, bare, bare.utf8.count, 0, nil) == 1
            }
        }
    }

    private static func oneLine(_ name: OpaquePointer?) -> String? {
        guard let name else { return nil }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard X509_NAME_oneline(name, &buffer, Int32(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func timeText(_ time: UnsafePointer<ASN1_TIME>?) -> String? {
        guard let time, let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard ASN1_TIME_print(bio, time) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(Int(count)), as: UTF8.self)
    }
}
