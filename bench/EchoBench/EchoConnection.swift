import Client
import PerMessageDeflate
import Platform
import Transport
import Wire

/// Why a benchmark run stopped: a target or tool problem, never a measurement.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One benchmark connection: wsconform's `ClientSession` after the opening handshake, with the
/// negotiated permessage-deflate channel (RFC 7692) when the server agreed to one.
///
/// Driven by one thread at a time, like the session it wraps.
final class EchoConnection: @unchecked Sendable {
    // @unchecked: `ClientSession` and `DeflateChannel` are themselves one-thread-at-a-time.
    let session: ClientSession
    let channel: DeflateChannel?
    /// The server's `Sec-WebSocket-Extensions` answer, if any.
    let extensions: String?
    /// Our own compressor, at `--client-level` rather than the channel's zlib default, so that
    /// client-side compression costs little next to the server's work.
    private let compressor: MessageCompressor?
    private let timeout: Duration
    /// Octets put on the wire for the last message sent (header included, after compression).
    private(set) var lastWireSize = 0

    /// Connects to `url` and completes the opening handshake, offering permessage-deflate when asked.
    init(url: TargetURL, deflate: Bool, compressionLevel: Int, timeout: Duration) throws(BenchFailure) {
        self.timeout = timeout
        let deadline = Deadline.after(timeout)
        let offered = deflate ? ["permessage-deflate; client_max_window_bits"] : []
        do {
            let request = HandshakeRequest.standard(
                host: url.hostHeader, target: url.resource, key: AcceptKey.randomKey(), extensions: offered)
            session = try ClientSession(dialing: url, dialer: Dialer(), request: request, deadline: deadline)
            let answer = session.response.fields.values("Sec-WebSocket-Extensions")
            extensions = answer.isEmpty ? nil : answer.joined(separator: ", ")
            channel = try DeflateChannel.client(offered: offered, response: answer)
            compressor = try channel.map { channel in
                try MessageCompressor(PerMessageDeflateConfiguration(agreed: channel.parameters, role: .client), level: compressionLevel)
            }
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure("\(url): \(error)")
        }
    }

    /// The wire form of one binary message: compressed when deflate was agreed, masked with a
    /// fresh key (RFC 6455 §5.3).
    func encode(_ payload: [UInt8]) -> [UInt8] {
        var frame = Frame(opcode: .binary, payload: payload)
        if let compressor {
            frame.rsv = .rsv1
            frame.payload = compressor.compress(payload)
        }
        var generator = SystemRandomNumberGenerator()
        frame.maskingKey = MaskingKey.random(using: &generator)
        return FrameEncoder.encode(frame)
    }

    /// Writes pre-encoded frame octets.
    func write(_ wire: [UInt8]) throws(BenchFailure) {
        lastWireSize = wire.count
        let outcome: WriteOutcome
        do {
            outcome = try session.write(wire, deadline: .after(timeout))
        } catch {
            throw BenchFailure("send: \(error)")
        }
        guard case .written = outcome else { throw BenchFailure("send: \(outcome)") }
    }

    /// The next data message's application payload (inflated when it came compressed).
    func receive() throws(BenchFailure) -> [UInt8] {
        let result: Result<(opcode: Opcode, payload: [UInt8], compressed: Bool), ReadEnd>
        do {
            result = try session.nextMessage(deadline: .after(timeout))
        } catch {
            throw BenchFailure("receive: \(error)")
        }
        switch result {
        case .failure(let end):
            throw BenchFailure("waiting for the echo: \(end)")
        case .success(let message):
            guard message.compressed else { return message.payload }
            guard let channel else { throw BenchFailure("a compressed echo without permessage-deflate agreed") }
            switch channel.decompress(message.payload, maxOutput: 64 << 20) {
            case .success(let plain): return plain
            case .failure(let failure): throw BenchFailure("inflating the echo: \(failure)")
            }
        }
    }

    /// Sends `payload` and returns the echoed payload.
    func roundTrip(_ payload: [UInt8]) throws(BenchFailure) -> [UInt8] {
        try write(encode(payload))
        return try receive()
    }

    /// The closing handshake (RFC 6455 §7), best effort within a short deadline, then TCP close.
    func close() {
        let deadline = Deadline.after(.seconds(2))
        let close = Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded())
        if case .written? = try? session.send(close, deadline: deadline) {
            var frames = 0
            while frames < 1000, case .success(let decoded)? = try? session.nextFrame(deadline: deadline) {
                if decoded.frame.opcode == .close { break }
                frames += 1
            }
        }
        session.connection.close(abortive: false)
    }
}
