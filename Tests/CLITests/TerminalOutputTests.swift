import Foundation
import ProcessSupport
import Reports
import Testing

/// What a person sees: on a terminal a live progress line, in colour unless NO_COLOR is set
/// (https://no-color.org); in a log, plain lines only (ExitCodeTests checks that side).
@Suite("CLI: terminal output", .serialized)
struct TerminalOutputTests {
    /// Runs `wsconform arguments` under a pseudo-terminal (util-linux `script`), so it sees a TTY.
    static func onTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Outcome {
        let command = ([Tools.wsconform] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let log = try CLI.temporaryDirectory("tty").appendingPathComponent("typescript").path
        let script = try Subprocess("/usr/bin/script", ["-qec", command, log], environment: environment.merging(["TERM": "xterm"]) { $1 })
        defer { script.stop() }
        guard let status = script.waitForExit(timeout: 120) else { throw SetupError("wsconform did not finish: \(script.printed)") }
        return CLI.Outcome(status: status, output: script.printed)
    }

    @Test("a terminal gets a live progress line and coloured failures; NO_COLOR keeps the line, drops the colour")
    func progressAndColour() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess(["--fault", "no-pong"])
        defer { server.stop() }
        let arguments = ["run", server.url, "--cases", "ping.*", "--report-dir", try CLI.temporaryDirectory("tty-reports").path]
        // The test runner may itself run with NO_COLOR set; an empty value means colour (no-color.org).
        let coloured = try Self.onTerminal(arguments, environment: ["NO_COLOR": ""])
        #expect(coloured.status == 1, "\(coloured.output)")
        #expect(coloured.output.contains("\r\u{1B}[2K"), "the progress line is redrawn in place")
        #expect(coloured.output.contains("/11 cases"), "\(coloured.output)")
        #expect(coloured.output.contains("\u{1B}[31m"), "failures in red")
        let plain = try Self.onTerminal(arguments, environment: ["NO_COLOR": "1"])
        #expect(plain.status == 1)
        #expect(plain.output.contains("\r\u{1B}[2K"))
        #expect(!plain.output.contains("\u{1B}[31m"), "NO_COLOR: no colour")
    }
}
