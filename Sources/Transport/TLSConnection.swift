import COpenSSL
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A TLS session over a byte stream (a `TCPConnection`, or memory in tests): `wss://` targets
/// (RFC 6455 §3, §4.1 step 5) and the reference server's TLS mode.
///
/// Keeps the `Connection` contract of plain TCP: a peer's close_notify reads as
/// `.endOfStream`; TLS ending without close_notify (FIN without it, RST, a fatal alert, a
/// corrupt record) reads as `.reset`, with OpenSSL's reason kept in `failure`.
///
/// Records go through OpenSSL memory buffers, not the socket: the underlying connection does
/// all socket I/O, so TLS writes never raise SIGPIPE, every wait has the caller's deadline,
/// and everything written has reached that connection's send queue when a call returns.
public final class TLSConnection: Connection {
    private let records: TLSRecordLayer
    /// What the handshake settled: version, cipher, ALPN, SNI, peer certificate.
    public let negotiated: TLSNegotiation

    /// How long `shutdownWrite` waits for the transport to take close_notify.
    static let closeNotifyGrace: Duration = .seconds(2)

    private init(records: TLSRecordLayer, negotiated: TLSNegotiation) {
        self.records = records
        self.negotiated = negotiated
    }

    /// Runs the client handshake over `transport` for `host` (the name typed in the URI: used
    /// for SNI and certificate matching unless the configuration names a server). The new
    /// connection owns `transport`; if the handshake fails, `transport` is closed.
    public static func connect(
        over transport: any Connection, host: String, context: TLSClientContext, deadline: Deadline
    ) throws(TLSError) -> TLSConnection {
        let session: SSLHandle
        do {
            session = try context.makeSession(host: host)
        } catch {
            transport.close(abortive: false)
            throw error
        }
        let name = context.configuration.verifiedName(forHost: host)
        return try establish(TLSRecordLayer(transport: transport, session: session, context: context), deadline, host: name)
    }

    /// As `connect(over:host:context:deadline:)`, building a context for this one connection.
    /// A run making many connections should build one `TLSClientContext` and share it.
    public static func connect(
        over transport: any Connection, host: String, configuration: TLSConfiguration = TLSConfiguration(),
        deadline: Deadline
    ) throws(TLSError) -> TLSConnection {
        let context: TLSClientContext
        do {
            context = try TLSClientContext(configuration: configuration)
        } catch {
            transport.close(abortive: false)
            throw error
        }
        return try connect(over: transport, host: host, context: context, deadline: deadline)
    }

    /// Runs the server handshake over an accepted `transport`. The new connection owns
    /// `transport`; if the handshake fails, `transport` is closed.
    public static func accept(
        over transport: any Connection, context: TLSServerContext, deadline: Deadline
    ) throws(TLSError) -> TLSConnection {
        let session: SSLHandle
        do {
            session = try context.makeSession()
        } catch {
            transport.close(abortive: false)
            throw error
        }
        return try establish(TLSRecordLayer(transport: transport, session: session, context: context), deadline)
    }

    private static func establish(_ records: TLSRecordLayer, _ deadline: Deadline, host: String? = nil) throws(TLSError) -> TLSConnection {
        do {
            try records.handshake(deadline: deadline)
        } catch {
            records.free()
            records.transport.close(abortive: false)
            throw error
        }
        guard let negotiated = records.negotiation(host: host) else { throw TLSError("handshake", detail: "closed") }
        return TLSConnection(records: records, negotiated: negotiated)
    }

    /// Why the session ended abnormally (the reason behind a `.reset`), if it did.
    public var failure: TLSError? { records.failure }

    public var peerDescription: String { records.transport.peerDescription }
    public var readinessDescriptor: Int32? { records.transport.readinessDescriptor }

