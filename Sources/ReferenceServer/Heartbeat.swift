import Wire

/// The reference server's timers on an open connection, as a pure state machine: the idle
/// timeout, and (when configured) a ping after a quiet interval and a close with 1011 when the
/// client does not answer it (RFC 6455 §5.5.2: a ping "may serve either as a keepalive or as a
/// means to verify that the remote endpoint is still responsive"). Any octets from the client
/// count as a sign of life and restart every timer.
struct Heartbeat: Sendable {
    let idleTimeout: Duration
    let pingInterval: Duration?
    let pongTimeout: Duration
    private var lastHeard: ContinuousClock.Instant
    private var pingSent: ContinuousClock.Instant?
    /// True once a ping went unanswered past the timeout: `due` returned the Close.
    private(set) var peerIsDead = false

    init(configuration: ServerConfiguration, now: ContinuousClock.Instant) {
        idleTimeout = configuration.idleTimeout
        pingInterval = configuration.pingInterval
        pongTimeout = configuration.pongTimeout ?? configuration.pingInterval ?? .zero
        lastHeard = now
    }

    /// When the next timer fires: the idle timeout, the next ping, or the pong's deadline.
    var nextDeadline: ContinuousClock.Instant {
        var next = lastHeard + idleTimeout
        if let pingInterval {
            next = min(next, pingSent.map { $0 + pongTimeout } ?? lastHeard + pingInterval)
        }
        return next
    }

    /// The client sent something.
    mutating func heard(at now: ContinuousClock.Instant) {
        lastHeard = now
        pingSent = nil
    }

    /// A read timed out at `now`: the octets to send (a ping, or a Close with 1011 after which
    /// `peerIsDead` holds), or nil when the idle timeout passed and the connection is dropped.
    mutating func due(at now: ContinuousClock.Instant) -> [UInt8]? {
        if now >= lastHeard + idleTimeout { return nil }
        guard pingInterval != nil else { return nil }
        if let pingSent {
            guard now >= pingSent + pongTimeout else { return [] }
            peerIsDead = true
            let close = ClosePayload(code: .internalError, reason: "no pong").encoded()
            return FrameEncoder.encode(Frame(opcode: .close, payload: close))
        }
        guard now >= nextDeadline else { return [] }
        pingSent = now
        return FrameEncoder.encode(Frame(opcode: .ping, payload: Array("wsconform-heartbeat".utf8)))
    }
}
