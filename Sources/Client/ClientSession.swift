import Cases
import Platform
import Transport
import Wire

/// Why a client could not get as far as an open WebSocket connection: a tool or target error,
/// never a conformance verdict.
public enum ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    case url(URLProblem)
    case socket(SocketError)
    case tls(String)
    /// The server refused or mangled the opening handshake.
    case handshake(String)
    /// The connection ended or timed out before the handshake completed.
    case handshakeIncomplete(String)

    public var description: String {
        switch self {
        case .url(let problem): return problem.description
        case .socket(let error): return error.description
        case .tls(let text): return "TLS: \(text)"
        case .handshake(let text): return "opening handshake refused: \(text)"
        case .handshakeIncomplete(let text): return "opening handshake incomplete: \(text)"
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
    private var generator = SystemRandomNumberGenerator()

    /// The byte stream.
    public var connection: any Connection { client.connection! }

    /// Performs the opening handshake on `connection` with `request`.
    public init(connection: any Connection, request: HandshakeRequest, deadline: Deadline, maxFrameSize: UInt64 = 64 << 20)
        throws(ClientError)
    {
        client = ClientConnection(connection: connection)
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
            pending = assembler.feed(remainder)
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
                if case .octets(let more) = try client.read(until: until) { pending += assembler.feed(more) }
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
            case .octets(let bytes): pending = assembler.feed(bytes)
            case .ended(.fin): return .failure(.endOfStream)
            case .ended(.reset): return .failure(.reset)
            case .timedOut, .response, .unreadableResponse: return .failure(.timedOut)
            }
        }
        return .success(pending.removeFirst())
    }
    /// The next complete data message (frames joined), skipping control frames.
    public func nextMessage(deadline: Deadline) throws(SocketError) -> Result<(opcode: Opcode, payload: [UInt8], compressed: Bool), ReadEnd>
    {
        var opcode: Opcode?
        var payload: [UInt8] = []
        var compressed = false
        while true {
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
    /// A close frame arrived instead of a message.
    case closeFrame(ClosePayload)
}
