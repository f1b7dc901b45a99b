import Client
import Foundation
import ProcessSupport
import Testing
import Transport
import Wire

/// Interop with a WebSocket implementation written by others (Python `websockets`), both
/// ways, plain and compressed, plus a `wss://` round trip against `wsconform serve`.
@Suite("Interop with Python websockets and wsconform serve", .serialized)
struct InteropTests {
    @Test("our client gets exact echoes from a websockets server", arguments: [false, true])
    func clientAgainstWebsockets(deflate: Bool) throws {
        try Tools.requirePython()
        let server = try Subprocess(Tools.python, [Tools.script("echo_server.py")])
        defer { server.stop() }
        guard let line = server.waitForLine(timeout: 20, where: { $0.hasPrefix("PORT ") }), let port = Tools.port(in: line) else {
            Issue.record("websockets server did not start: \(server.printed)")
            return
        }
        let outcome = try EchoExchange(url: TargetURL(secure: false, host: "127.0.0.1", port: port), offerDeflate: deflate).run()
        if deflate { #expect(outcome.extensions?.contains("permessage-deflate") == true) } else { #expect(outcome.extensions == nil) }
        for message in EchoExchange.messages { #expect(outcome.results[message.name] == true, "\(message.name)") }
        #expect(outcome.pongMatched)
        #expect(outcome.closeCode == .normalClosure)
    }

    @Test("the websockets client gets exact echoes from wsconform serve", arguments: [false, true])
    func websocketsAgainstServe(deflate: Bool) throws {
        try Tools.requirePython()
        try Tools.requireWsconform()
        let server = try Subprocess(Tools.wsconform, ["serve", "--port", "0"])
        defer { server.stop() }
        guard let line = server.waitForLine(timeout: 20, where: { $0.contains("listening on") }), let port = Tools.port(in: line) else {
            Issue.record("wsconform serve did not start: \(server.printed)")
            return
        }
        let client = try Subprocess(
            Tools.python, [Tools.script("echo_client.py"), "ws://127.0.0.1:\(port)/"] + (deflate ? ["--deflate"] : []))
        defer { client.stop() }
        let status = client.waitForExit(timeout: 120)
        let printed = client.printed
        #expect(status == 0, "\(printed)")
        for name in ["text", "binary 1 MiB", "binary 16 MiB", "fragmented text", "ping", "close"] {
            #expect(printed.contains("ok \(name)\n"), "\(name): \(printed)")
        }
        #expect(printed.contains("extensions permessage-deflate") == deflate, "\(printed)")
    }

    @Test("a wss:// round trip works against serve with a certificate made by openssl")
    func tlsRoundTrip() throws {
        try Tools.requireWsconform()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = try Subprocess(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        #expect(openssl.waitForExit(timeout: 60) == 0, "\(openssl.printed)")
        let server = try Subprocess(Tools.wsconform, ["serve", "--port", "0", "--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        guard let line = server.waitForLine(timeout: 20, where: { $0.contains("listening on") }), let port = Tools.port(in: line) else {
            Issue.record("wsconform serve --tls-cert did not start: \(server.printed)")
            return
        }
        #expect(line.contains("wss://"))
        var exchange = EchoExchange(url: TargetURL(secure: true, host: "localhost", port: port))
        exchange.dialer.tls.caFile = cert
        let outcome = try exchange.run()
        for message in EchoExchange.messages { #expect(outcome.results[message.name] == true, "\(message.name)") }
        #expect(outcome.closeCode == .normalClosure)
        // Verification is on by default: without the CA file the self-signed certificate is refused.
        #expect(throws: ClientError.self) { try EchoExchange(url: TargetURL(secure: true, host: "localhost", port: port)).run() }
        if FileManager.default.isExecutableFile(atPath: Tools.python) {
            let client = try Subprocess(Tools.python, [Tools.script("echo_client.py"), "wss://localhost:\(port)/", "--cafile", cert])
            #expect(client.waitForExit(timeout: 120) == 0, "\(client.printed)")
        }
    }
}
