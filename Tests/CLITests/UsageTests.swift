import Foundation
import Testing

/// Mistakes on the command line: one line, a suggestion, exit 64, nothing run.
@Suite("CLI: usage errors")
struct UsageTests {
    @Test("an unknown option names a close one and exits 64")
    func unknownOption() throws {
        let outcome = try CLI.run(["run", "--jbos", "4", "ws://127.0.0.1:1/"])
        #expect(outcome.status == 64)
        #expect(outcome.output.contains("unknown option --jbos; did you mean --jobs?"), "\(outcome.output)")
    }

    @Test("an unknown command names a close one and exits 64")
    func unknownCommand() throws {
        let outcome = try CLI.run(["rnu"])
        #expect(outcome.status == 64)
        #expect(outcome.output.contains("did you mean run?"), "\(outcome.output)")
    }
}
