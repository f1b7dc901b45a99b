/// What a server did with an input, in the coarse classes findings are grouped by.
///
/// The engine observes these; the oracle says which ones conform (`ExpectedReaction.admits`).
/// Each has a stable name that goes into finding signatures, so the names never change.
public enum ReactionClass: Hashable, Sendable, CustomStringConvertible {
    /// The server answered as for a valid session (its echoes and pongs) and stayed open.
    case echoed
    /// The server sent replies other than the expected ones (wrong echo, missing pong).
    case wrongReply
    /// The server sent a Close with this code (nil: an empty body), RFC 6455 §5.5.1.
    case closed(UInt16?)
    /// The server closed TCP without a Close frame.
    case dropped
    /// The server refused the opening handshake with this HTTP status.
    case refused(Int)
    /// Nothing happened within the deadline although a reaction was due.
    case silent
    /// The server process exited or the control exchange found it gone (liveness, process).
    case crashed
    /// The server stopped answering on fresh connections (liveness).
    case hung

    /// The stable name: "echoed", "closed-1002", "closed-empty", "refused-426", …
    public var description: String {
        switch self {
        case .echoed: return "echoed"
        case .wrongReply: return "wrong-reply"
        case .closed(let code): return code.map { "closed-\($0)" } ?? "closed-empty"
        case .dropped: return "dropped"
        case .refused(let status): return "refused-\(status)"
        case .silent: return "silent"
        case .crashed: return "crashed"
        case .hung: return "hung"
        }
    }

    /// The class named by `description`, or nil.
    public init?(name: String) {
        switch name {
        case "echoed": self = .echoed
        case "wrong-reply": self = .wrongReply
        case "closed-empty": self = .closed(nil)
        case "dropped": self = .dropped
        case "silent": self = .silent
        case "crashed": self = .crashed
        case "hung": self = .hung
        default:
            if name.hasPrefix("closed-"), let code = UInt16(name.dropFirst(7)) {
                self = .closed(code)
            } else if name.hasPrefix("refused-"), let status = Int(name.dropFirst(8)) {
                self = .refused(status)
            } else {
                return nil
            }
        }
    }
}
