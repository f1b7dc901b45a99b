import Engine
import Transport
import Wire

/// Fires one input at a target on a fresh connection and observes the reaction. Event-driven:
/// the session ends the moment its reaction is known, and each wait has a deadline.
///
/// How it ends a session decides its speed. After the last write, a session the oracle says
/// may stay open is finished with the tester's own Close (a conforming server answers at once,
/// RFC 6455 §5.5.1); one that ends inside a frame is finished with a TCP FIN (the server can
/// only close); one the server must end (a failure, a close echo, a refusal) is waited on.
/// So a conforming server never makes the fuzzer wait out a timer — the timeouts that slow
/// generic fuzzers down are reserved for servers that really do not react.
public struct ScriptExecutor: Sendable {
    public var target: TargetURL
    public var dialer: Dialer
    /// How long a server may take to react after the tester's last octet.
    public var reactionTimeout: Duration
    /// Replies kept per input.
    public static let maxReplies = 256

    public init(target: TargetURL, dialer: Dialer = Dialer(), reactionTimeout: Duration = .seconds(2)) {
        self.target = target
        self.dialer = dialer
        self.reactionTimeout = reactionTimeout
    }

    /// How the tester ends a session after its last octet.
    public enum Finish: Sendable {
        /// Send a Close (1000) and wait for the server's.
        case close
        /// Half-close TCP and wait for the server to close.
        case fin
        /// Wait for the server to end the session.
        case wait
    }

    /// The finish that lets every acceptable ending show itself without a timer.
    public static func finish(for reactions: [ExpectedReaction]) -> Finish {
        if reactions.contains(where: { $0.ending == .open }) { return .close }
        if reactions.contains(where: { $0.ending == .awaitingData }) { return .fin }
        return .wait
    }

    /// Runs `wire` (from `SessionScript.wire(host:)` with this target's host) to its reaction.
    /// With `transcript`, the observation carries the session's wire transcript (both
    /// directions in hex, offsets, times) for a finding's file.
    /// `awaitReplies`: with `.close`, the echoes and pongs due before the tester's Close goes.
    public func run(_ wire: ScriptWire, finish: Finish, awaitReplies: Int = 0, transcript: Bool = false) -> Observation {
        let connectDeadline = Deadline.after(.seconds(5))
        let connection: any Connection
        do {
            connection = try dialer.connect(target, deadline: connectDeadline)
        } catch {
            let hung = "\(error)".contains("timed out")
            return Observation(status: nil, replies: [], reaction: hung ? .hung : .crashed, note: "connect: \(error)")
        }
        defer { connection.close(abortive: true) }
        var session = ExecutionSession(connection: connection, reactionTimeout: reactionTimeout)
        if transcript { session.transcript = TranscriptRecorder(start: .now, limit: 400) }
        return session.run(wire, finish: finish, awaitReplies: awaitReplies)
    }
}
