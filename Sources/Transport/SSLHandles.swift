import COpenSSL

/// An `SSL_CTX*`, shareable between threads.
///
/// `@unchecked Sendable` because OpenSSL documents an `SSL_CTX` as safe to use from many
/// threads at once (for `SSL_new`, reference counting, callbacks) once it is no longer being
/// configured, and wsconform configures a context only inside its owner's initialiser.
struct SSLContextHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Loads a PEM certificate chain and its private key and checks that they match: the
    /// server's identity, or the client certificate a server may ask for.
    func loadIdentity(certificateFile: String, privateKeyFile: String) throws(TLSError) {
        ERR_clear_error()
        guard SSL_CTX_use_certificate_chain_file(pointer, certificateFile) == 1 else {
            throw .draining("load certificate chain", detail: certificateFile)
        }
        guard SSL_CTX_use_PrivateKey_file(pointer, privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
            throw .draining("load private key", detail: privateKeyFile)
        }
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw .draining("check private key", detail: "\(privateKeyFile) does not match \(certificateFile)")
        }
    }
}

/// One `SSL*` whose records travel through two memory BIOs instead of a socket: the input BIO
/// holds ciphertext read from the transport, the output BIO collects ciphertext to write.
///
/// Memory BIOs make every OpenSSL call non-blocking and free of system calls, so the socket
/// I/O stays in the transport (one syscall funnel, `MSG_NOSIGNAL`, the same reset/EOF
/// mapping as plain TCP) and no OpenSSL call ever waits while holding a lock.
///
/// `@unchecked Sendable` because an `SSL*` must not be used by two threads at once;
/// `TLSRecordLayer` only touches it while holding its mutex, and frees it under that mutex.
struct SSLHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// A new connection object from `context`, with memory BIOs attached.
    static func make(context: SSLContextHandle) throws(TLSError) -> SSLHandle {
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer) else { throw .draining("create connection") }
        guard let input = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .draining("create input buffer")
        }
        guard let output = BIO_new(BIO_s_mem()) else {
            BIO_free(input)
            SSL_free(ssl)
            throw .draining("create output buffer")
        }
        // The SSL takes ownership of both BIOs; SSL_free releases them.
        SSL_set_bio(ssl, input, output)
        return SSLHandle(pointer: ssl)
    }

    /// Hands ciphertext read from the transport to OpenSSL (a memory BIO takes all of it).
    func receive(_ ciphertext: [UInt8]) {
        guard !ciphertext.isEmpty, let input = SSL_get_rbio(pointer) else { return }
        _ = ciphertext.withUnsafeBytes { BIO_write(input, $0.baseAddress, Int32(clamping: $0.count)) }
    }

    /// Takes the ciphertext OpenSSL produced since the last call.
    func takeOutput() -> [UInt8] {
        guard let output = SSL_get_wbio(pointer) else { return [] }
        let pending = Int(BIO_ctrl_pending(output))
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let count = bytes.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, Int32(clamping: $0.count)) }
        bytes.removeSubrange(max(0, Int(count))...)
        return bytes
    }

    func free() { SSL_free(pointer) }
}
