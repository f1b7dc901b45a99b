import Client
import Foundation
import PerMessageDeflate
import Platform
import Testing
import Transport
import Wire

@testable import ReferenceServer

/// The reference server over real loopback sockets: handshake, echo, close, concurrency, and
/// the server-wide faults (crash, hang) that only show across connections.
@Suite("Reference server over loopback")
struct ReferenceServerIOTests {
    static func withServer(_ configuration: ServerConfiguration = ServerConfiguration(), _ body: (ReferenceServer) throws -> Void) throws {
        let server = try ReferenceServer(configuration: configuration)
        server.start()
        defer { server.stop() }
        try body(server)
    }

    static func open(_ server: ReferenceServer, extensions: [String] = [], timeout: Duration = .seconds(5)) throws -> ClientSession {
        let url = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        let deadline = Deadline.after(timeout)
        let connection = try Dialer().connect(url, deadline: deadline)
        let request = HandshakeRequest.standard(host: url.hostHeader, key: AcceptKey.randomKey(), extensions: extensions)
        return try ClientSession(connection: connection, request: request, deadline: deadline)
    }

    static func closeFrame(_ session: ClientSession, timeout: Duration = .seconds(5)) throws -> CloseCode?? {
        let deadline = Deadline.after(timeout)
        while case .success(let decoded) = try session.nextFrame(deadline: deadline) {
            if decoded.frame.opcode == .close { return .some(ClosePayload.parse(decoded.frame.payload).payload.code) }
        }
        return nil
    }

