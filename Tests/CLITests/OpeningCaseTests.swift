import Foundation
import ProcessSupport
import Reports
import Testing

/// Cases whose verdict is the answer to their opening request, run as a user runs them.
@Suite("CLI: opening-handshake cases")
struct OpeningCaseTests {
    /// The version cases of RFC 6455 §4.4 (the other handshake cases have tests of their own:
    /// CatalogueTests runs each against serve and its fault).
    static let versionCases = "handshake.version.unsupported-12,handshake.version.draft-8"

    @Test("version cases pass against serve, with the opening in the report")
    func passes() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("opening-pass")
        let outcome = try CLI.run(["run", server.url, "--cases", Self.versionCases, "--format", "json,html", "--report-dir", directory.path])
        #expect(outcome.status == 0, "\(outcome.output)")
        let cases = try ExitCodeTests.report(in: directory).targets[0].cases
        #expect(cases.map(\.id) == ["handshake.version.unsupported-12", "handshake.version.draft-8"])
        let opening = try #require(cases[0].opening)
        #expect(opening.request == "the standard request with Sec-WebSocket-Version: 12")
        #expect(opening.accepts == "a refusal with status 400–499 with Sec-WebSocket-Version listing 13")
        #expect(cases[0].reasons.first?.contains("refused the request with HTTP/1.1 426") == true, "\(cases[0].reasons)")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h4>Opening handshake</h4>"))
    }

    @Test("a server that upgrades any version, or refuses without naming its versions, fails them: exit 1")
    func fails() throws {
        for (fault, failing) in [("accept-any-version", 1), ("426-without-version", 2)] {
            let server = try ServeProcess(["--fault", fault])
            defer { server.stop() }
            let directory = try CLI.temporaryDirectory("opening-\(fault)")
            let outcome = try CLI.run(["run", server.url, "--cases", Self.versionCases, "--report-dir", directory.path])
            #expect(outcome.status == 1, "\(fault): \(outcome.output)")
            let failed = try ExitCodeTests.report(in: directory).targets[0].cases.filter { $0.behaviour == "FAILED" }
            #expect(failed.count == failing, "\(fault): \(failed.map(\.id))")
        }
    }
}
