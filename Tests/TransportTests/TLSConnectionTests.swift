import ProcessSupport
import Cases
import Foundation
import Platform
import Testing

@testable import Transport

/// A TLS server on 127.0.0.1 for one connection: accepts TCP, runs the server handshake and
/// hands the session to `serve`, on a thread of its own; the listener is closed at the end.
@discardableResult
func withTLSServer<Value: Sendable>(
    _ fixture: CertificateFixture, _ serve: @escaping @Sendable (TLSConnection, TCPConnection) throws -> Value,
    client: (UInt16) throws -> Void
) throws -> Value {
    let context = try TLSServerContext(certificateChainFile: fixture.certificateFile, privateKeyFile: fixture.keyFile)
    return try withServer({ tcp in
        let tls = try TLSConnection.accept(over: tcp, context: context, deadline: .after(.seconds(5)))
        defer { tls.close(abortive: false) }
        return try serve(tls, tcp)
    }) { listener in try client(listener.port) }
}

/// Connects a TLS client to 127.0.0.1:`port`, naming the server `host`.
func connectTLS(port: UInt16, host: String, _ configuration: TLSConfiguration) throws -> TLSConnection {
    let tcp = try TCPConnection.connect(host: "127.0.0.1", port: port, deadline: .after(.seconds(5)))
    return try TLSConnection.connect(over: tcp, host: host, configuration: configuration, deadline: .after(.seconds(5)))
}

/// One handshake attempt against a server with `fixture`'s certificate; each side's error,
/// nil for a side whose handshake succeeded.
func handshakeErrors(
    _ fixture: CertificateFixture, host: String, _ configuration: TLSConfiguration
) throws -> (client: TLSError?, server: (any Error)?) {
    let context = try TLSServerContext(certificateChainFile: fixture.certificateFile, privateKeyFile: fixture.keyFile)
    let listener = try TCPListener(host: "127.0.0.1", port: 0)
    defer { listener.close() }
    let server = Background { () throws -> Void in
        guard let tcp = try listener.accept(deadline: .after(.seconds(5))) else {
            throw SocketError("accept", detail: "no client within 5 s")
        }
        try TLSConnection.accept(over: tcp, context: context, deadline: .after(.seconds(5))).close(abortive: false)
    }
    var clientError: TLSError?
    do {
        try connectTLS(port: listener.port, host: host, configuration).close(abortive: false)
    } catch let error as TLSError {
        clientError = error
    }
    var serverError: (any Error)?
    do { try server.value() } catch { serverError = error }
    return (clientError, serverError)
}

/// Echoes what arrives until the client closes; returns what the server's handshake settled.
func echoUntilClosed(_ tls: TLSConnection) throws -> TLSNegotiation {
    // Bounded by the deadline: each pass reads at least one octet or ends the loop.
    let deadline = Deadline.after(.seconds(5))
    while case .bytes(let bytes) = try tls.read(maxBytes: 4096, deadline: deadline) {
        guard try tls.write(bytes, deadline: deadline) == .written else { break }
    }
    tls.shutdownWrite()
    return tls.negotiated
}