    @Test("echoes, answers a close with the same code, then closes TCP first")
    func echoAndClose() throws {
        try Self.withServer { server in
            let session = try Self.open(server)
            #expect(session.response.fields["Server"] == "wsconform-reference")
            _ = try session.send(.text("Hello"), deadline: .after(.seconds(5)))
            guard case .success(let echo) = try session.nextMessage(deadline: .after(.seconds(5))) else { return #expect(Bool(false)) }
            #expect(echo.payload == Array("Hello".utf8) && echo.opcode == .text)
            _ = try session.send(
                Frame(opcode: .close, payload: ClosePayload(code: CloseCode(rawValue: 4000)).encoded()), deadline: .after(.seconds(5)))
            #expect(try Self.closeFrame(session) == .some(CloseCode(rawValue: 4000)))
            #expect(try session.connection.read(maxBytes: 10, deadline: .after(.seconds(5))) == .endOfStream)
        }
    }

    @Test("shutting down sends each open connection a Close with 1001, waits for the answer, and refuses new ones")
    func shutDownGoesAway() throws {
        let server = try ReferenceServer()
        server.start()
        defer { server.stop() }
        let sessions = try (0..<3).map { _ in try Self.open(server) }
        _ = try sessions[0].send(.text("Hello"), deadline: .after(.seconds(5)))
        guard case .success = try sessions[0].nextMessage(deadline: .after(.seconds(5))) else { return #expect(Bool(false)) }
        let done = DispatchSemaphore(value: 0)
        let started = ContinuousClock.now
        Thread {
            server.shutDown(grace: .seconds(10))
            done.signal()
        }.start()
        for session in sessions {
            #expect(try Self.closeFrame(session) == .some(.goingAway))
            _ = try session.send(Frame(opcode: .close, payload: ClosePayload(code: .goingAway).encoded()), deadline: .after(.seconds(5)))
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(ContinuousClock.now - started < .seconds(5), "answered Closes end the shutdown, not the grace")
        let url = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        #expect(throws: (any Error).self) { _ = try ClientSession(dialing: url, dialer: Dialer(), request: HandshakeRequest.standard(host: url.hostHeader, key: AcceptKey.randomKey()), deadline: .after(.seconds(2))) }
    }

    @Test("refuses a bad handshake with 400 and an unknown version with 426")
    func handshakeRefusals() throws {
        try Self.withServer { server in
            for (request, status) in [
                ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "400"),
                (
                    "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 7\r\n\r\n",
                    "426"
                ),
            ] {
                let tcp = try TCPConnection.connect(host: "127.0.0.1", port: server.port, deadline: .after(.seconds(5)))
                defer { tcp.close(abortive: false) }
                _ = try tcp.write(Array(request.utf8), deadline: .after(.seconds(5)))
                var text = ""
                while case .bytes(let bytes) = try tcp.read(maxBytes: 4096, deadline: .after(.seconds(5))) {
                    text += String(decoding: bytes, as: UTF8.self)
                }
                #expect(text.hasPrefix("HTTP/1.1 \(status) "), "\(text)")
                if status == "426" { #expect(text.contains("Sec-WebSocket-Version: 13")) }
            }
        }
    }

    @Test("fails fast with 1007 inside a text frame that is still arriving")
    func failFastOverTheWire() throws {
        try Self.withServer { server in
            let session = try Self.open(server)
            let frame = Frame(
                opcode: .text, maskingKey: MaskingKey(1, 2, 3, 4), payload: [0x41, 0xC0] + [UInt8](repeating: 0x41, count: 998))
            let bytes = FrameEncoder.encode(frame)
            // Only the header and the first 2 payload octets: the frame is far from complete.
            _ = try session.connection.write(Array(bytes.prefix(10)), deadline: .after(.seconds(5)))
            #expect(try Self.closeFrame(session) == .some(.invalidFramePayloadData))
        }
    }

    @Test("fails fast with 1007 in a compressed message before its last frame")
    func failFastCompressed() throws {
        try Self.withServer { server in
            let offer = ["permessage-deflate"]
            let session = try Self.open(server, extensions: offer)
            let channel = try #require(
                try DeflateChannel.client(offered: offer, response: session.response.fields.values("Sec-WebSocket-Extensions")))
            let compressed = channel.compress([0x41, 0xED, 0xA0, 0x80] + Array(String(repeating: "x", count: 500).utf8))
            _ = try session.send(
                Frame(fin: false, rsv: .rsv1, opcode: .text, payload: Array(compressed.prefix(compressed.count / 2))),
                deadline: .after(.seconds(5)))
            #expect(try Self.closeFrame(session) == .some(.invalidFramePayloadData))
        }
    }

    @Test("fails a message over the size limit with 1009, also after inflation")
    func sizeLimit() throws {
        var configuration = ServerConfiguration()
        configuration.maxMessageSize = 4096
        try Self.withServer(configuration) { server in
            let plain = try Self.open(server)
            _ = try plain.send(Frame(opcode: .binary, payload: .init(repeating: 1, count: 4097)), deadline: .after(.seconds(5)))
            #expect(try Self.closeFrame(plain) == .some(.messageTooBig))
            let offer = ["permessage-deflate"]
            let compressed = try Self.open(server, extensions: offer)
            #expect(try DeflateChannel.client(offered: offer, response: compressed.response.fields.values("Sec-WebSocket-Extensions")) != nil)
            let bomb = try MessageCompressor.zeros(count: 1 << 20)
            #expect(bomb.count < 4096)
            _ = try compressed.send(Frame(rsv: .rsv1, opcode: .binary, payload: bomb), deadline: .after(.seconds(5)))
            #expect(try Self.closeFrame(compressed) == .some(.messageTooBig))
        }
    }

    @Test("serves many connections at once")
    func concurrency() throws {
        try Self.withServer { server in
            let sessions = try (0..<64).map { _ in try Self.open(server) }
            for (index, session) in sessions.enumerated() {
                _ = try session.send(Frame(opcode: .binary, payload: Array("message \(index)".utf8)), deadline: .after(.seconds(5)))
            }
            for (index, session) in sessions.enumerated() {
                guard case .success(let echo) = try session.nextMessage(deadline: .after(.seconds(10))) else { return #expect(Bool(false)) }
                #expect(echo.payload == Array("message \(index)".utf8))
                session.connection.close(abortive: false)
            }
            #expect(server.acceptedConnections == 64)
        }
    }

    /// Polls `condition` until it holds or a minute passes: the wait for an event the server
    /// reaches by itself, however slowly a loaded machine runs it.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Deadline.after(.seconds(60))
        while !condition() {
            if deadline.hasPassed { return false }
            usleep(2000)
        }
        return true
    }

    @Test("crash-on-input: the whole server dies on a close with code 1005")
    func crashFault() throws {
        try Self.withServer(ServerConfiguration(fault: .crashOnInput)) { server in
            let session = try Self.open(server)
            _ = try session.send(Frame(opcode: .close, payload: [0x03, 0xED]), deadline: .after(.seconds(5)))
            #expect(Self.eventually { server.hasCrashed })
            // Crashed: the connection is gone without a Close, and nothing listens any more.
            #expect(try Self.closeFrame(session, timeout: .seconds(60)) == nil)
            #expect(throws: (any Error).self) { try Self.open(server, timeout: .seconds(60)) }
        }
    }

    @Test("hang-on-input: the whole server stops serving on a frame with RSV3")
    func hangFault() throws {
        try Self.withServer(ServerConfiguration(fault: .hangOnInput)) { server in
            let first = try Self.open(server)
            _ = try first.send(Frame(rsv: .rsv3, opcode: .text, payload: [0x41]), deadline: .after(.seconds(5)))
            #expect(Self.eventually { server.isHung })
            // Hung for ever: any deadline finds no reply on this connection and no handshake
            // on a new one, so short ones are as good as long ones.
            #expect(try first.nextFrame(deadline: .after(.milliseconds(500))) == .failure(.timedOut))
            #expect(throws: ClientError.self) { try Self.open(server, timeout: .seconds(1)) }
        }
    }
}
