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

/// A plain WebSocket client over any `Connection`: the smoke command, interop tests and
/// benchmarks use it. (Cases drive the wire step by step through the engine instead.)
public final class ClientSession: @unchecked Sendable {
    // @unchecked: one thread drives a session at a time; `connection` is itself Sendable.
    public let connection: any Connection
    /// The server's handshake response head.
    public let response: HTTPHead
    private var assembler: FrameAssembler
    private var pending: [DecodedFrame] = []
    private var generator = SystemRandomNumberGenerator()

    /// Performs the opening handshake on `connection` with `request`.
    public init(connection: any Connection, request: HandshakeRequest, deadline: Deadline, maxFrameSize: UInt64 = 64 << 20)
        throws(ClientError)
    {
        self.connection = connection
        var parser = HTTPHeadParser()
        do {
            guard case .written = try connection.write(request.serialized(), deadline: deadline) else {
                throw ClientError.handshakeIncomplete("the server closed the connection during the request")
            }
            while true {
                let outcome = try connection.read(maxBytes: 16 << 10, deadline: deadline)
                guard case .bytes(let bytes) = outcome else {
                    throw ClientError.handshakeIncomplete("\(outcome) before the response head ended")
                }
                switch parser.feed(bytes) {
                case .needMore: continue
                case .tooLarge(let limit): throw ClientError.handshake("response head over \(limit) bytes")
                case .malformed(let text): throw ClientError.handshake(text)
                case .complete(let head, let remainder):
                    let problems = HandshakeCheck.checkResponse(
                        head, key: request.key ?? "", offeredSubprotocols: request.fields.listElements("Sec-WebSocket-Protocol"),
                        offeredExtensions: request.fields.listElements("Sec-WebSocket-Extensions"))
                    if let first = problems.first { throw ClientError.handshake(first.description) }
                    response = head
                    let compressed = head.fields["Sec-WebSocket-Extensions"]?.lowercased().contains("permessage-deflate") == true
                    assembler = FrameAssembler(
                        decoder: FrameDecoder(sender: .server, allowedReservedBits: compressed ? .rsv1 : [], maxPayloadLength: maxFrameSize)
                    )
                    pending = assembler.feed(remainder)
                    return
                }
            }
        } catch let error as ClientError {
            throw error
        } catch let error as SocketError {
            throw ClientError.socket(error)
        } catch {
            throw ClientError.handshakeIncomplete("\(error)")
        }
    }

    /// Sends one frame, masked with a fresh key (RFC 6455 §5.3) unless it carries one.
    public func send(_ frame: Frame, controls: WireControls = .whole, deadline: Deadline) throws(SocketError) -> WriteOutcome {
        var frame = frame
        if frame.maskingKey == nil { frame.maskingKey = MaskingKey.random(using: &generator) }
        return try connection.send(FrameEncoder.encode(frame), controls: controls, deadline: deadline).outcome
    }

    /// The next frame from the server, or the read outcome that ended the wait.
    public func nextFrame(deadline: Deadline) throws(SocketError) -> Result<DecodedFrame, ReadEnd> {
        while pending.isEmpty {
            switch try connection.read(maxBytes: 256 << 10, deadline: deadline) {
            case .bytes(let bytes): pending = assembler.feed(bytes)
            case .endOfStream: return .failure(.endOfStream)
            case .reset: return .failure(.reset)
            case .timedOut: return .failure(.timedOut)
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
