import Cases
import Platform
import Transport
import Wire

/// Why a client could not get as far as an open WebSocket connection: a tool or target error,
/// never a conformance verdict.
public enum ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    case url(URLProblem)
    case socket(SocketError)
    case tls(TLSError)
    /// The server refused or mangled the opening handshake.
    case handshake(String)
    /// The connection ended or timed out before the handshake completed.
    case handshakeIncomplete(String)

    public var description: String {
        switch self {
        case .url(let problem): return problem.description
        case .socket(let error): return error.description
        case .tls(let error): return "TLS: \(error)"
        case .handshake(let text): return "opening handshake refused: \(text)"
        case .handshakeIncomplete(let text): return "opening handshake incomplete: \(text)"
        }
    }

    /// Whether the target ran out of time (a connect or TLS handshake past its deadline), as
    /// opposed to refusing or failing: a hung target, not a dead one.
    public var timedOut: Bool {
        switch self {
        case .socket(let error): return error.errno == .timedOut
        case .tls(let error): return error.timedOut || error.socketError?.errno == .timedOut
        default: return false
        }
    }
}

/// A plain WebSocket client over any `Connection`: the smoke command, the target probe,
/// interop tests and benchmarks use it. It frames messages on top of the client core
/// (`ClientConnection`), which does the handshake, the controlled writes and the reads.
public final class ClientSession: @unchecked Sendable {
    // @unchecked: one thread drives a session at a time.
    /// The client core this session frames on.
    public let client: ClientConnection
    /// The server's handshake response head.
    public let response: HTTPHead
    private var assembler: FrameAssembler
    private var pending: [DecodedFrame] = []
    /// Payload octets of the frames read and not yet taken. Reads made while writing stop once
    /// they pass the frame cap, and the write then waits for the server as a blocking write
    /// would: a server that floods while not reading cannot grow the client's memory unbounded.
    private var pendingOctets = 0
    private let maxPendingOctets: Int
    private var generator = SystemRandomNumberGenerator()

    /// The byte stream (a session never closes its core, so it is there for the session's life).
    public var connection: any Connection { client.connection! }

    /// Performs the opening handshake on `connection` with `request`.
    public convenience init(connection: any Connection, request: HandshakeRequest, deadline: Deadline, maxFrameSize: UInt64 = 64 << 20)
        throws(ClientError)
    {
        try self.init(client: ClientConnection(connection: connection), request: request, deadline: deadline, maxFrameSize: maxFrameSize)
    }

    /// Dials `target` through the client core and performs the opening handshake with
    /// `request`; the connection is closed when the handshake fails.
    public convenience init(dialing target: TargetURL, dialer: Dialer, request: HandshakeRequest, deadline: Deadline) throws(ClientError) {
        let client = ClientConnection()
        try client.dial(target, dialer: dialer, deadline: deadline)
        do {
            try self.init(client: client, request: request, deadline: deadline)
        } catch {
            client.close(abortive: false)
            throw error
        }
    }

    /// Performs the opening handshake with `request` on a client core that has dialled.
    public init(client: ClientConnection, request: HandshakeRequest, deadline: Deadline, maxFrameSize: UInt64 = 64 << 20)
        throws(ClientError)
    {
        self.client = client
        maxPendingOctets = Int(clamping: maxFrameSize)
        let answer: ClientConnection.Received?
        do {
            answer = try client.openingHandshake(request.serialized(), deadline: deadline)
        } catch {
            throw .socket(error)
        }
        switch answer {
        case nil:
            throw .handshakeIncomplete("the server closed the connection during the request")
        case .unreadableResponse(let text):
            throw .handshake(text)
        case .ended(let ending):
            throw .handshakeIncomplete("\(ending == .fin ? "endOfStream" : "reset") before the response head ended")
        case .octets, .timedOut:
            throw .handshakeIncomplete("timedOut before the response head ended")
        case .response(let head, let remainder):
            let problems = HandshakeCheck.checkResponse(
                head, key: request.key ?? "", offeredSubprotocols: request.fields.listElements("Sec-WebSocket-Protocol"),
                offeredExtensions: request.fields.listElements("Sec-WebSocket-Extensions"))
            if let first = problems.first { throw .handshake(first.description) }
            response = head
            let compressed = head.fields["Sec-WebSocket-Extensions"]?.lowercased().contains("permessage-deflate") == true
            assembler = FrameAssembler(
                decoder: FrameDecoder(sender: .server, allowedReservedBits: compressed ? .rsv1 : [], maxPayloadLength: maxFrameSize))
            keep(assembler.feed(remainder))
        }
    }

