import Client
import Platform
import Transport
import Wire

/// Fires one input at a target on a fresh connection and observes the reaction. Event-driven:
/// the session ends the moment its reaction is known, and each wait has a deadline.
///
/// How it ends a session decides its speed. After the last write (and the replies due), the
/// tester ends the session itself, whatever the oracle expects, so that no conforming server
/// — one that fails at the first bad octet or one that waits for a frame's end, §8.1, §7.1.7
/// — leaves it waiting: octets that end inside a frame are followed by a TCP FIN (the server
/// can only close), octets that end at a frame boundary by the tester's own Close (answered
/// at once, RFC 6455 §5.5.1, or ignored by a server that has already failed). Only a script
/// that sends its own Close, or a head the server must answer, is waited on. So the timeouts
/// that slow generic fuzzers down are reserved for servers that really do not react.
public struct ScriptExecutor: Sendable {
    public var target: TargetURL
    public var dialer: Dialer
    /// How long a server may take to react after the tester's last octet.
    public var reactionTimeout: Duration
    /// Whether each execution's head carries a fresh W3C `traceparent` field, its trace id
    /// kept in the observation and a finding's file, so that an input can be found in the
    /// target's logs (`--no-traceparent` turns it off).
    public var traceparent: Bool
    /// Replies kept per input.
    public static let maxReplies = 256

    public init(target: TargetURL, dialer: Dialer = Dialer(), reactionTimeout: Duration = .seconds(2), traceparent: Bool = true) {
        self.target = target
        self.dialer = dialer
        self.reactionTimeout = reactionTimeout
        self.traceparent = traceparent
    }

    /// One execution of `script` against this target, ready to run: the octets as the target's
    /// host makes them, with a fresh `traceparent` unless turned off.
    public func trial(_ script: SessionScript) -> Trial {
        Trial(script, host: target.hostHeader, traceParent: traceparent ? TraceParent.random() : nil)
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
    public static func finish(for layout: WireLayout, _ reactions: [ExpectedReaction]) -> Finish {
        guard layout.headLength != nil else { return reactions.contains { $0.ending == .awaitingData } ? .fin : .wait }
        if layout.endsInsideFrame { return .fin }
        return layout.close ? .wait : .close
    }

    /// The replies to wait for before the tester ends the session: the most any conforming
    /// reading allows. A server that reads another way ends the session itself (a failure)
    /// or costs one reaction timeout, never a wrong verdict.
    public static func repliesDue(_ reactions: [ExpectedReaction]) -> Int { reactions.map(\.replies.count).max() ?? 0 }

    /// Runs `wire` (from `SessionScript.wire(host:traceParent:)` with this target's host, as
    /// `trial(_:)` makes it) to its reaction.
    /// With `transcript`, the observation carries the session's wire transcript (both
    /// directions in hex, offsets, times) for a finding's file.
    /// `awaitReplies`: the echoes and pongs due before the tester's Close or FIN goes.
    public func run(_ wire: ScriptWire, finish: Finish, awaitReplies: Int = 0, transcript: Bool = false) -> Observation {
        run(wire, finish: finish, repliesDue: { _ in awaitReplies }, transcript: transcript)
    }

    /// `run`, with the replies due worked out from the server's `Sec-WebSocket-Extensions`
    /// answer (joined field values, nil when absent): under permessage-deflate a compressed
    /// message is echoed, without it the server must fail at its RSV1 (RFC 7692 §6).
    public func run(_ wire: ScriptWire, finish: Finish, repliesDue: (String?) -> Int, transcript: Bool = false) -> Observation {
        let client = ClientConnection(transcript: transcript ? TranscriptRecorder(start: .now, limit: 400) : nil)
        do {
            try client.dial(target, dialer: dialer, deadline: .after(.seconds(5)))
        } catch {
            let hung = error.timedOut
            return Observation(status: nil, replies: [], reaction: hung ? .hung : .crashed, note: "connect: \(error)")
        }
        defer { client.close(abortive: true) }
        var session = ExecutionSession(client: client, reactionTimeout: reactionTimeout)
        return session.run(wire, finish: finish, repliesDue: repliesDue)
    }
}
