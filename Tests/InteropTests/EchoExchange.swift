import Client
import PerMessageDeflate
import Platform
import ProcessSupport
import Transport
import Wire

/// Our client's side of an echo exchange: open, send messages, check exact echoes, close.
struct EchoExchange {
    let url: TargetURL
    var dialer = Dialer()
    var offerDeflate = false

    /// The messages every interop exchange checks.
    static let messages: [(name: String, opcode: Opcode, payload: [UInt8], fragment: Int?)] = [
        ("text", .text, Array("Hello, interop ✓".utf8), nil),
        ("binary 1 MiB", .binary, (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }, nil),
        ("binary 16 MiB", .binary, [UInt8]((0...255).map { UInt8($0) }).repeated(1 << 16), nil),
        ("fragmented text", .text, Array(String(repeating: "fragment ✓ ", count: 300).utf8), 100),
    ]

    struct Outcome {
        var extensions: String?
        var results: [String: Bool] = [:]
        var closeCode: CloseCode?
        var pongMatched = false
    }

    func run() throws -> Outcome {
        let deadline = Deadline.after(.seconds(60))
        let connection = try dialer.connect(url, deadline: deadline)
        defer { connection.close(abortive: false) }
        let request = HandshakeRequest.standard(
            host: url.hostHeader, target: url.resource, key: AcceptKey.randomKey(),
            extensions: offerDeflate ? ["permessage-deflate; client_max_window_bits"] : [])
        let session = try ClientSession(connection: connection, request: request, deadline: deadline)
        var outcome = Outcome(extensions: session.response.fields["Sec-WebSocket-Extensions"])
        let channel = try DeflateChannel.client(
            offered: request.fields.values("Sec-WebSocket-Extensions"), response: session.response.fields.values("Sec-WebSocket-Extensions")
        )
        for message in Self.messages {
            let body = channel?.compress(message.payload) ?? message.payload
            let rsv: ReservedBits = channel == nil ? [] : .rsv1
            var offset = 0
            repeat {
                let end = min(body.count, offset + (message.fragment ?? max(1, body.count)))
                let frame = Frame(
                    fin: end == body.count, rsv: offset == 0 ? rsv : [], opcode: offset == 0 ? message.opcode : .continuation,
                    payload: Array(body[offset..<end]))
                guard case .written = try session.send(frame, deadline: deadline) else { throw SetupError("write failed") }
                offset = end
            } while offset < body.count
            guard case .success(let echoed) = try session.nextMessage(deadline: deadline) else {
                outcome.results[message.name] = false
                continue
            }
            var plain = echoed.payload
            if echoed.compressed {
                guard let channel, case .success(let inflated) = channel.decompress(echoed.payload, maxOutput: 64 << 20) else {
                    outcome.results[message.name] = false
                    continue
                }
                plain = inflated
            }
            outcome.results[message.name] = echoed.opcode == message.opcode && plain == message.payload
        }
        _ = try session.send(Frame(opcode: .ping, payload: Array("interop".utf8)), deadline: deadline)
        while case .success(let decoded) = try session.nextFrame(deadline: deadline) {
            if decoded.frame.opcode == .pong {
                outcome.pongMatched = decoded.frame.payload == Array("interop".utf8)
                break
            }
        }
        _ = try session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
        while case .success(let decoded) = try session.nextFrame(deadline: deadline) {
            if decoded.frame.opcode == .close {
                outcome.closeCode = ClosePayload.parse(decoded.frame.payload).payload.code
                break
            }
        }
        return outcome
    }
}

extension Array {
    func repeated(_ times: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count * times)
        for _ in 0..<times { result.append(contentsOf: self) }
        return result
    }
}
