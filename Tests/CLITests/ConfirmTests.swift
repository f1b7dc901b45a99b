import Foundation
import ProcessSupport
import Reports
import Testing

/// A verdict that changes when a case runs again is reported as timing-dependent with each
/// verdict seen, never hidden: `serve --fault flaky-echo` corrupts only the first echo of each
/// payload, so every case fails once and passes when confirmed.
@Suite("CLI: confirmation runs catch timing-dependent verdicts", .serialized)
struct ConfirmTests {
    static let cases = "framing.text.length-12*,framing.binary.length-12*"

    @Test("a case that fails, then passes when run again, is reported timing-dependent with both verdicts; the first stands")
    func flakyIsReported() throws {
        let server = try ServeProcess(["--fault", "flaky-echo"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("confirm-flaky")
        let outcome = try CLI.run(["run", server.url, "--cases", Self.cases, "--report-dir", directory.path])
        #expect(outcome.status == 1, "\(outcome.output)")
        let cases = try ExitCodeTests.report(in: directory).targets[0].cases
        #expect(cases.count == 8)
        for item in cases {
            #expect(item.behaviour == "FAILED", "\(item.id): the first run's verdict stands")
            #expect(item.verdictsSeen?.contains { $0.hasPrefix("FAILED / ") } == true, "\(item.id): \(item.verdictsSeen ?? [])")
            #expect(item.verdictsSeen?.contains { $0.hasPrefix("OK / OK") } == true, "\(item.id): \(item.verdictsSeen ?? [])")
            #expect(item.reasons.contains { $0.hasPrefix("timing-dependent:") })
        }
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("(timing-dependent)"))
    }

    @Test("--confirm 0 runs each case once: nothing is marked")
    func noConfirmation() throws {
        let server = try ServeProcess(["--fault", "flaky-echo"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("confirm-none")
        let outcome = try CLI.run(["run", server.url, "--cases", Self.cases, "--confirm", "0", "--report-dir", directory.path])
        #expect(outcome.status == 1, "\(outcome.output)")
        let cases = try ExitCodeTests.report(in: directory).targets[0].cases
        #expect(cases.allSatisfy { $0.verdictsSeen == nil && $0.behaviour == "FAILED" })
    }

    @Test("a steady failure is confirmed, not marked")
    func steadyFailure() throws {
        let server = try ServeProcess(["--fault", "corrupt-echo"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("confirm-steady")
        let outcome = try CLI.run(["run", server.url, "--cases", Self.cases, "--confirm", "2", "--report-dir", directory.path])
        #expect(outcome.status == 1, "\(outcome.output)")
        let cases = try ExitCodeTests.report(in: directory).targets[0].cases
        #expect(cases.allSatisfy { $0.verdictsSeen == nil && $0.behaviour == "FAILED" })
    }
}
