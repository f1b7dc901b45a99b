import Foundation
import ProcessSupport
import Reports
import Testing

/// The opening handshake's round trip, measured on the probe connection, in all four report
/// formats: within its policy's status against `serve`, failing against a server that waits
/// 1.2 s before every 101 (`--fault slow-handshake`). A measurement never changes the exit code.
@Suite("CLI: measurements in every report format")
struct MeasurementTests {
    /// Runs one case against `server` and returns the report directory and the exit status.
    static func run(_ server: ServeProcess, _ name: String) throws -> (URL, Int32) {
        let directory = try CLI.temporaryDirectory(name)
        let outcome = try CLI.run([
            "run", server.url, "--cases", "framing.text.length-0", "--format", "json,html,junit,md", "--report-dir", directory.path,
        ])
        return (directory, outcome.status)
    }

    static func text(_ directory: URL, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    @Test("the handshake round trip is reported with the status its policy gives the value")
    func measuredAgainstServe() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let (directory, status) = try Self.run(server, "measure-ok")
        #expect(status == 0)
        let report = try ExitCodeTests.report(in: directory)
        let measurement = try #require(report.targets.first?.measurements.first { $0.id == "handshake.round-trip" })
        let value = try #require(measurement.value)
        #expect(value > 0 && measurement.unit == .milliseconds)
        // The status follows from the value and the policy, whatever the machine's speed.
        #expect(measurement.status == measurement.policy?.status(of: value))
        let label = measurement.status.rawValue
        #expect(try Self.text(directory, "junit.xml").contains("name=\"measurement.handshake.round-trip\" value=\"\(measurement.formatted) (\(label))\""))
        #expect(try Self.text(directory, "summary.md").contains("(`handshake.round-trip`) | \(measurement.formatted) | \(label) |"))
        let html = try Self.text(directory, "report.html")
        #expect(html.contains("<tr class=\"m-\(label)\">") && html.contains(measurement.formatted))
    }

    @Test("a server slow to upgrade fails the handshake measurement in every format, and the run still exits 0")
    func slowHandshakeFails() throws {
        let server = try ServeProcess(["--fault", "slow-handshake"])
        defer { server.stop() }
        let (directory, status) = try Self.run(server, "measure-slow")
        #expect(status == 0, "measurements do not change the exit code")
        let report = try ExitCodeTests.report(in: directory)
        let measurement = try #require(report.targets.first?.measurements.first { $0.id == "handshake.round-trip" })
        // The server sleeps 1.2 s before each 101: a lower bound, so no machine is too fast for it.
        #expect((measurement.value ?? 0) >= 1200)
        #expect(measurement.status == .fail)
        #expect(try Self.text(directory, "junit.xml").contains("value=\"\(measurement.formatted) (fail)\""))
        #expect(try Self.text(directory, "summary.md").contains("| \(measurement.formatted) | fail |"))
        #expect(try Self.text(directory, "report.html").contains("<tr class=\"m-fail\">"))
    }
}
