import Cases
import Wire

/// What a server did with one input, as the executor saw it: the data messages and pongs it
/// sent back, and how the session ended. Compared with the oracle's `ExpectedReaction`.
public struct Observation: Hashable, Sendable {
    /// A reply: a whole data message (fragments joined) or a pong.
    public struct Reply: Hashable, Sendable, CustomStringConvertible {
        public var opcode: Opcode
        public var payload: [UInt8]

        public init(opcode: Opcode, payload: [UInt8]) {
            self.opcode = opcode
            self.payload = payload
        }

        public var description: String {
            let shown = payload.prefix(16).map { String(format: "%02x", $0) }.joined()
            return "\(opcode) \(payload.count) octets \(shown)\(payload.count > 16 ? "…" : "")"
        }
    }

    /// The handshake response's status; nil when none arrived.
    public var status: Int?
    /// Replies in order, at most `ScriptExecutor.maxReplies`.
    public var replies: [Reply]
    /// The coarse class of how the session ended, for signatures and the oracle.
    public var reaction: ReactionClass
    /// The extensions the server's handshake response agreed to, if any.
    public var extensions: String?
    /// Rules the server's own frames broke (a masked server frame, RFC 6455 §5.1; RSV bits…).
    public var serverViolations: [String]
    /// What is wrong with the server's 101 (`ResponseCheck`): a client MUST fail such a
    /// connection (RFC 6455 §4.1).
    public var responseProblems: [String] = []
    /// One line on what happened, for findings and replay output.
    public var note: String
    /// True when the server, after the tester's FIN, ended or kept the session without a
    /// Close: the quiet end of a session cut inside a frame, and the same octets as a server
    /// failing the connection by closing TCP (RFC 6455 §7.1.7) — the two cannot be told apart.
    public var quietEndAfterFIN = false
    /// The wire transcript, when the executor was asked to keep one (a finding's final run).
    public var transcript: [TranscriptEntry] = []
    /// The trace id of the `traceparent` field the head carried (32 hex digits), if it carried
    /// one: the key to this connection in the target's logs.
    public var traceID: String?

    public init(
        status: Int?, replies: [Reply], reaction: ReactionClass, extensions: String? = nil, serverViolations: [String] = [],
        note: String = ""
    ) {
        self.status = status
        self.extensions = extensions
        self.replies = replies
        self.reaction = reaction
        self.serverViolations = serverViolations
        self.note = note
    }
}
