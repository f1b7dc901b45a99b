import Testing

@testable import Reports

/// What a report keeps of a launched target (`--exec`): its command with secrets redacted,
/// and the tail of its output, bounded and printable.
@Suite("Reports: the launched target's command and output")
struct LaunchedProcessTests {
    @Test("secret-looking assignments and option values in an --exec command are redacted, nothing else")
    func commandRedacted() {
        let placeholder = Redaction.placeholder
        #expect(
            Redaction.redact(shellCommand: "DB_PASSWORD=hunter2 ./server --api-key abc123 --port 9001 --token=xyz")
                == "DB_PASSWORD=\(placeholder) ./server --api-key \(placeholder) --port 9001 --token=\(placeholder)")
        #expect(Redaction.redact(shellCommand: "exec ./server --port 9001 --verbose") == "exec ./server --port 9001 --verbose")
        // An option with no value before the next option keeps that option.
        #expect(Redaction.redact(shellCommand: "./server --auth --port 1") == "./server --auth --port 1")
        #expect(
            Redaction.redact(commandLine: ["run", "ws://h/", "--exec", "SECRET=1 ./s", "--exec=TOKEN=2 ./s"])
                == ["run", "ws://h/", "--exec", "SECRET=\(placeholder) ./s", "--exec=TOKEN=\(placeholder) ./s"])
    }

    @Test("the output tail keeps the last 40 lines, at most 4 KiB, control characters replaced")
    func tail() {
        let output = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let process = LaunchedProcess(command: "x", ended: nil, exitCode: nil, signal: nil, killedAfterGrace: false, output: output)
        let lines = process.outputTail.split(separator: "\n")
        #expect(lines.count == 40 && lines.first == "line 61" && lines.last == "line 100")
        let hostile = LaunchedProcess(
            command: "x", ended: nil, exitCode: nil, signal: nil, killedAfterGrace: false, output: "\u{1B}[31mred\u{1B}[0m\tcol\r\n")
        #expect(hostile.outputTail == "?[31mred?[0m    col")
        let long = LaunchedProcess(
            command: "x", ended: nil, exitCode: nil, signal: nil, killedAfterGrace: false, output: String(repeating: "é", count: 5000))
        #expect(long.outputTail.utf8.count <= LaunchedProcess.tailOctets && long.outputTail.utf8.count > LaunchedProcess.tailOctets - 2)
    }
}
