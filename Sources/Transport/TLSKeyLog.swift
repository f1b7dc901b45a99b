import COpenSSL
import Platform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Appends TLS secrets in the NSS key log format (`CLIENT_RANDOM ...`,
/// `CLIENT_HANDSHAKE_TRAFFIC_SECRET ...`) so Wireshark can decrypt a capture of a `wss://` run.
///
/// Installed on an `SSL_CTX` with `SSL_CTX_set_keylog_callback`. That callback is a C function
/// pointer and cannot capture, so it finds this object through the context's ex_data slot.
final class TLSKeyLog: Sendable {
    /// The file lines are appended to.
    let path: String
    /// The open file; -1 once closed. The mutex also keeps lines from interleaving when
    /// several connections finish handshakes at once.
    private let descriptor: Mutex<Int32>

    /// Opens (creating, mode 0600: the file holds secrets) `path` for appending.
    init(path: String) throws(TLSError) {
        self.path = path
        let flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC
        switch Syscall.valueOrErrno({ open(path, flags, mode_t(0o600)) }) {
        case .success(let fd): descriptor = Mutex(fd)
        case .failure(let code):
            throw TLSError("open key log", detail: path, socketError: SocketError("open", errno: code, detail: path))
        }
    }

    /// Appends one line (OpenSSL gives it without the newline). Failures are ignored: a key
    /// log is a debugging aid and must never fail a handshake.
    func append(_ line: String) {
        let bytes = Array(line.utf8) + [0x0A]
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var offset = 0
            // Each pass writes at least one octet or stops, so the loop is bounded by the line length.
            while offset < bytes.count {
                let result = bytes.withUnsafeBytes { raw in
                    Syscall.valueOrErrno { write(fd, raw.baseAddress! + offset, raw.count - offset) }
                }
                guard case .success(let count) = result, count > 0 else { return }
                offset += count
            }
        }
    }

    deinit {
        let fd = descriptor.withLock { $0 }
        if fd >= 0 { _ = close(fd) }
    }

    /// The `SSL_CTX` ex_data slot holding the key log of a context (allocated once per process).
    static let exDataIndex: Int32 = wsc_SSL_CTX_get_ex_new_index()

    /// Makes `context` log its connections' secrets here. The owner of `context` must keep this
    /// object alive for as long as the context and every connection made from it.
    func install(on context: OpaquePointer) {
        // The slot holds an unretained pointer: ownership stays with the Swift context object.
        SSL_CTX_set_ex_data(context, Self.exDataIndex, Unmanaged.passUnretained(self).toOpaque())
        SSL_CTX_set_keylog_callback(context) { ssl, line in
            guard let ssl, let line, let context = SSL_get_SSL_CTX(ssl),
                let raw = SSL_CTX_get_ex_data(context, TLSKeyLog.exDataIndex)
            else { return }
            Unmanaged<TLSKeyLog>.fromOpaque(raw).takeUnretainedValue().append(String(cString: line))
        }
    }
}
