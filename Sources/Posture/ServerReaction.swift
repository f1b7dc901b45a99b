import Client
import Platform
import Wire

/// What a server did with something a probe sent on an open connection.
enum ServerReaction: Equatable {
    /// It echoed the message whole (or answered the ping after it).
    case accepted
    /// It sent a Close with this code (nil: none).
    case closed(UInt16?)
    /// TCP ended without a Close.
    case dropped
    /// Nothing by the deadline.
    case silent
    /// The probe could not send (no upgrade): the text says why.
    case notSent(String)

    var words: String {
        switch self {
        case .accepted: return "accepted"
        case .closed(let code?): return "closed with \(code)" + (code == 1009 ? " (message too big)" : "")
        case .closed(nil): return "closed without a code"
        case .dropped: return "dropped TCP"
        case .silent: return "no answer"
        case .notSent(let why): return "not sent (\(why))"
        }
    }

    /// True for a refusal the server made known (a Close or the end of TCP).
    var isRefusal: Bool {
        switch self {
        case .closed, .dropped: return true
        default: return false
        }
    }

    /// Reads `link` until a data message of `expected` octets completes (`accepted`), a Close, the
    /// end of TCP or `deadline`. Pongs and pings are skipped (the link answers pings).
    static func awaitEcho(of expected: UInt64, on link: ProbeLink, deadline: Deadline) -> ServerReaction {
        var received: UInt64 = 0
        while true {
            switch link.next(until: deadline) {
            case .frame(let frame):
                if frame.opcode == .close { return .closed(ClosePayload.parse(frame.control).payload.code?.rawValue) }
                guard !frame.opcode.isControl else { continue }
                received += frame.length
                if frame.fin { return received == expected ? .accepted : .closed(nil) }
            case .ended: return .dropped
            case .timedOut: return .silent
            }
        }
    }
}
