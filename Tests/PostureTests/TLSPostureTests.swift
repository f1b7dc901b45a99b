import Cases
import ProcessSupport
import ReferenceServer
import Testing

@testable import Posture

/// The TLS probes against a `wss://` reference server with a certificate made at test time.
@Suite struct TLSPostureTests {
    @Test func currentTLSWithAFreshCertificate() throws {
        let certificate = try CertificateFixture(days: 400)
        defer { certificate.remove() }
        let server = try PostureServer(tls: certificate)
        defer { server.stop() }
        let measurements = TLSProbes.run(server.context())
        #expect(["TLSv1.3", "TLSv1.2"].contains(measurements[id: "tls.version"]?.observed ?? ""))
        #expect(measurements[id: "tls.version"]?.status == .ok)
        #expect((398...400).contains(measurements[id: "tls.certificate-days-left"]?.value ?? 0))
        #expect(measurements[id: "tls.certificate-days-left"]?.status == .ok)
        #expect(measurements[id: "tls.hostname-match"]?.status == .ok)
        #expect(measurements[id: "tls.legacy-versions-accepted"]?.status == .ok)
        #expect(measurements[id: "tls.certificate-trusted"] == nil)
        #expect(measurements[id: "transport.plain-ws-reachable"]?.value == 0, "the TLS port speaks no plain HTTP")
    }

    @Test func expiringWrongNameLegacyAndPlainTwin() throws {
        let certificate = try CertificateFixture(days: 3, subjectAltName: "DNS:other.example")
        defer { certificate.remove() }
        let server = try PostureServer(tls: certificate, acceptLegacyTLS: true)
        defer { server.stop() }
        let plain = try PostureServer()
        defer { plain.stop() }
        let measurements = TLSProbes.run(
            server.context {
                $0.plainPort = plain.url.port
                $0.requireTLS = true
            })
        #expect(measurements[id: "tls.certificate-days-left"]?.status == .fail)
        #expect(measurements[id: "tls.hostname-match"]?.status == .fail)
        #expect(measurements[id: "tls.certificate-trusted"]?.status == .fail, "the name does not verify")
        #expect(measurements[id: "tls.legacy-versions-accepted"]?.status == .fail)
        #expect(measurements[id: "transport.plain-ws-reachable"]?.status == .fail)
    }

    @Test func plainTarget() throws {
        let server = try PostureServer()
        defer { server.stop() }
        #expect(TLSProbes.run(server.context())[id: "tls.version"]?.status == .warn)
        #expect(TLSProbes.run(server.context { $0.requireTLS = true })[id: "tls.version"]?.status == .fail)
    }
}
