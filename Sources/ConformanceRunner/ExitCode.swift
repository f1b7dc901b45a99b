/// The process exit codes of `wsconform`, documented in README and `--help`.
enum ExitCode: Int32, Sendable {
    /// Everything passed (or failed only as waived in the baseline).
    case success = 0
    /// Conformance failures were found (with a baseline: failures it does not waive).
    case conformanceFailures = 1
    /// A target was unreachable, or the tool itself hit an error.
    case targetOrToolError = 2
    /// The command line was wrong (sysexits.h EX_USAGE).
    case usage = 64
    /// Stopped by Ctrl-C (128 + SIGINT, the shell's convention); the report of what ran is written.
    case interrupted = 130
}

/// A command-line mistake: one line for the user, exit 64.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
