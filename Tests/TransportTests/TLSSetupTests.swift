import ProcessSupport
import Foundation
import Testing

@testable import Transport

@Suite("TLS configuration, contexts, and TLS over memory")
struct TLSSetupTests {
    @Test("SNI defaults to the host, is left out for IP literals, and can be overridden")
    func serverNameDefaults() {
        let plain = TLSConfiguration()
        #expect(plain.sniName(forHost: "example.com") == "example.com")
        #expect(plain.sniName(forHost: "127.0.0.1") == nil)
        #expect(plain.sniName(forHost: "[::1]") == nil)
        #expect(plain.verifiedName(forHost: "[::1]") == "::1")
        let named = TLSConfiguration(serverName: "ws.example")
        #expect(named.sniName(forHost: "127.0.0.1") == "ws.example")
        #expect(named.verifiedName(forHost: "127.0.0.1") == "ws.example")
    }

    @Test("insecure is the opposite of verifyPeer")
    func insecureFlag() {
        var configuration = TLSConfiguration()
        #expect(!configuration.insecure)
        configuration.insecure = true
        #expect(!configuration.verifyPeer)
    }

    @Test("ALPN names are length-prefixed (RFC 7301 §3.1) and unexpressible names skipped")
    func alpnWireFormat() {
        #expect(TLSConfiguration.alpnWireFormat(["http/1.1"]) == [8] + Array("http/1.1".utf8))
        #expect(TLSConfiguration.alpnWireFormat(["", "h2"]) == [2, 0x68, 0x32])
    }

    @Test("a missing certificate file is a TLSError naming the file")
    func missingCertificate() {
        let error = #expect(throws: TLSError.self) {
            _ = try TLSServerContext(certificateChainFile: "/nonexistent/cert.pem", privateKeyFile: "/nonexistent/key.pem")
        }
        #expect(error?.operation == "load certificate chain")
        #expect(error?.description.contains("/nonexistent/cert.pem") == true)
        #expect(error?.reasons.isEmpty == false)
    }

    @Test("a missing CA file is a TLSError naming the file")
    func missingCAFile() {
        let error = #expect(throws: TLSError.self) {
            _ = try TLSClientContext(configuration: TLSConfiguration(caFile: "/nonexistent/ca.pem"))
        }
        #expect(error?.description.contains("/nonexistent/ca.pem") == true)
    }

    @Test("a TLS session runs over an in-memory connection pair, sharing one client context")
    func overMemory() throws {
        let fixture = try CertificateFixture()
        defer { fixture.remove() }
        let serverContext = try TLSServerContext(certificateChainFile: fixture.certificateFile, privateKeyFile: fixture.keyFile)
        let clientContext = try TLSClientContext(configuration: TLSConfiguration(caFile: fixture.certificateFile))
        // Bounded: two sessions, each waiting at most a few seconds.
        for round in 0..<2 {
            let (near, far) = InMemoryConnection.pair()
            let server = Background { () throws -> [UInt8] in
                let tls = try TLSConnection.accept(over: far, context: serverContext, deadline: .after(.seconds(5)))
                defer { tls.close(abortive: false) }
                let bytes = try readExactly(3, from: tls, deadline: .after(.seconds(5))).bytes
                _ = try tls.write(bytes.reversed(), deadline: .after(.seconds(5)))
                return bytes
            }
            let client = try TLSConnection.connect(
                over: near, host: "localhost", context: clientContext, deadline: .after(.seconds(5)))
            defer { client.close(abortive: false) }
            let message: [UInt8] = [1, 2, UInt8(round)]
            #expect(try client.write(message, deadline: .after(.seconds(5))) == .written)
            #expect(try readExactly(3, from: client, deadline: .after(.seconds(5))).bytes == message.reversed())
            #expect(try client.read(maxBytes: 8, deadline: .after(.seconds(5))) == .endOfStream)
            #expect(try server.value() == message)
            #expect(client.peerDescription == "memory:b")
        }
    }

    @Test("a handshake the peer resets is told by its flag, not its words")
    func resetPeer() throws {
        let (near, far) = InMemoryConnection.pair()
        far.close(abortive: true)
        let error = #expect(throws: TLSError.self) {
            _ = try TLSConnection.connect(over: near, host: "localhost", deadline: .after(.seconds(2)))
        }
        #expect(error?.peerReset == true && error?.timedOut == false, "\(String(describing: error))")
    }

    @Test("a handshake with a silent peer fails at its deadline")
    func silentPeer() throws {
        let (near, far) = InMemoryConnection.pair()
        defer { far.close(abortive: false) }
        let start = ContinuousClock.now
        let error = #expect(throws: TLSError.self) {
            _ = try TLSConnection.connect(over: near, host: "localhost", deadline: .after(.milliseconds(200)))
        }
        #expect(error?.description.contains("timed out") == true)
        #expect(error?.timedOut == true, "a timeout is told by its flag, not its words")
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        // The failed handshake closed the transport: the peer sees the ClientHello, then the end.
        #expect(try far.read(maxBytes: 4096, deadline: .after(.seconds(1))) != .timedOut)
    }
}
