/// The first phase of every case: the opening handshake, RFC 6455 §4. Most cases send the
/// standard request and need the upgrade before their steps; handshake cases send a request a
/// server must (or may) refuse, and the answer is their verdict.
public struct Opening: Hashable, Sendable {
    /// What the tester sends. The standard form carries the run's `--origin`, `--subprotocol`
    /// and `--header` additions; an explicit head is sent as written.
    public var request: OpeningRequest
    /// The answers the case accepts.
    public var expect: OpeningExpectation
    /// The permessage-deflate offer the case needs (a `Sec-WebSocket-Extensions` value, RFC
    /// 7692 §5): added to the standard request; the session keeps the channel the server
    /// agrees to. A server that declines the offer makes the behaviour UNIMPLEMENTED
    /// (compression is optional), and the case's steps do not run.
    public var deflateOffer: String?
    /// Hold every back-reference in the server's compressed messages to the window it agreed
    /// (RFC 7692 §7.1.2.1): the tester then inflates one octet per zlib call, since zlib checks
    /// a distance against the window only when it reaches behind the current call's output.
    /// Slow; for cases whose messages are a few KiB.
    public var strictServerWindow: Bool

    public init(
        request: OpeningRequest = .standard, expect: OpeningExpectation = .upgraded, deflateOffer: String? = nil,
        strictServerWindow: Bool = false
    ) {
        self.request = request
        self.expect = expect
        self.deflateOffer = deflateOffer
        self.strictServerWindow = strictServerWindow
    }

    /// The standard request offering permessage-deflate with `offer`; `strictServerWindow`
    /// checks the server's distances against its agreed window (see the property).
    public static func deflate(_ offer: String, strictServerWindow: Bool = false) -> Opening {
        Opening(deflateOffer: offer, strictServerWindow: strictServerWindow)
    }

    /// The standard request, and the upgrade it must get.
    public static let standard = Opening()

    /// What is sent, in words: "the standard request with Sec-WebSocket-Version: 12".
    public var requestDescription: String {
        switch request {
        case .standard(let overrides):
            var edits = deflateOffer.map { ["Sec-WebSocket-Extensions: \($0)"] } ?? []
            edits += overrides.map { edit in edit.value.map { "\(edit.name): \($0)" } ?? "no \(edit.name)" }
            return edits.isEmpty ? "the standard request" : "the standard request with " + edits.joined(separator: ", ")
        case .explicit(let head): return "the request \(head.method) \(head.target) \(head.version) with \(head.fields.count) fields"
        }
    }

    /// The answers accepted, in words, with what a declined offer earns.
    public var acceptsDescription: String {
        deflateOffer == nil ? expect.description : expect.description + "; a declined offer is UNIMPLEMENTED"
    }
}

/// The answers a case accepts to its opening request.
public enum OpeningExpectation: Hashable, Sendable, CustomStringConvertible {
    /// 101 Switching Protocols, checked as a client must (RFC 6455 §4.1); the steps follow.
    /// Any other answer is a target error: the case could not run.
    case upgraded
    /// An HTTP refusal as described; an upgrade is FAILED (the server accepted what it must
    /// refuse) and the tester then closes normally.
    case refused(Refusal)
    /// Either an upgrade or the refusal: the RFC leaves the choice (the steps run only after
    /// an upgrade).
    case either(Refusal)

    /// The answers accepted, in words.
    public var description: String {
        switch self {
        case .upgraded: return "the upgrade (101)"
        case .refused(let refusal): return refusal.description
        case .either(let refusal): return "the upgrade (101) or \(refusal)"
        }
    }

    /// The refusal accepted, if any.
    public var refusal: Refusal? {
        switch self {
        case .upgraded: return nil
        case .refused(let refusal), .either(let refusal): return refusal
        }
    }
}

/// A refusal a case accepts: a status in a range, carrying the fields a rule asks for.
public struct Refusal: Hashable, Sendable, CustomStringConvertible {
    /// A field the refusal must carry, holding `token` in its comma-separated list
    /// (case-insensitively, RFC 9110 §5.6.1).
    public struct RequiredField: Hashable, Sendable {
        public var name: String
        public var token: String

        public init(_ name: String, containing token: String) {
            self.name = name
            self.token = token
        }
    }

    /// The statuses accepted.
    public var statuses: ClosedRange<Int>
    /// Fields the refusal must carry.
    public var fields: [RequiredField]

    public init(statuses: ClosedRange<Int>, fields: [RequiredField] = []) {
        self.statuses = statuses
        self.fields = fields
    }

    /// Any client error (4xx), the "appropriate HTTP error code" of RFC 6455 §4.2.2.
    public static let clientError = Refusal(statuses: 400...499)

    public var description: String {
        let status = statuses.count == 1 ? "\(statuses.lowerBound)" : "\(statuses.lowerBound)–\(statuses.upperBound)"
        let fields = self.fields.map { " with \($0.name) listing \($0.token)" }.joined(separator: ",")
        return "a refusal with status \(status)\(fields)"
    }
}
