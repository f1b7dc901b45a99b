import COpenSSL

/// The OpenSSL server context of the reference server (`wsconform serve --tls-cert F --tls-key F`):
/// one certificate chain and key, loaded once, shared by every accepted connection.
public final class TLSServerContext: Sendable {
    /// The PEM certificate chain file (leaf first).
    public let certificateChainFile: String
    /// The PEM private key file.
    public let privateKeyFile: String
    let handle: SSLContextHandle

    /// Loads `certificateChainFile` and `privateKeyFile` (PEM) and checks they match.
    /// When the client offers ALPN, "http/1.1" is selected (WebSocket runs over HTTP/1.1,
    /// RFC 6455 §4.1); a client offering only other protocols gets no ALPN answer.
    /// With `acceptLegacyVersions` the server also speaks TLS 1.0 and 1.1 (deprecated by
    /// RFC 8996): the reference server's `accept-legacy-tls` fault.
    public init(certificateChainFile: String, privateKeyFile: String, acceptLegacyVersions: Bool = false) throws(TLSError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw .draining("create server context") }
        let handle = SSLContextHandle(pointer: context)
        do throws(TLSError) {
            try handle.loadIdentity(certificateFile: certificateChainFile, privateKeyFile: privateKeyFile)
            if acceptLegacyVersions {
                guard SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0") == 1,
                    wsc_SSL_CTX_set_min_proto_version(context, TLS1_VERSION) == 1
                else { throw .draining("accept TLS 1.0 and 1.1") }
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        SSL_CTX_set_alpn_select_cb(context, Self.selectHTTP11, nil)
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
        self.handle = handle
    }

    /// A new server-side connection object.
    func makeSession() throws(TLSError) -> SSLHandle {
        let session = try SSLHandle.make(context: handle)
        SSL_set_accept_state(session.pointer)
        return session
    }

    deinit { SSL_CTX_free(handle.pointer) }

    /// The ALPN select callback (RFC 7301 §3.2): picks "http/1.1" from the client's list.
    /// `out` must point into the client's list or static memory, so it points into `input`.
    private static let selectHTTP11: SSL_CTX_alpn_select_cb_func = { _, out, outLength, input, inputLength, _ in
        guard let out, let outLength, let input else { return SSL_TLSEXT_ERR_NOACK }
        let wanted = Array("http/1.1".utf8)
        let list = UnsafeBufferPointer(start: input, count: Int(inputLength))
        var index = 0
        // Each pass moves past one length-prefixed name, so the loop ends within the list.
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, start + length <= list.count else { break }
            if list[start..<(start + length)].elementsEqual(wanted) {
                out.pointee = input + start
                outLength.pointee = UInt8(length)
                return SSL_TLSEXT_ERR_OK
            }
            index = start + length
        }
        return SSL_TLSEXT_ERR_NOACK
    }
}
