import COpenSSL

/// Our own failure in a TLS operation: a handshake that did not complete, a context that could
/// not be built from the given files. Carries OpenSSL's reason text so a report can say why.
///
/// A peer that ends an established session badly is not an error but data (`ReadOutcome.reset`);
/// `TLSConnection.failure` keeps the reason for the transcript.
public struct TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operation that failed, e.g. "handshake", "load certificate".
    public var operation: String
    /// OpenSSL's error queue, oldest first, e.g. "error:0A000086:SSL routines::certificate verify failed".
    public var reasons: [String]
    /// Why certificate verification failed (`X509_verify_cert_error_string`), when it did.
    public var verifyResult: String?
    /// Extra words for failures OpenSSL has no text for (timeouts, the peer closing).
    public var detail: String?
    /// The socket failure underneath, when the transport failed rather than TLS.
    public var socketError: SocketError?
    /// Set when the handshake ran out of time (the peer too slow or silent), not when it failed.
    public var timedOut = false
    /// Set when the peer reset the connection during the handshake (a server whose accept
    /// queue overflowed, or one that gave up), as opposed to refusing it with an alert.
    public var peerReset = false

    public init(
        _ operation: String, reasons: [String] = [], verifyResult: String? = nil, detail: String? = nil,
        socketError: SocketError? = nil
    ) {
        self.operation = operation
        self.reasons = reasons
        self.verifyResult = verifyResult
        self.detail = detail
        self.socketError = socketError
    }

    /// A handshake that ran out of time at `detail`'s step.
    static func timedOut(_ operation: String, detail: String) -> TLSError {
        var error = TLSError(operation, detail: detail)
        error.timedOut = true
        return error
    }

    /// A handshake the peer cut short with a TCP reset, at `detail`'s step.
    static func peerReset(_ operation: String, detail: String) -> TLSError {
        var error = TLSError(operation, detail: detail)
        error.peerReset = true
        return error
    }

    /// An error for `operation` with the calling thread's OpenSSL error queue drained into it.
    /// The queue is thread-local, so call this on the thread that made the failing OpenSSL call.
    static func draining(_ operation: String, detail: String? = nil, verifyResult: String? = nil) -> TLSError {
        TLSError(operation, reasons: drainQueue(), verifyResult: verifyResult, detail: detail)
    }

    /// Empties the calling thread's OpenSSL error queue, returning each entry's text.
    static func drainQueue() -> [String] {
        var reasons: [String] = []
        // The queue holds at most ERR_NUM_ERRORS (16) entries; the bound only guards the loop.
        for _ in 0..<64 {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons
    }

    /// The text for a certificate verification result, or nil for `X509_V_OK`.
    static func verifyText(_ result: Int) -> String? {
        guard result != Int(X509_V_OK), let text = X509_verify_cert_error_string(result) else { return nil }
        return String(cString: text)
    }

    /// "handshake failed: error:0A000086:SSL routines::certificate verify failed (verify: self-signed certificate)".
    public var description: String {
        var text = "TLS \(operation) failed"
        if let detail { text += ": \(detail)" }
        if !reasons.isEmpty { text += ": " + reasons.joined(separator: "; ") }
        if let verifyResult { text += " (verify: \(verifyResult))" }
        if let socketError { text += " [\(socketError)]" }
        return text
    }
}
