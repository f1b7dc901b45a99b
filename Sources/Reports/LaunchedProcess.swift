import Cases

/// The target wsconform launched itself (`--exec`): the command, how it ended when wsconform
/// stopped it, and the tail of what it wrote, so a failed shutdown or a crash can be read in
/// the report without the machine the run was on.
public struct LaunchedProcess: Codable, Sendable, Equatable {
    /// The command as given to `--exec`, with secret-looking values redacted.
    public var command: String
    /// How it ended, in words ("exited with code 0", "killed by SIGKILL").
    public var ended: String?
    /// The exit code, when it exited by itself.
    public var exitCode: Int?
    /// The signal that ended it, when one did ("SIGKILL").
    public var signal: String?
    /// True when it outlived its SIGTERM grace and was killed.
    public var killedAfterGrace: Bool
    /// The last lines of its standard output and error together, control characters replaced.
    public var outputTail: String

    /// The most of the output a report keeps: the last 40 lines, at most 4 KiB.
    public static let tailLines = 40
    public static let tailOctets = 4096

    public init(command: String, ended: String?, exitCode: Int?, signal: String?, killedAfterGrace: Bool, output: String) {
        self.command = command
        self.ended = ended
        self.exitCode = exitCode
        self.signal = signal
        self.killedAfterGrace = killedAfterGrace
        outputTail = Self.tail(output)
    }

    /// The last `tailLines` lines of `output`, cut to `tailOctets` at a character boundary,
    /// each line printable (tabs kept).
    static func tail(_ output: String) -> String {
        // Any line break ends a line, CRLF ("\r\n" is one Character) and a lone CR among them.
        var lines = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).suffix(tailLines + 1)
        if lines.last == "" { lines = lines.dropLast() }
        var text = lines.suffix(tailLines).map { line in
            String(line).replacingTabs.printable
        }.joined(separator: "\n")
        while text.utf8.count > tailOctets { text.removeFirst() }
        return text
    }
}

extension String {
    fileprivate var replacingTabs: String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") }
}
