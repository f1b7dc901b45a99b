import Wire

/// How the octets of a send step reach the wire (Autobahn's write controls, exactly).
public enum Delivery: Hashable, Sendable {
    /// All frames of the step in one write (they may share a TCP segment).
    case oneWrite
    /// One write per frame.
    case writePerFrame
    /// One write per frame, waiting after each until the send queue is empty ("sync").
    case flushPerFrame
    /// Each frame's octets cut into writes of this many octets, each flushed ("chopsize").
    case chopped(Int)
}

/// One thing a case does, in order. Sending never waits for the server; waiting is explicit.
public enum Step: Hashable, Sendable {
    /// Send frames.
    case send([FrameSpec], Delivery)
    /// The tester starts the closing handshake with this close frame (any body, valid or
    /// not): from here the tester is the closing side, RFC 6455 §7.1.2. A close frame sent with
    /// `.send` is only octets and changes no close state (Autobahn's raw close frames).
    case startClose(FrameSpec)
    /// Send raw octets no frame can describe.
    case sendRaw([UInt8], Delivery)
    /// An explicit pause; server frames are still read and recorded meanwhile.
    case pause(Duration)
    /// Wait up to `timeout` for the server to fail the connection; if it is still open then,
    /// record `.marker(name)` and go on (fail-fast checks, RFC 6455 §8.1 / Autobahn 6.4.x).
    case checkpoint(String, timeout: Duration)
    /// Wait until the recorded events equal the case's first expected list (or `timeout`).
    case awaitEvents(timeout: Duration)
    /// `count` strictly sequential echo round trips of `frame` (latency; Autobahn 9.7/9.8):
    /// each is sent when the previous echo arrived. Each echo is recorded as an event.
    case roundTrips(FrameSpec, count: Int)

    /// Sends frames one write per frame.
    public static func send(_ frames: FrameSpec..., delivery: Delivery = .writePerFrame) -> Step { .send(frames, delivery) }
}
