import COpenSSL
import Platform
import Synchronization

/// Moves TLS records between an `SSL*` (with memory BIOs) and the byte stream underneath.
///
/// Each OpenSSL call runs under the mutex and never blocks; waiting happens only in the
/// transport, outside the mutex. So `close` from another thread can always take the mutex and
/// free the `SSL*` without racing a reader or writer that is inside OpenSSL.
final class TLSRecordLayer: Sendable {
    /// The connection the records travel over; owned: closing TLS closes it.
    let transport: any Connection
    /// Keeps the `SSL_CTX` this session came from (and its key log) alive.
    private let context: any Sendable
    private let state: Mutex<State>

    struct State {
        /// nil once freed by `close`.
        var session: SSLHandle?
        /// Ciphertext OpenSSL produced that the transport has not taken yet (a write timed
        /// out): it goes out before anything else, or the record stream would be corrupt.
        var pendingOutput: [UInt8] = []
        /// Set after a fatal error: OpenSSL forbids `SSL_shutdown` then.
        var fatal = false
        var closeNotifySent = false
        /// Why the session ended abnormally, for the transcript.
        var failure: TLSError?
    }

    /// What one OpenSSL call did.
    struct Step: Sendable {
        /// The call's return value (> 0: success / octets).
        var result: Int32 = 0
        /// `SSL_get_error` for a result <= 0, else `SSL_ERROR_NONE`.
        var error: Int32 = SSL_ERROR_NONE
        /// Ciphertext to hand to the transport, pending output first.
        var output: [UInt8] = []
        /// The OpenSSL error, for SSL_ERROR_SSL / SSL_ERROR_SYSCALL.
        var failure: TLSError?
        /// The session was already freed.
        var closed = false

        var wantsMore: Bool { error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE }
    }

    /// The largest read asked of the transport: one full TLS record (RFC 8446 §5.2).
    static let recordReadSize = 16_384 + 2_048 + 5

    init(transport: any Connection, session: SSLHandle, context: any Sendable) {
        self.transport = transport
        self.context = context
        self.state = Mutex(State(session: session))
    }

    /// Runs one OpenSSL call on the session under the mutex and collects its output.
    func step(_ operation: String, _ body: (OpaquePointer) -> Int32) -> Step {
        state.withLock { state -> Step in
            guard let session = state.session else { return Step(closed: true) }
            ERR_clear_error()
            var step = Step()
            step.result = body(session.pointer)
            if step.result <= 0 { step.error = SSL_get_error(session.pointer, step.result) }
            if step.error == SSL_ERROR_SSL || step.error == SSL_ERROR_SYSCALL {
                let verify = TLSError.verifyText(SSL_get_verify_result(session.pointer))
                let failure = TLSError.draining(operation, verifyResult: verify)
                state.fatal = true
                state.failure = state.failure ?? failure
                step.failure = failure
            }
            step.output = state.pendingOutput + session.takeOutput()
            state.pendingOutput = []
            return step
        }
    }

    /// Reads the session's negotiated facts.
    func negotiation(host: String? = nil) -> TLSNegotiation? {
        state.withLock { state in state.session.map { TLSNegotiation($0.pointer, host: host) } }
    }

    /// Why the session ended abnormally, if it did.
    var failure: TLSError? { state.withLock { $0.failure } }

    /// Records why the session ended abnormally when OpenSSL itself reported nothing.
    func noteFailure(_ failure: TLSError) {
        state.withLock { $0.failure = $0.failure ?? failure }
    }

    /// Hands `output` to the transport. What a timed-out write left over is kept and sent
    /// first next time; after `.peerClosed` nothing more can arrive, so it is dropped.
    func flush(_ output: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        guard !output.isEmpty else { return .written }
        let outcome = try transport.write(output, deadline: deadline)
        if case .timedOut(let written) = outcome {
            state.withLock { $0.pendingOutput = Array(output[written...]) + $0.pendingOutput }
        }
        return outcome
    }

    /// Sends ciphertext left over from a timed-out write.
    func flushPending(deadline: Deadline) throws(SocketError) -> WriteOutcome {
        let output = state.withLock { state -> [UInt8] in
            defer { state.pendingOutput = [] }
            return state.pendingOutput
        }
        return try flush(output, deadline: deadline)
    }

    /// Reads ciphertext from the transport (waiting at most until `deadline`) into the session.
    func feed(deadline: Deadline) throws(SocketError) -> ReadOutcome {
        let outcome = try transport.read(maxBytes: Self.recordReadSize, deadline: deadline)
        if case .bytes(let ciphertext) = outcome {
            state.withLock { $0.session?.receive(ciphertext) }
        }
        return outcome
    }

    /// Runs the handshake to completion, or throws why it did not complete by `deadline`.
    func handshake(deadline: Deadline) throws(TLSError) {
        // Every pass finishes, fails, or waits in the transport (bounded by the deadline); the
        // deadline check ends passes that make no progress.
        while true {
            let step = step("handshake") { SSL_do_handshake($0) }
            if step.closed { throw TLSError("handshake", detail: "the connection was closed") }
            let flushed: WriteOutcome
            do {
                // A failed step may carry an alert for the peer: send it before reporting.
                flushed = try flush(step.output, deadline: deadline)
            } catch {
                throw step.failure ?? TLSError("handshake", socketError: error)
            }
            if let failure = step.failure { throw failure }
            if step.result == 1 {
                switch flushed {
                case .written: return
                case .timedOut: throw TLSError.timedOut("handshake", detail: "timed out sending the final flight")
                case .peerClosed: throw TLSError("handshake", detail: "the peer closed the connection")
                }
            }
            guard step.wantsMore else { throw .draining("handshake", detail: "SSL_get_error \(step.error)") }
            if case .timedOut = flushed { throw TLSError.timedOut("handshake", detail: "timed out sending") }
            if deadline.hasPassed { throw TLSError.timedOut("handshake", detail: "timed out") }
            if step.error == SSL_ERROR_WANT_WRITE { continue }
            // After .peerClosed keep reading: the peer may have sent an alert saying why.
            let input: ReadOutcome
            do {
                input = try feed(deadline: deadline)
            } catch {
                throw TLSError("handshake", socketError: error)
            }
            switch input {
            case .bytes: continue
            case .endOfStream: throw TLSError("handshake", detail: "the peer closed the connection during the handshake")
            case .reset: throw TLSError.peerReset("handshake", detail: "the peer reset the connection during the handshake")
            case .timedOut: throw TLSError.timedOut("handshake", detail: "timed out waiting for the peer")
            }
        }
    }

    /// Sends close_notify once (RFC 8446 §6.1), unless the session failed or is freed.
    /// Waits at most until `deadline` for the transport to take it.
    func sendCloseNotify(deadline: Deadline) {
        let output = state.withLock { state -> [UInt8]? in
            guard let session = state.session, !state.fatal, !state.closeNotifySent else { return nil }
            state.closeNotifySent = true
            ERR_clear_error()
            // Returns 0 ("sent, peer's not yet seen"), which is all a half-close needs.
            _ = SSL_shutdown(session.pointer)
            ERR_clear_error()
            defer { state.pendingOutput = [] }
            return state.pendingOutput + session.takeOutput()
        }
        if let output { _ = try? flush(output, deadline: deadline) }
    }

    /// Frees the session; later steps report `closed`.
    func free() {
        let session = state.withLock { state -> SSLHandle? in
            defer { state.session = nil }
            return state.session
        }
        // Safe outside the mutex: the handle is no longer reachable from the state.
        session?.free()
    }

    deinit { free() }
}