    /// Sends one frame, masked with a fresh key (RFC 6455 §5.3) unless it carries one, under
    /// `controls`; frames the server sends meanwhile are kept for `nextFrame`.
    public func send(_ frame: Frame, controls: WireControls = .whole, deadline: Deadline) throws(SocketError) -> WriteOutcome {
        var frame = frame
        if frame.maskingKey == nil { frame.maskingKey = MaskingKey.random(using: &generator) }
        return try write(FrameEncoder.encode(frame), controls: controls, deadline: deadline)
    }

    /// Writes octets under `controls` through the client core, keeping what the server sends
    /// meanwhile (bounded by the frame cap) for `nextFrame`.
    public func write(_ bytes: [UInt8], controls: WireControls = .whole, deadline: Deadline) throws(SocketError) -> WriteOutcome {
        let result: ClientConnection.WriteResult
        do {
            result = try client.write(bytes, controls: controls, deadline: deadline) { until in
                guard pendingOctets < maxPendingOctets else { return client.ending == nil }
                if case .octets(let more) = try client.read(until: until) { keep(assembler.feed(more)) }
                return client.ending == nil
            }
        } catch let error as SocketError {
            throw error
        } catch {
            throw SocketError("write", detail: "\(error)")
        }
        switch result {
        case .written: return .written
        case .peerClosed(let written), .stopped(let written): return .peerClosed(written: written)
        case .timedOut(let written): return .timedOut(written: written)
        }
    }

    /// The next frame from the server, or the read outcome that ended the wait.
    public func nextFrame(deadline: Deadline) throws(SocketError) -> Result<DecodedFrame, ReadEnd> {
        while pending.isEmpty {
            switch try client.read(until: deadline) {
            case .octets(let bytes): keep(assembler.feed(bytes))
            case .ended(.fin): return .failure(.endOfStream)
            case .ended(.reset): return .failure(.reset)
            case .timedOut, .response, .unreadableResponse: return .failure(.timedOut)
            }
        }
        let frame = pending.removeFirst()
        pendingOctets -= frame.frame.payload.count
        return .success(frame)
    }

    /// Keeps decoded frames for `nextFrame`, counting their payloads.
    private func keep(_ frames: [DecodedFrame]) {
        pending += frames
        pendingOctets += frames.reduce(0) { $0 + $1.frame.payload.count }
    }
    /// The next complete data message (frames joined), skipping control frames.
    /// A peer that never stops sending (a pong flood, endless fragments) cannot hold the
    /// caller: the deadline is checked before every frame, and a message over `maxOctets` ends
    /// the wait with `.tooLarge` instead of growing.
    public func nextMessage(deadline: Deadline, maxOctets: Int = 16 << 20) throws(SocketError) -> Result<
        (opcode: Opcode, payload: [UInt8], compressed: Bool), ReadEnd
    > {
        var opcode: Opcode?
        var payload: [UInt8] = []
        var compressed = false
        while true {
            if deadline.hasPassed { return .failure(.timedOut) }
            switch try nextFrame(deadline: deadline) {
            case .failure(let end): return .failure(end)
            case .success(let decoded):
                let frame = decoded.frame
                if frame.opcode.isControl {
                    if frame.opcode == .close { return .failure(.closeFrame(ClosePayload.parse(frame.payload).payload)) }
                    continue
                }
                if opcode == nil {
                    opcode = frame.opcode
                    compressed = frame.rsv.contains(.rsv1)
                }
                guard payload.count + frame.payload.count <= maxOctets else { return .failure(.tooLarge) }
                payload.append(contentsOf: frame.payload)
                if frame.fin { return .success((opcode!, payload, compressed)) }
            }
        }
    }
}

/// How a wait for a frame ended without one.
public enum ReadEnd: Error, Hashable, Sendable {
    case endOfStream
    case reset
    case timedOut
    /// The message grew past the most the caller would keep.
    case tooLarge
    /// A close frame arrived instead of a message.
    case closeFrame(ClosePayload)
}
