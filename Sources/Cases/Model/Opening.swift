/// The first phase of every case: the opening handshake, RFC 6455 §4. Most cases send the
/// standard request and need the upgrade before their steps; handshake cases send a request a
/// server must (or may) refuse, and the answer is their verdict.
public struct Opening: Hashable, Sendable {
    /// What the tester sends. The standard form carries the run's `--origin`, `--subprotocol`
    /// and `--header` additions; an explicit head is sent as written.
    public var request: OpeningRequest
    /// Changes to the standard request beyond its fields' values (`RequestEdit`), applied after
    /// the run's additions; empty for most cases.
    public var edits: [RequestEdit]
    /// The answers the case accepts.
    public var expect: OpeningExpectation
    /// The permessage-deflate offers the case sends, one `Sec-WebSocket-Extensions` line each
    /// (RFC 7692 §5; a line may hold several offers, comma-separated, RFC 6455 §9.1): added to
    /// the standard request; the session keeps the channel the server agrees to. Empty for a
    /// case that offers no extension.
    public var deflateOffers: [String]
    /// What a server earns by declining the offers (an upgrade without permessage-deflate).
    public var deflateDecline: DeflateDecline
    /// Hold every back-reference in the server's compressed messages to the window it agreed
    /// (RFC 7692 §7.1.2.1): the tester then inflates one octet per zlib call, since zlib checks
    /// a distance against the window only when it reaches behind the current call's output.
    /// Slow; for cases whose messages are a few KiB.
    public var strictServerWindow: Bool
    /// Extension names offered that no server knows (`x-wsconform-unknown`): the 101 must not
    /// name them, since a server lists only extensions it is ready to use (RFC 6455 §4.2.2
    /// item 5 /extensions/, §9.1).
    public var unknownExtensions: [String] = []

    public init(
        request: OpeningRequest = .standard, edits: [RequestEdit] = [], expect: OpeningExpectation = .upgraded,
        deflateOffers: [String] = [], deflateDecline: DeflateDecline = .unimplemented, strictServerWindow: Bool = false,
        unknownExtensions: [String] = []
    ) {
        self.unknownExtensions = unknownExtensions
        self.request = request
        self.edits = edits
        self.expect = expect
        self.deflateOffers = deflateOffers
        self.deflateDecline = deflateDecline
        self.strictServerWindow = strictServerWindow
    }

    /// The standard request offering permessage-deflate with `offer` (one line); a decline is
    /// UNIMPLEMENTED. `strictServerWindow` checks the server's distances against its agreed
    /// window (see the property).
    public static func deflate(_ offer: String, strictServerWindow: Bool = false) -> Opening {
        Opening(deflateOffers: [offer], strictServerWindow: strictServerWindow)
    }

    /// The standard request with these `Sec-WebSocket-Extensions` lines, and what a decline earns.
    public static func deflate(lines: [String], decline: DeflateDecline) -> Opening {
        Opening(deflateOffers: lines, deflateDecline: decline)
    }

    /// The standard request, and the upgrade it must get.
    public static let standard = Opening()

    /// What is sent, in words: "the standard request with Sec-WebSocket-Version: 12".
    public var requestDescription: String {
        switch request {
        case .standard(let overrides):
            var edits = (deflateOffers + unknownExtensions).map { "Sec-WebSocket-Extensions: \($0)" }
            edits += overrides.map { edit in edit.value.map { "\(edit.name): \($0)" } ?? "no \(edit.name)" }
            edits += self.edits.map(\.description)
            return edits.isEmpty ? "the standard request" : "the standard request with " + edits.joined(separator: ", ")
        case .explicit(let head): return "the request \(head.method) \(head.target) \(head.version) with \(head.fields.count) fields"
        }
    }

    /// The answers accepted, in words, with what a declined offer earns.
    public var acceptsDescription: String {
        guard !deflateOffers.isEmpty else { return expect.description }
        switch deflateDecline {
        case .unimplemented: return expect.description + "; a declined offer, or a refusal (4xx) of the handshake, is UNIMPLEMENTED"
        case .required:
            return expect.description
                + " without permessage-deflate, or a refusal (4xx) of the handshake: the offer must be declined, accepting it is FAILED"
        }
    }
}

/// What declining a case's permessage-deflate offers earns, RFC 7692 §5, §7.
public enum DeflateDecline: Hashable, Sendable {
    /// The extension is optional (RFC 7692): a decline leaves nothing to test, UNIMPLEMENTED,
    /// and the steps do not run; an accepted offer is checked (RFC 7692 §7) and the steps run.
    /// A refusal (4xx) of the whole handshake counts as a decline (RFC 6455 §4.2.2 lets a
    /// server refuse a connection).
    case unimplemented
    /// Every offer breaks a rule of RFC 7692 §7 ("a server MUST decline"): an upgrade without
    /// permessage-deflate, or a refusal (4xx) of the handshake, is OK; accepting an offer is
    /// FAILED. The steps do not run.
    case required
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
    /// The upgrade, for a valid request in a form the standard one does not show (a field that
    /// is a list, a name in other case): a refusal is the case's verdict at its level, not a
    /// target error, since the same server upgrades the standard request.
    case upgradedAsStandard

    /// The answers accepted, in words.
    public var description: String {
        switch self {
        case .upgraded: return "the upgrade (101)"
        case .upgradedAsStandard: return "the upgrade (101), as for the standard request"
        case .refused(let refusal): return refusal.description
        case .either(let refusal): return "the upgrade (101) or \(refusal)"
        }
    }

    /// The refusal accepted, if any.
    public var refusal: Refusal? {
        switch self {
        case .upgraded, .upgradedAsStandard: return nil
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
    /// Statuses accepted outside that range (505 HTTP Version Not Supported beside 4xx).
    public var alsoStatuses: [Int]
    /// Fields the refusal must carry.
    public var fields: [RequiredField]

    public init(statuses: ClosedRange<Int>, also: [Int] = [], fields: [RequiredField] = []) {
        self.statuses = statuses
        alsoStatuses = also
        self.fields = fields
    }

    /// Whether `status` is one this refusal accepts.
    public func accepts(status: Int) -> Bool { statuses.contains(status) || alsoStatuses.contains(status) }

    /// Any client error (4xx), the "appropriate HTTP error code" of RFC 6455 §4.2.2.
    public static let clientError = Refusal(statuses: 400...499)

    /// Any answer but the upgrade, for a request that is no WebSocket handshake at all (no
    /// Upgrade or Connection token): a server may serve it as the plain HTTP request it is.
    public static let anythingButUpgrade = Refusal(statuses: 200...599)

    public var description: String {
        var status = statuses.count == 1 ? "\(statuses.lowerBound)" : "\(statuses.lowerBound)–\(statuses.upperBound)"
        status += alsoStatuses.map { " or \($0)" }.joined()
        if self == .anythingButUpgrade { return "any answer but the upgrade" }
        let fields = self.fields.map { " with \($0.name) listing \($0.token)" }.joined(separator: ",")
        return "a refusal with status \(status)\(fields)"
    }
}
