import Configuration
import Foundation
import Platform

/// The version printed by `--version` and stored in every report.
nonisolated let toolVersion = "0.1.0"

/// Every subcommand, in help order.
nonisolated var commands: [any Command.Type] {
    [
        RunCommand.self, CheckCommand.self, ListCommand.self, DiffCommand.self, RecoverCommand.self, FuzzCommand.self, ReplayCommand.self, CorpusCommand.self, ServeCommand.self,
        ProbeCommand.self, LoadCommand.self,
    ]
}

nonisolated func printUsage() {
    say(
        """
        wsconform \(toolVersion): WebSocket (RFC 6455 / RFC 7692) conformance suite and fuzzer

        USAGE: wsconform <command> [options]

        COMMANDS:
        """)
    for command in commands { say("  \(command.name.padding(toLength: 10, withPad: " ", startingAt: 0))\(command.abstract)") }
    say(
        """

        Run `wsconform help <command>` for a command's options.

        EXIT CODES: 0 pass (or only waived failures), 1 conformance failures, 2 target unreachable or tool error,
                    64 usage error, 130 interrupted (report written, marked incomplete)
        """)
}

nonisolated func main() -> ExitCode {
    MallocArenas.limit()
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first else {
        printUsage()
        return .usage
    }
    switch first {
    case "--version", "version":
        say("wsconform \(toolVersion)")
        return .success
    case "--help", "-h", "help":
        if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
            say(command.usage)
        } else {
            printUsage()
        }
        return .success
    default:
        break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        printError("unknown command \(first)" + Suggestion.didYouMean(first, among: commands.map { $0.name }))
        return .usage
    }
    arguments.removeFirst()
    if arguments.contains("--help") || arguments.contains("-h") {
        say(command.usage)
        return .success
    }
    var parsed = Arguments(arguments)
    do {
        return try command.init(arguments: &parsed).run()
    } catch {
        printError(error.description)
        return .usage
    }
}

/// One line on standard error, prefixed with the tool's name.
nonisolated func printError(_ text: String) {
    FileHandle.standardError.write(Data("wsconform: error: \(text)\n".utf8))
}

/// One warning line on standard error: something was read but will not be used.
nonisolated func printWarning(_ text: String) {
    FileHandle.standardError.write(Data("wsconform: warning: \(text)\n".utf8))
}

/// Text on standard output, written at once (no buffering: tests and CI logs read it live).
nonisolated func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

exit(main().rawValue)
