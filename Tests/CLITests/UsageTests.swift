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

    @Test("durations take ms, s, m and h with up to six decimals, to the microsecond; anything else is one line and 64", arguments: [
        ("0.5s", true), ("500ms", true), ("1.25m", true), ("90", true), ("0.0005s", true), ("0.3ms", true), ("0.000001s", true),
        ("0s", false), ("0.0000004s", false), ("0.0004ms", false), ("-1s", false), ("1e3s", false), (".5s", false), ("5.s", false), ("inf", false),
        ("1.1234567s", false), ("8d", false), ("169h", false),
    ])
    func durations(text: String, accepted: Bool) throws {
        // With a 1 h hold, a ramp that parses breaks the next rule instead: nothing is dialled.
        let outcome = try CLI.run(["load", "ws://127.0.0.1:1/", "--connections", "1", "--ramp", text, "--hold", "1h"])
        #expect(outcome.status == 64, "\(outcome.output)")
        let message =
            accepted
            ? "--ramp and --hold together are at most 1h"
            : "--ramp must be a duration such as 90s, 500ms, 1.5m or 2h (at most 7 days, at least 1µs), not \"\(text)\""
        #expect(outcome.output.contains(message), "\(outcome.output)")
    }
}
