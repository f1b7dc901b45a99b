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
    /// The server accepted (101) an opening handshake it had to refuse, RFC 6455 §4.2.1.
    case upgraded
    /// The server's 101 agreed to extensions a client MUST fail the connection for: one never
    /// offered (RFC 6455 §4.1, §9.1), a permessage-deflate answer no offer allows (RFC 7692 §7).
    case brokenExtensionAnswer
    /// In signatures: a Close with a code from 3000–4999 (libraries' and applications' own,
    /// RFC 6455 §7.4.2), whichever. A server that echoes the client's code makes as many
    /// classes as there are codes otherwise.
    case closedApplicationCode
    /// In signatures: a Close with a code no endpoint may send (RFC 6455 §7.4.1–§7.4.2: below
    /// 1000, 1004–1006, 1015, unassigned 1016–2999, 5000 and above), whichever.
    case closedForbiddenCode
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
        case .upgraded: return "upgraded"
        case .brokenExtensionAnswer: return "broken-extension-answer"
        case .closedApplicationCode: return "closed-application-code"
        case .closedForbiddenCode: return "closed-forbidden-code"
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
        case "upgraded": self = .upgraded
        case "broken-extension-answer": self = .brokenExtensionAnswer
        case "closed-application-code": self = .closedApplicationCode
        case "closed-forbidden-code": self = .closedForbiddenCode
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

extension ReactionClass {
    /// The class a signature uses: Close codes outside the registered ones grouped (see
    /// `closedApplicationCode`, `closedForbiddenCode`), everything else as is.
    public var grouped: ReactionClass {
        guard case .closed(let code?) = self else { return self }
        switch code {
        case 1000...1003, 1007...1014: return self
        case 3000...4999: return .closedApplicationCode
        default: return .closedForbiddenCode
        }
    }
}
