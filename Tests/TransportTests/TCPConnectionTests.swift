import Cases
import Testing

@testable import Transport

/// Whether this host can listen on the IPv6 loopback address.
let ipv6LoopbackAvailable: Bool = {
    guard let listener = try? TCPListener(host: "::1", port: 0) else { return false }
    listener.close()
    return true
}()

/// A listener on `host` whose first accepted connection is handed to `serve` on a thread of its own.
@discardableResult
func withServer<Value: Sendable>(
    host: String = "127.0.0.1", _ serve: @escaping @Sendable (TCPConnection) throws -> Value,
    client: (TCPListener) throws -> Void
) throws -> Value {
    let listener = try TCPListener(host: host, port: 0)
    defer { listener.close() }
    let server = Background { () throws -> Value in
        guard let connection = try listener.accept(deadline: .after(.seconds(5))) else {
            throw SocketError("accept", detail: "no client within 5 s")
        }
        defer { connection.close(abortive: false) }
        return try serve(connection)
    }
    try client(listener)
    return try server.value()
}

@Suite("TCPConnection and TCPListener over loopback")
struct TCPConnectionTests {
    func echo(host: String) throws {
        let message = Array("hello over \(host)".utf8)
        let received = try withServer(
            host: host,
            { connection in
                let (bytes, _) = try readExactly(message.count, from: connection, deadline: .after(.seconds(5)))
                #expect(try connection.write(bytes, deadline: .after(.seconds(5))) == .written)
                return bytes
            }
        ) { listener in
            let client = try TCPConnection.connect(host: host, port: listener.port, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            #expect(try client.write(message, deadline: .after(.seconds(5))) == .written)
            let (echoed, last) = try readExactly(message.count, from: client, deadline: .after(.seconds(5)))
            #expect(echoed == message)
            #expect(last == nil)
        }
        #expect(received == message)
    }

    @Test("bytes written over 127.0.0.1 come back in order")
    func echoIPv4() throws { try echo(host: "127.0.0.1") }

    @Test("bytes written over ::1 come back in order", .enabled(if: ipv6LoopbackAvailable))
    func echoIPv6() throws { try echo(host: "::1") }

    @Test("a read with nothing to read returns .timedOut at its deadline")
    func readTimesOut() throws {
        try withServer({ connection in
            // Wait for the client to finish (its FIN), sending nothing meanwhile.
            try connection.read(maxBytes: 1, deadline: .after(.seconds(5)))
        }) { listener in
            let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            let start = ContinuousClock.now
            #expect(try client.read(maxBytes: 16, deadline: .after(.milliseconds(150))) == .timedOut)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(140))
            // A liveness guard, not a timing: how far past its deadline a read returns is
            // measured by bench/deadlines.sh (tcp.read-deadline).
            #expect(elapsed < .seconds(60))
        }
    }

    @Test("the peer's FIN reads as .endOfStream, after the data before it")
    func finIsEndOfStream() throws {
        try withServer({ connection in
            _ = try connection.write([1, 2, 3], deadline: .after(.seconds(5)))
            connection.shutdownWrite()
            // Stay open until the client is done, so only the FIN ends the stream.
            return try connection.read(maxBytes: 1, deadline: .after(.seconds(5)))
        }) { listener in
            let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            let (bytes, last) = try readExactly(4, from: client, deadline: .after(.seconds(5)))
            #expect(bytes == [1, 2, 3])
            #expect(last == .endOfStream)
        }
    }

    @Test("the peer's abortive close reads as .reset, and writes then report .peerClosed")
    func abortiveCloseIsReset() throws {
        try withServer({ connection in
            // Wait for the client's octet: a reset racing the client's connect would fail the
            // connect itself (SO_ERROR reports ECONNRESET) instead of reading as data.
            _ = try connection.read(maxBytes: 1, deadline: .after(.seconds(5)))
            connection.close(abortive: true)
        }) { listener in
            let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            #expect(try client.write([0], deadline: .after(.seconds(5))) == .written)
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(5))) == .reset)
            let outcome = try client.write([UInt8](repeating: 7, count: 1024), deadline: .after(.seconds(5)))
            #expect(outcome == .peerClosed(written: 0))
        }
    }

    @Test("connecting to a port nobody listens on fails with ECONNREFUSED")
    func connectionRefused() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let port = listener.port
        listener.close()
        let error = #expect(throws: SocketError.self) {
            _ = try TCPConnection.connect(host: "127.0.0.1", port: port, deadline: .after(.seconds(5)))
        }
        #expect(error?.errno == .connectionRefused)
    }

    @Test("chopped, flushed writes report their cut offsets and arrive whole and in order")
    func chopControls() throws {
        let message = Array("chop me into single octets".utf8)
        let received = try withServer({ connection in
            try readExactly(message.count, from: connection, deadline: .after(.seconds(5))).bytes
        }) { listener in
            let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            let controls = WireControls(chopSize: 1, flushEachWrite: true)
            let (outcome, cuts) = try client.send(message, controls: controls, deadline: .after(.seconds(5)))
            #expect(outcome == .written)
            #expect(cuts == Array(1..<message.count))
        }
        #expect(received == message)
    }

    @Test("a listener with no client returns nil from accept at its deadline")
    func acceptTimesOut() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        #expect(try listener.accept(deadline: .after(.milliseconds(50))) == nil)
    }
}
