import Foundation
import ProcessSupport
import Reports
import Testing

/// A compressed round trip (RFC 7692) as a user runs it: OK when the server agrees to
/// permessage-deflate, UNIMPLEMENTED (a pass: the extension is optional) when it declines,
/// FAILED when what it echoes inflates to other octets.
@Suite("CLI: compression cases")
struct CompressionCaseTests {
    static func run(_ arguments: [String], _ name: String) throws -> (status: Int32, cases: [CaseReport]) {
        let server = try ServeProcess(arguments)
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory(name)
        let outcome = try CLI.run(["run", server.url, "--cases", "compression.round-trip.*", "--report-dir", directory.path])
        return (outcome.status, try ExitCodeTests.report(in: directory).targets[0].cases)
    }

    @Test("OK against serve, UNIMPLEMENTED against serve --no-deflate, FAILED when the echo is corrupted")
    func verdicts() throws {
        let agreed = try Self.run([], "compression-ok")
        #expect(agreed.status == 0)
        #expect(
            agreed.cases.count == 2 && agreed.cases.allSatisfy { $0.behaviour == "OK" && $0.close == "OK" },
            "\(agreed.cases.map(\.reasons))")
        let declined = try Self.run(["--no-deflate"], "compression-declined")
        #expect(declined.status == 0, "an optional extension declined passes")
        #expect(declined.cases.allSatisfy { $0.behaviour == "UNIMPLEMENTED" && $0.close == "OK" }, "\(declined.cases.map(\.reasons))")
        #expect(declined.cases.allSatisfy { $0.reasons.first?.contains("declined the permessage-deflate offer") == true })
        let corrupted = try Self.run(["--fault", "corrupt-echo"], "compression-corrupt")
        #expect(corrupted.status == 1)
        #expect(corrupted.cases.allSatisfy { $0.behaviour == "FAILED" }, "\(corrupted.cases.map(\.reasons))")
    }
}
