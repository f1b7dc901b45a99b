#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The state of a target process the fuzzer launched (`--exec`): what the process oracle
/// looks at after each input.
///
/// A command run through `/bin/sh -c` that the shell does not `exec` reports a signal as the
/// shell's exit code 128 + N; prefix the command with `exec` to see the signal itself.
public enum TargetStatus: Hashable, Sendable, CustomStringConvertible {
    /// `start()` has not been called.
    case notStarted
    case running
    /// Exited by itself with this code.
    case exited(Int32)
    /// Killed by this signal (SIGABRT from an assertion, SIGSEGV, or our own SIGTERM/SIGKILL).
    case signalled(Int32)

    /// True once the process is gone.
    public var hasEnded: Bool {
        switch self {
        case .exited, .signalled: return true
        case .notStarted, .running: return false
        }
    }

    /// "SIGABRT" for `.signalled(SIGABRT)`; nil for other states.
    public var signalName: String? {
        guard case .signalled(let signal) = self else { return nil }
        return Self.signalNames[signal] ?? "signal \(signal)"
    }

    /// "running", "exited with code 1", "killed by SIGSEGV"; an exit code above 128 also names
    /// the signal a shell reports that way.
    public var description: String {
        switch self {
        case .notStarted: return "not started"
        case .running: return "running"
        case .exited(let code):
            guard code > 128, let name = Self.signalNames[code - 128] else { return "exited with code \(code)" }
            return "exited with code \(code) (128 + \(name): the shell's report of a signal)"
        case .signalled: return "killed by \(signalName ?? "a signal")"
        }
    }

    private static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT",
        SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1", SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2",
        SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGCHLD: "SIGCHLD", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
        SIGSYS: "SIGSYS",
    ]
}

/// How one generation of the target ended: the process oracle's evidence for a finding.
public struct TargetExit: Hashable, Sendable, CustomStringConvertible {
    /// The generation (start count) that ended.
    public var generation: Int
    public var status: TargetStatus
    /// True when the supervisor stopped it (`stop`, `restart`): not a finding.
    public var requested: Bool
    /// The last output (standard output and error together), at most the capture's capacity.
    public var output: String
    /// Set when this stop had to follow SIGTERM with SIGKILL: the process outlived its grace.
    public var killedAfterGrace = false
    /// From SIGTERM to the end, when wsconform stopped it.
    public var stopDuration: Duration?

    public init(generation: Int, status: TargetStatus, requested: Bool, output: String) {
        self.generation = generation
        self.status = status
        self.requested = requested
        self.output = output
    }

    public var description: String { "generation \(generation) \(status)\(requested ? " (stopped by wsconform)" : "")" }
}
