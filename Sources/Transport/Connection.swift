import Platform

/// What a read observed. The peer closing or resetting is data, not an error.
public enum ReadOutcome: Hashable, Sendable {
    /// Octets arrived (never empty).
    case bytes([UInt8])
    /// The peer half-closed: a clean TCP FIN (or TLS close_notify followed by FIN).
    case endOfStream
    /// The connection was reset (TCP RST), or TLS ended without close_notify.
    case reset
    /// The deadline passed with nothing to read.
    case timedOut
}

/// What a write observed.
public enum WriteOutcome: Hashable, Sendable {
    /// Every octet was handed to the kernel (and, for TLS, to the record layer).
    case written
    /// The peer reset or closed the connection while we were writing (EPIPE / ECONNRESET);
    /// `written` octets went out before that.
    case peerClosed(written: Int)
    /// The deadline passed with only `written` octets sent.
    case timedOut(written: Int)
}

/// A byte stream to a WebSocket peer: plain TCP, TLS, or memory for unit tests.
///
/// Blocking with deadlines: each call waits (in `poll`) at most until its deadline. A
/// connection is used by one thread at a time; `close` may come from any thread.
public protocol Connection: AnyObject, Sendable {
    /// Reads up to `maxBytes` octets, waiting at most until `deadline`.
    func read(maxBytes: Int, deadline: Deadline) throws(SocketError) -> ReadOutcome
    /// Writes all of `bytes` in order, waiting at most until `deadline`.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome
    /// Waits until the octets written so far have left the send queue (Autobahn's "sync"),
    /// or the deadline passes. Returns false on timeout.
    func waitUntilFlushed(deadline: Deadline) throws(SocketError) -> Bool
    /// Half-closes: sends FIN (TLS: close_notify, then FIN), keeps reading possible.
    func shutdownWrite()
    /// Ends reading from another thread: a read waiting now, and every later one, returns
    /// end of stream at once; writing stays possible. How a server going away wakes the
    /// threads waiting on idle connections without polling.
    func shutdownRead()
    /// Closes the connection; `abortive` sends an RST instead of a FIN.
    func close(abortive: Bool)
    /// The peer address, e.g. "127.0.0.1:9001", for transcripts.
    var peerDescription: String { get }
    /// The socket an event loop may wait on for readability (`EventPoll`); nil when there is
    /// none (memory) or it is closed. A TLS connection may hold decrypted octets the socket no
    /// longer signals: after a wake-up, read until a read times out.
    var readinessDescriptor: Int32? { get }
}

extension Connection {
    public var readinessDescriptor: Int32? { nil }
    public func shutdownRead() {}
}
