import Foundation
import ProcessSupport
import Reports
import Testing

/// `wsconform check` as a release manager runs it: the serve flags set the posture, the
/// checklist opens the output and the reports, and a failed item is exit code 1.
@Suite("CLI: check")
struct CheckCommandTests {
    static let configured = [
        "--max-message-size", "1048576", "--allowed-origin", "https://app.example", "--ping-interval", "1s", "--idle-timeout", "30s",
        "--handshake-timeout", "2s", "--require-header", "Authorization: Bearer s3cret",
    ]

    @Test("check measures what serve is configured with; a policy it breaks exits 1")
    func configuredServer() throws {
        let server = try ServeProcess(Self.configured)
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("check")
        let arguments = [
            "check", server.url, "--cases", "handshake.*,framing.*", "--observe", "4s", "--allowed-origin", "https://app.example",
            "--header", "Authorization: Bearer s3cret", "--max-message", "1048576", "--report-dir", directory.path,
        ]
        let outcome = try CLI.run(arguments + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("pre-launch checklist"))
        #expect(!outcome.output.contains("s3cret"), "a credential reached the output")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        let measured = Dictionary(uniqueKeysWithValues: target.measurements.map { ($0.id, $0) })
        #expect((1_038_090...1_048_576).contains(Int(measured["limits.max-message-octets"]?.value ?? 0)))
        #expect(measured["origin.foreign"]?.status == .ok)
        #expect(measured["auth.without-credentials"]?.status == .ok)
        #expect((0.8...1.5).contains(measured["heartbeat.ping-interval-seconds"]?.value ?? 0))
        #expect((1.5...3).contains(measured["timeouts.handshake-seconds"]?.value ?? 0))
        #expect(target.checklist?.first { $0.id == "origin" }?.status == .ok)
        let summary = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("### Pre-launch checklist"))

        let strict = try CLI.run(
            ["check", server.url, "--cases", "framing.text.*", "--observe", "2s", "--require-tls", "--header", "Authorization: Bearer s3cret",
                "--report-dir", directory.path + "-tls",
            ]
                + CLI.patience)
        #expect(strict.status == 1, "ws:// under --require-tls fails the check: \(strict.output)")
        #expect(strict.output.contains("FAIL  TLS"))
    }

    @Test("check over wss:// measures the TLS session and the same limits through it")
    func tlsTarget() throws {
        let certificate = try CertificateFixture(days: 90)
        defer { certificate.remove() }
        let server = try ServeProcess(
            ["--tls-cert", certificate.certificateFile, "--tls-key", certificate.keyFile, "--max-message-size", "262144", "--ping-interval", "1s"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("check-tls")
        let outcome = try CLI.run(
            [
                "check", "wss://localhost:\(server.port)/", "--ca-file", certificate.certificateFile, "--cases", "handshake.*", "--observe",
                "3s", "--require-tls", "--report-dir", directory.path,
            ] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        let measured = Dictionary(uniqueKeysWithValues: target.measurements.map { ($0.id, $0) })
        #expect(["TLSv1.3", "TLSv1.2"].contains(measured["tls.version"]?.observed ?? ""))
        #expect((88...90).contains(Int(measured["tls.certificate-days-left"]?.value ?? 0)))
        #expect(measured["tls.hostname-match"]?.value == 1)
        #expect(measured["tls.legacy-versions-accepted"]?.value == 0)
        #expect(measured["transport.plain-ws-reachable"]?.value == 0)
        #expect((259_522...262_144).contains(Int(measured["limits.max-message-octets"]?.value ?? 0)))
        #expect((0.8...1.5).contains(measured["heartbeat.ping-interval-seconds"]?.value ?? 0))
        #expect(target.checklist?.first { $0.id == "tls" }?.status == .ok)
    }

    @Test("check refuses a malformed policy before connecting")
    func usage() throws {
        let outcome = try CLI.run(["check", "ws://127.0.0.1:1/", "--allowed-origin", "app.example"])
        #expect(outcome.status == 64)
        #expect(outcome.output.contains("--allowed-origin must be an origin"))
        let observe = try CLI.run(["check", "ws://127.0.0.1:1/", "--observe", "soon"])
        #expect(observe.status == 64)
    }
}
