/// What the I/O layer must do for a session: the session itself is a pure state machine
/// (hummingbird's `WebSocketStateMachine` shape), so it is tested without sockets.
public enum SessionAction: Hashable, Sendable {
    /// Write these octets.
    case send([UInt8])
    /// Half-close (TCP FIN) after the closing handshake, then read until the peer closes.
    /// RFC 6455 §7.1.1: the server SHOULD close the TCP connection first.
    case closeTCP
    /// Close TCP at once without any close frame (a fault, or a peer beyond saving).
    case dropTCP
    /// The whole server dies (the `crash-on-input` fault).
    case crashServer
    /// The whole server stops serving (the `hang-on-input` fault).
    case hangServer
}