    public func read(maxBytes: Int, deadline: Deadline) throws(SocketError) -> ReadOutcome {
        let capacity = max(1, maxBytes)
        var lateFeeds = 0
        // Every pass returns or feeds the session ciphertext read from the transport, which
        // waits at most until the deadline; past it, one more (non-waiting) feed is allowed.
        while true {
            // Read into scratch space and kept exactly (see `TCPConnection.read`).
            let (step, buffer) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { raw in
                let step = records.step("read") { SSL_read($0, raw.baseAddress, Int32(clamping: raw.count)) }
                return (step, step.result > 0 ? Array(raw[..<Int(step.result)]) : [])
            }
            if step.closed { throw SocketError("SSL_read", errno: Errno(EBADF), detail: "connection closed") }
            // Reading can produce records to send (TLS 1.3 KeyUpdate replies, alerts).
            _ = try records.flush(step.output, deadline: deadline)
            if step.result > 0 { return .bytes(buffer) }
            if step.error == SSL_ERROR_ZERO_RETURN { return .endOfStream }
            guard step.wantsMore else { return .reset }
            if deadline.hasPassed {
                lateFeeds += 1
                if lateFeeds > 1 { return .timedOut }
            }
            switch try records.feed(deadline: deadline) {
            case .bytes: continue
            case .timedOut: return .timedOut
            case .reset: return .reset
            case .endOfStream:
                records.noteFailure(TLSError("read", detail: "unexpected EOF: TCP closed without close_notify"))
                return .reset
            }
        }
    }

    /// Writes `bytes` as TLS records of at most 16 KiB. `written` in an outcome counts octets
    /// the record layer accepted; if the transport timed out part-way through a record, the
    /// rest of that record is sent first by the next write or `waitUntilFlushed`.
    public func write(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        switch try records.flushPending(deadline: deadline) {
        case .written: break
        case .timedOut: return .timedOut(written: 0)
        case .peerClosed: return .peerClosed(written: 0)
        }
        var offset = 0
        // Every pass accepts a record, fails, or waits in the transport until the deadline.
        while offset < bytes.count {
            let count = min(bytes.count - offset, 16_384)
            let step = bytes.withUnsafeBytes { raw in
                records.step("write") { SSL_write($0, raw.baseAddress! + offset, Int32(count)) }
            }
            if step.closed { throw SocketError("SSL_write", errno: Errno(EBADF), detail: "connection closed") }
            let flushed = try records.flush(step.output, deadline: deadline)
            if step.result > 0 {
                offset += Int(step.result)
                switch flushed {
                case .written: continue
                case .timedOut: return .timedOut(written: offset)
                case .peerClosed: return .peerClosed(written: offset - Int(step.result))
                }
            }
            guard step.wantsMore else { return .peerClosed(written: offset) }
            if case .peerClosed = flushed { return .peerClosed(written: offset) }
            if deadline.hasPassed { return .timedOut(written: offset) }
            // SSL_write wants input only mid-renegotiation (TLS 1.2): read the peer's flight.
            if step.error == SSL_ERROR_WANT_READ {
                switch try records.feed(deadline: deadline) {
                case .bytes: continue
                case .timedOut: return .timedOut(written: offset)
                case .endOfStream, .reset: return .peerClosed(written: offset)
                }
            }
        }
        return .written
    }

    public func waitUntilFlushed(deadline: Deadline) throws(SocketError) -> Bool {
        switch try records.flushPending(deadline: deadline) {
        case .written: return try records.transport.waitUntilFlushed(deadline: deadline)
        case .timedOut: return false
        case .peerClosed: return true
        }
    }

    /// Sends close_notify, then FIN; reading stays possible (RFC 8446 §6.1 allows half-close).
    public func shutdownWrite() {
        records.sendCloseNotify(deadline: .after(Self.closeNotifyGrace))
        records.transport.shutdownWrite()
    }

    public func shutdownRead() { records.transport.shutdownRead() }

    /// `abortive`: frees the session and resets TCP. Otherwise sends close_notify if the send
    /// queue takes it without waiting, then closes TCP with a FIN.
    public func close(abortive: Bool) {
        if !abortive { records.sendCloseNotify(deadline: .now) }
        records.free()
        records.transport.close(abortive: abortive)
    }

    deinit { close(abortive: false) }
}
