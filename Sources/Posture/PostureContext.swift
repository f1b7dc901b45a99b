import Cases
import Client
import Engine
import Platform
import Wire

/// What every probe needs: where the target is, how to reach it (the run's TLS settings,
/// `--header`, `--origin`), the team's policy, and the one way to open a probe connection.
public struct PostureContext: Sendable {
    public var target: TargetURL
    public var options: RunOptions
    public var policy: PosturePolicy

    public init(target: TargetURL, options: RunOptions, policy: PosturePolicy) {
        self.target = target
        self.options = options
        self.policy = policy
    }

    /// `duration` stretched by `--timeout-scale`.
    func scaled(_ duration: Duration) -> Duration { duration * options.timeoutScale }

    /// The standard opening request with the run's fields (credentials, `--origin`), no
    /// extension offered: a probe measures the server, not its compression.
    func standardRequest() -> HandshakeRequest { options.standardRequest(for: target, userAgent: "wsconform-check") }

    /// Dials and sends `request` (the standard one when nil), reading the answer by a deadline.
    func open(_ request: HandshakeRequest? = nil, to url: TargetURL? = nil, dialer: Dialer? = nil) -> HandshakeAnswer {
        open(raw: (request ?? standardRequest()).serialized(), to: url, dialer: dialer)
    }

    /// As `open`, with the request's octets as given (a padded or malformed head).
    func open(raw request: [UInt8], to url: TargetURL? = nil, dialer: Dialer? = nil) -> HandshakeAnswer {
        let deadline = Deadline.after(scaled(.seconds(5)))
        let client = ClientConnection()
        do {
            try client.dial(url ?? target, dialer: dialer ?? options.dialer, deadline: deadline)
        } catch {
            return .unreachable(error.description)
        }
        do {
            switch try client.openingHandshake(request, deadline: deadline) {
            case .response(let head, let remainder)?:
                if head.statusCode == 101 { return .upgraded(ProbeLink(client: client, head: head, remainder: remainder)) }
                client.close(abortive: false)
                let parts = head.startLine.split(separator: " ", maxSplits: 2)
                return .refused(status: head.statusCode ?? 0, reason: parts.count == 3 ? String(parts[2].prefix(60)).printable : "")
            case .unreadableResponse(let why)?:
                client.close(abortive: true)
                return .unreadable(why)
            case .ended(let ending)?:
                client.close(abortive: false)
                return .dropped(ending == .fin ? "closed TCP" : "reset TCP")
            case .timedOut?, .octets?:
                client.close(abortive: true)
                return .silent
            case nil:
                client.close(abortive: true)
                return .dropped("closed before the request was written")
            }
        } catch {
            client.close(abortive: true)
            return .dropped(error.description)
        }
    }
}

/// How a server answered one opening request.
enum HandshakeAnswer {
    /// 101: the connection is open for frames.
    case upgraded(ProbeLink)
    /// An HTTP status other than 101.
    case refused(status: Int, reason: String)
    /// TCP closed or reset with no response head.
    case dropped(String)
    /// Nothing by the deadline.
    case silent
    /// No connection at all (refused, unresolvable, TLS refused).
    case unreachable(String)
    /// Something that is not an HTTP response head.
    case unreadable(String)

    /// True for a 101; the link is closed (a probe that only asks whether it was accepted).
    func acceptedAndClosed() -> Bool {
        guard case .upgraded(let link) = self else { return false }
        link.close()
        return true
    }

    /// The answer in a few words: "upgraded (101)", "refused with 403 Forbidden".
    var words: String {
        switch self {
        case .upgraded: return "upgraded (101)"
        case .refused(let status, let reason): return "refused with \(status)" + (reason.isEmpty ? "" : " \(reason)")
        case .dropped(let why): return "dropped (\(why))"
        case .silent: return "no answer"
        case .unreachable(let why): return "unreachable (\(why))"
        case .unreadable(let why): return "answered with no HTTP response (\(why))"
        }
    }
}

