import Client
import Platform
import Transport
import Wire

/// One upgraded probe connection: frames written masked, the server's frames read as
/// summaries (data payloads counted and dropped, control payloads kept up to 125 octets), and
/// the server's pings answered unless the probe plays a dead peer. Everything kept is bounded:
/// a server flooding the probe costs counters, not memory.
final class ProbeLink: @unchecked Sendable {
    // @unchecked: one probe thread drives a link.

    /// One frame from the server, its payload summarised.
    struct ServerFrame {
        var opcode: Opcode
        var fin: Bool
        var length: UInt64
        /// The payload of a control frame (at most 125 octets).
        var control: [UInt8]
        var at: ContinuousClock.Instant
    }

    enum Event {
        case frame(ServerFrame)
        case ended(ClientConnection.Ending)
        case timedOut
    }

    let client: ClientConnection
    let head: HTTPHead
    /// Whether pings are answered with pongs (a live client) or ignored (a dead one).
    var answersPings = true
    /// When the link opened (the 101 was read).
    let openedAt = ContinuousClock.now
    private var decoder = FrameDecoder(sender: .server, allowedReservedBits: [.rsv1, .rsv2, .rsv3], maxPayloadLength: .max)
    private var current: ServerFrame?
    private var pending: [ServerFrame] = []
    private var unread: [UInt8]
    private var generator = SystemRandomNumberGenerator()
    /// Frames not kept because too many waited unread.
    private(set) var framesDropped = 0
    static let pendingLimit = 4096

    init(client: ClientConnection, head: HTTPHead, remainder: [UInt8]) {
        self.client = client
        self.head = head
        unread = remainder
    }

    /// The octets read with the 101 and not yet decoded, handed to a probe that decodes the
    /// stream itself (the interleaving probe keeps every payload).
    func takeUnread() -> [UInt8] {
        defer { unread = [] }
        return unread
    }

    /// The next frame, the end of the connection, or nothing by `deadline`.
    func next(until deadline: Deadline) -> Event {
        while pending.isEmpty {
            if !unread.isEmpty {
                let octets = unread
                unread = []
                absorb(octets)
                continue
            }
            switch (try? client.read(until: deadline)) ?? .ended(.reset) {
            case .octets(let octets): absorb(octets)
            case .ended(let ending): return .ended(ending)
            case .timedOut, .response, .unreadableResponse: return .timedOut
            }
        }
        return .frame(pending.removeFirst())
    }

    /// Writes `octets`, reading the server's frames meanwhile so a server writing back never
    /// deadlocks against us; the outcome of the write.
    @discardableResult
    func write(_ octets: [UInt8], deadline: Deadline) -> ClientConnection.WriteResult {
        let result = try? client.write(octets, deadline: deadline) { until in
            if case .octets(let more) = try client.read(until: until) { absorb(more) }
            return client.ending == nil
        }
        return result ?? .peerClosed(written: 0)
    }

    /// A masked frame's octets.
    func encoded(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, opcode: opcode, maskingKey: MaskingKey.random(using: &generator), payload: payload))
    }

    /// Sends a Close and closes TCP.
    func close() {
        _ = try? client.connection?.write(encoded(.close, ClosePayload(code: .normalClosure).encoded()), deadline: .after(.milliseconds(200)))
        client.close(abortive: false)
    }

    private func absorb(_ octets: [UInt8]) {
        for event in decoder.feed(octets) {
            switch event {
            case .head(let head, _):
                current = ServerFrame(opcode: head.opcode, fin: head.fin, length: head.payloadLength, control: [], at: .now)
            case .payload(let chunk):
                if let frame = current, frame.opcode.isControl, frame.control.count < 125 {
                    current?.control += chunk.prefix(125 - frame.control.count)
                }
            case .end:
                guard let frame = current else { continue }
                current = nil
                if frame.opcode == .ping, answersPings, !client.isWriting {
                    _ = try? client.connection?.write(encoded(.pong, frame.control), deadline: .after(.milliseconds(500)))
                }
                if pending.count < Self.pendingLimit { pending.append(frame) } else { framesDropped += 1 }
            }
        }
    }
}