@Suite("TLSConnection over loopback with a throwaway certificate")
struct TLSConnectionTests {
    @Test("a client trusting the certificate's file completes a round trip and sees close_notify as .endOfStream")
    func verifiedRoundTrip() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let server = try withTLSServer(fixture, { tls, _ in try echoUntilClosed(tls) }) { port in
            let client = try connectTLS(port: port, host: "localhost", TLSConfiguration(caFile: fixture.certificateFile))
            defer { client.close(abortive: false) }
            let message = Array("hello, tls".utf8)
            #expect(try client.write(message, deadline: .after(.seconds(5))) == .written)
            #expect(try readExactly(message.count, from: client, deadline: .after(.seconds(5))).bytes == message)
            client.shutdownWrite()
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(5))) == .endOfStream)
            #expect(client.failure == nil)
            let facts = client.negotiated
            #expect(facts.protocolVersion == "TLSv1.3")
            #expect(!facts.cipher.isEmpty && facts.cipher != "none")
            #expect(facts.alpn == "http/1.1")
            #expect(facts.serverName == "localhost")
            #expect(facts.peerSubject?.contains("CN=localhost") == true)
            #expect(facts.peerNotAfter?.contains("GMT") == true)
        }
        #expect(server.serverName == "localhost")  // SNI reached the server
        #expect(server.alpn == "http/1.1")
        #expect(server.peerSubject == nil)  // no client certificate asked for
    }

    @Test("without the certificate's file a self-signed server fails verification, naming the reason")
    func verificationFails() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let (client, server) = try handshakeErrors(fixture, host: "localhost", TLSConfiguration())
        #expect(client?.verifyResult?.contains("self-signed") == true)
        #expect(client?.description.contains("certificate verify failed") == true)
        // The client's alert tells the server why.
        #expect((server as? TLSError)?.description.contains("alert") == true)
    }

    @Test("insecure accepts the self-signed certificate")
    func insecureAccepts() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        try withTLSServer(fixture, { tls, _ in try echoUntilClosed(tls) }) { port in
            let client = try connectTLS(port: port, host: "localhost", TLSConfiguration(verifyPeer: false))
            defer { client.close(abortive: false) }
            #expect(try client.write([1, 2, 3], deadline: .after(.seconds(5))) == .written)
            #expect(try readExactly(3, from: client, deadline: .after(.seconds(5))).bytes == [1, 2, 3])
        }
    }

    @Test("a trusted certificate for another name fails the host name check")
    func hostnameMismatch() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let configuration = TLSConfiguration(caFile: fixture.certificateFile)
        let (client, server) = try handshakeErrors(fixture, host: "example.com", configuration)
        #expect(client?.verifyResult?.contains("mismatch") == true)
        #expect(server is TLSError)
    }

    @Test("an IP literal host sends no SNI and is matched against the certificate's IP address")
    func ipLiteralHost() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let server = try withTLSServer(fixture, { tls, _ in try echoUntilClosed(tls) }) { port in
            let client = try connectTLS(port: port, host: "127.0.0.1", TLSConfiguration(caFile: fixture.certificateFile))
            client.close(abortive: false)
        }
        #expect(server.serverName == nil)
    }

    @Test("with keyLogPath set, the handshake's secrets are appended in NSS key log format")
    func keyLog() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let path = fixture.path("keys.log")
        try withTLSServer(fixture, { tls, _ in try echoUntilClosed(tls) }) { port in
            let configuration = TLSConfiguration(caFile: fixture.certificateFile, keyLogPath: path)
            let client = try connectTLS(port: port, host: "localhost", configuration)
            client.close(abortive: false)
        }
        let log = try String(contentsOfFile: path, encoding: .utf8)
        #expect(log.contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))
        #expect(log.contains("CLIENT_TRAFFIC_SECRET_0 "))
        #expect(log.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 3 })
    }

    @Test("TCP FIN without close_notify reads as .reset, with the reason kept")
    func finWithoutCloseNotify() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        try withTLSServer(
            fixture,
            { tls, tcp in
                _ = try tls.write([5], deadline: .after(.seconds(5)))
                tcp.shutdownWrite()  // FIN below TLS: no close_notify
                return try tls.read(maxBytes: 1, deadline: .after(.seconds(5)))
            }
        ) { port in
            let client = try connectTLS(port: port, host: "localhost", TLSConfiguration(caFile: fixture.certificateFile))
            defer { client.close(abortive: false) }
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(5))) == .bytes([5]))
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(5))) == .reset)
            #expect(client.failure?.description.contains("close_notify") == true)
        }
    }

    @Test("the peer's abortive close reads as .reset, and a write then reports .peerClosed")
    func abortiveClose() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        try withTLSServer(fixture, { tls, _ in tls.close(abortive: true) }) { port in
            let client = try connectTLS(port: port, host: "localhost", TLSConfiguration(caFile: fixture.certificateFile))
            defer { client.close(abortive: false) }
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(5))) == .reset)
            // Writing to a reset peer is data too (and raises no SIGPIPE).
            #expect(try client.write([1], deadline: .after(.seconds(5))) == .peerClosed(written: 0))
        }
    }

    @Test("chopped writes and a 300 KB write arrive whole and in order")
    func chopAndBulk() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let chopped = Array("one record per octet".utf8)
        let bulk = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let received = try withTLSServer(
            fixture,
            { tls, _ in
                try readExactly(chopped.count + bulk.count, from: tls, deadline: .after(.seconds(10))).bytes
            }
        ) { port in
            let client = try connectTLS(port: port, host: "localhost", TLSConfiguration(caFile: fixture.certificateFile))
            defer { client.close(abortive: false) }
            let (outcome, cuts) = try client.send(
                chopped, controls: WireControls(chopSize: 1, flushEachWrite: true), deadline: .after(.seconds(5)))
            #expect(outcome == .written)
            #expect(cuts == Array(1..<chopped.count))
            #expect(try client.write(bulk, deadline: .after(.seconds(10))) == .written)
            #expect(try client.waitUntilFlushed(deadline: .after(.seconds(10))))
            // The server closes once it has everything.
            #expect(try client.read(maxBytes: 16, deadline: .after(.seconds(10))) == .endOfStream)
        }
        #expect(received == chopped + bulk)
    }
}
