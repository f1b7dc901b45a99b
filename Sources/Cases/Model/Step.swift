import Wire

/// How the octets of a send step reach the wire (Autobahn's write controls, exactly).
public enum Delivery: Hashable, Sendable {
    /// All frames of the step in one write (they may share a TCP segment).
    case oneWrite
    /// One write per frame.
    case writePerFrame
    /// One write per frame, waiting after each until the send queue is empty ("sync").
    case flushPerFrame
    /// Each frame's octets cut into writes of this many octets ("chopsize"). With `flush`,
    /// each write waits until the previous one has left (the server's reads then see the
    /// pieces apart); without, the writes only go out separately (TCP_NODELAY), which is what
    /// Autobahn's reactor turn between chops amounts to.
    case chopped(Int, flush: Bool = true)

    /// True when the step's frames go out together in one write.
    public var framesShareAWrite: Bool { self == .oneWrite }

    /// The controls of each write, in the one vocabulary the client core carries out.
    public var controls: WireControls {
        switch self {
        case .oneWrite, .writePerFrame: return .whole
        case .flushPerFrame: return WireControls(flushEachWrite: true)
        case .chopped(let size, let flush): return WireControls(chopSize: size, flushEachWrite: flush)
        }
    }
}

/// One thing a case does, in order. Sending never waits for the server; waiting is explicit.
public enum Step: Hashable, Sendable {
    /// Send frames.
    case send([FrameSpec], Delivery)
    /// Send one message cut into fragments of `fragmentSize` payload octets, one write per
    /// fragment, produced lazily (a 4 MiB message in 64-octet fragments is 65536 frames).
    /// Autobahn's message fragmenter is reproduced exactly: a message that fits one fragment
    /// goes unfragmented, and when the length is an exact multiple of the size every fragment
    /// has FIN=0 and an empty FIN=1 continuation follows.
    case sendMessage(Opcode, Payload, fragmentSize: Int, Delivery)
    /// The tester starts the closing handshake with this close frame (any body, valid or
    /// not): from here the tester is the closing side, RFC 6455 §7.1.2. A close frame sent with
    /// `.send` is only octets and changes no close state (Autobahn's raw close frames).
    case startClose(FrameSpec)
    /// Send one message compressed under the negotiated permessage-deflate channel, RFC 7692
    /// §7.2.1: its payload deflated with the context carried over (or reset) as negotiated,
    /// RSV1 set, in one frame. Only in a case whose opening offers permessage-deflate.
    case sendCompressed(Opcode, Payload, Delivery)
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
    /// `count` messages sent compressed and echoed (Autobahn 12.x/13.x, RFC 7692 §7.2.1):
    /// message `i` is `corpus.message(i, size:)`, deflated under the negotiated context, its
    /// compressed payload cut into frames of `fragment` octets (nil: one frame; RSV1 on the
    /// first only, §6.1). At most `window` messages are in flight: the next goes once the echo
    /// of the one `window` places back is in, so the time is the server's compression, not
    /// round trips, and memory stays bounded. Each echo is an event, compared as it arrives.
    case echoCompressed(Opcode, PayloadCorpus, size: Int, count: Int, fragment: Int?, window: Int)

    /// The frames of a `.sendMessage` step, `index` by `index` (nil past the last).
    public static func fragment(_ opcode: Opcode, _ payload: Payload, size: Int, index: Int) -> FrameSpec? {
        let size = max(1, size)
        guard payload.count > size else { return index == 0 ? FrameSpec(opcode: opcode, payload: payload) : nil }
        let full = payload.count / size
        let count = full + 1  // the last holds the remainder, empty when the length divides evenly
        guard index < count else { return nil }
        let range = index * size..<min(payload.count, (index + 1) * size)
        return FrameSpec(fin: index == count - 1, opcode: index == 0 ? opcode : .continuation, payload: .bytes(payload.octets(in: range)))
    }

    /// Sends frames one write per frame.
    public static func send(_ frames: FrameSpec..., delivery: Delivery = .writePerFrame) -> Step { .send(frames, delivery) }
}
