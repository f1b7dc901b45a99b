import Foundation

/// Why the supervisor could not bring the target up: our own failure or the target's, never a
/// finding by itself (a campaign that cannot start its target stops with exit 2).
public enum TargetProcessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `/bin/sh` could not be started at all.
    case spawnFailed(command: String, errno: Errno)
    /// The process ended before it accepted a connection (a typo in the command, a port in use).
    case exitedBeforeReady(command: String, exit: TargetExit)
    /// The process ran but did not accept a TCP connection within the deadline or the attempts;
    /// it has been stopped. `output` is the tail of what it printed.
    case notReady(command: String, address: String, waited: Duration, attempts: Int, lastProblem: String, output: String)

    public var description: String {
        switch self {
        case .spawnFailed(let command, let errno):
            return "cannot start `\(command)`: \(errno)"
        case .exitedBeforeReady(let command, let exit):
            return "`\(command)` \(exit.status) before accepting connections" + Self.tail(exit.output)
        case .notReady(let command, let address, let waited, let attempts, let lastProblem, let output):
            return "`\(command)` did not accept a TCP connection on \(address) within \(waited) (\(attempts) attempts; last: "
                + "\(lastProblem)); it was stopped" + Self.tail(output)
        }
    }

    /// The last lines of a target's output, for an error message.
    private static func tail(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).suffix(5)
        return lines.isEmpty ? "; it printed nothing" : "; its output ends:\n" + lines.joined(separator: "\n")
    }
}
