import Foundation
import ProcessSupport
import Reports
import Testing

/// A `wss://` target: the report records the TLS session the cases ran over.
@Suite("CLI: wss:// targets")
struct TLSTargetTests {
    @Test("the report holds the TLS version, cipher and certificate of a wss:// target")
    func tlsFacts() throws {
        let directory = try CLI.temporaryDirectory("tls")
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = try Subprocess(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        #expect(openssl.waitForExit(timeout: 60) == 0, "\(openssl.printed)")
        let server = try ServeProcess(["--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let url = "wss://localhost:\(server.port)/"
        let refused = try CLI.run(["run", url, "--cases", "framing.*", "--report-dir", directory.appendingPathComponent("refused").path])
        #expect(refused.status == 2, "an unknown CA is refused: \(refused.output)")
        let reports = directory.appendingPathComponent("reports")
        let outcome = try CLI.run(["run", url, "--cases", "framing.*", "--ca-file", cert, "--report-dir", reports.path] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let tls = try #require(try ExitCodeTests.report(in: reports).targets[0].facts?.tls)
        #expect(tls.protocolVersion.hasPrefix("TLSv1."))
        #expect(tls.certificateSubject?.contains("CN=localhost") == true, "\(tls)")
        #expect(tls.certificateNotAfter != nil && tls.alpn == "http/1.1")
    }
}
