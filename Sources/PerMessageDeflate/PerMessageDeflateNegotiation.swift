import Wire

/// What a server is willing to do under permessage-deflate: the input to `negotiate`.
///
/// The defaults accept every valid offer with the largest windows and context takeover, the
/// most permissive server RFC 7692 allows; a reference server's fault modes narrow it.
public struct PerMessageDeflateServerPolicy: Hashable, Sendable {
    /// Always reset the server's compressor after each message, announcing
    /// server_no_context_takeover even when not asked (allowed by RFC 7692 §7.1.1.1).
    public var serverNoContextTakeover: Bool
    /// Whether an offer asking for server_no_context_takeover can be accepted.
    public var allowsServerNoContextTakeover: Bool
    /// Require the client to reset its compressor, announcing client_no_context_takeover
    /// (allowed in any response, RFC 7692 §7.1.1.2).
    public var clientNoContextTakeover: Bool
    /// The largest window the server compresses with; stated in the response when below 15,
    /// RFC 7692 §7.1.2.1 lets it do so unasked.
    public var serverMaxWindowBits: Int
    /// The smallest server window an offer may ask for; offers below are declined. 8 by
    /// default, since `MessageCompressor` honours an 8-bit limit.
    public var minimumServerWindowBits: Int
    /// The client window to ask for when the offer allows it (RFC 7692 §7.1.2.2); nil leaves
    /// the client at its offered hint or 15.
    public var clientMaxWindowBits: Int?
    /// Ask the client to compress under the window the server compresses with, when the offer
    /// lets the server choose (client_max_window_bits without a value, RFC 7692 §7.1.2.2) and
    /// that window is below 15, as Autobahn's server answers its 13.x offers. A client message
    /// then fits the server's window, so a server may echo its compressed octets as they came
    /// (`DeflateChannel.sendsAsOwn`) instead of deflating them again under a small window.
    public var clientWindowFollowsServer: Bool

    /// The reference server's policy (`wsconform serve`): everything by default, the client's
    /// window following the server's.
    public static let referenceServer = PerMessageDeflateServerPolicy(clientWindowFollowsServer: true)

    public init(
        serverNoContextTakeover: Bool = false, allowsServerNoContextTakeover: Bool = true,
        clientNoContextTakeover: Bool = false, serverMaxWindowBits: Int = 15,
        minimumServerWindowBits: Int = 8, clientMaxWindowBits: Int? = nil, clientWindowFollowsServer: Bool = false
    ) {
        self.clientWindowFollowsServer = clientWindowFollowsServer
        self.serverNoContextTakeover = serverNoContextTakeover
        self.allowsServerNoContextTakeover = allowsServerNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.minimumServerWindowBits = minimumServerWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
    }
}

/// A server's answer to a client's extension list: which permessage-deflate offer it accepted,
/// with what response, and why it declined the ones before.
public struct PerMessageDeflateNegotiation: Hashable, Sendable {
    /// A permessage-deflate offer the server declined and every reason, RFC 7692 §7.
    public struct Declined: Hashable, Sendable {
        /// Index of the offer in the list given to `negotiate`.
        public var offerIndex: Int
        public var problems: [PerMessageDeflateProblem]
    }

    /// Index of the accepted offer in the list given to `negotiate`, nil when none was.
    public var acceptedOfferIndex: Int?
    /// The parameters to send back; they state exactly what the server applies.
    public var response: PerMessageDeflateParameters?
    /// The permessage-deflate offers tried and declined, in order.
    public var declined: [Declined]
}

extension PerMessageDeflateParameters {
    /// Picks the first acceptable permessage-deflate offer, RFC 7692 §5: the client lists offers
    /// in order of preference and the server accepts at most one. Other extensions are skipped.
    ///
    /// The response states everything the server applies, so the client configures itself from
    /// it alone: no-context-takeover flags the offer asked for are echoed, a server window below
    /// 15 is announced, and a client window is stated only if the offer had
    /// client_max_window_bits ("MUST NOT" otherwise, RFC 7692 §7.1.2.2).
    public static func negotiate(
        offers: [ExtensionOffer], policy: PerMessageDeflateServerPolicy = PerMessageDeflateServerPolicy()
    ) -> PerMessageDeflateNegotiation {
        var negotiation = PerMessageDeflateNegotiation(acceptedOfferIndex: nil, response: nil, declined: [])
        for (index, element) in offers.enumerated() where element.hasName(extensionName) {
            let parsed = parse(element, as: .offer)
            var problems = parsed.problems
            let offer = parsed.parameters
            var response = PerMessageDeflateParameters()
            response.serverNoContextTakeover = offer.serverNoContextTakeover || policy.serverNoContextTakeover
            if offer.serverNoContextTakeover, !policy.allowsServerNoContextTakeover {
                problems.append(.serverNoContextTakeoverUnsupported)
            }
            response.clientNoContextTakeover = offer.clientNoContextTakeover || policy.clientNoContextTakeover
            if let requested = offer.serverMaxWindowBits {
                if requested < policy.minimumServerWindowBits {
                    problems.append(
                        .serverWindowBitsUnsupported(requested: requested, minimum: policy.minimumServerWindowBits))
                }
                response.serverMaxWindowBits = min(requested, policy.serverMaxWindowBits)
            } else if policy.serverMaxWindowBits < 15 {
                response.serverMaxWindowBits = policy.serverMaxWindowBits
            }
            switch offer.clientMaxWindowBits {
            case nil: break
            case .supported: response.clientMaxWindowBits = policy.clientMaxWindowBits.map { .limit($0) }
            case .limit(let hint): response.clientMaxWindowBits = .limit(min(hint, policy.clientMaxWindowBits ?? 15))
            }
            if policy.clientWindowFollowsServer, offer.clientMaxWindowBits == .supported, response.clientMaxWindowBits == nil,
                let bits = response.serverMaxWindowBits, bits < 15
            {
                response.clientMaxWindowBits = .limit(bits)
            }
            guard problems.isEmpty else {
                negotiation.declined.append(.init(offerIndex: index, problems: problems))
                continue
            }
            negotiation.acceptedOfferIndex = index
            negotiation.response = response
            break
        }
        return negotiation
    }

    /// The client's check of a server's response against this offer, RFC 7692 §7.1.1.1–§7.1.2.2:
    /// every reason the client MUST fail the connection (RFC 7692 §7). Empty means acceptable.
    ///
    /// `response` is what the server sent, parsed as a response; parse problems (unknown,
    /// duplicate or invalid parameters) are the caller's to add, or use the overload below.
    public func validateResponse(_ response: PerMessageDeflateParameters) -> [PerMessageDeflateProblem] {
        var problems: [PerMessageDeflateProblem] = []
        if serverNoContextTakeover, !response.serverNoContextTakeover {
            problems.append(.serverNoContextTakeoverNotConfirmed)
        }
        if let offered = serverMaxWindowBits {
            if let answered = response.serverMaxWindowBits {
                if answered > offered {
                    problems.append(.serverMaxWindowBitsAboveOffer(offered: offered, response: answered))
                }
            } else {
                problems.append(.serverMaxWindowBitsNotConfirmed(offered: offered))
            }
        }
        if let answered = response.clientMaxWindowBits?.bits {
            switch clientMaxWindowBits {
            case nil: problems.append(.clientMaxWindowBitsNotOffered(response: answered))
            case .limit(let offered) where answered > offered:
                problems.append(.clientMaxWindowBitsAboveOffer(offered: offered, response: answered))
            default: break
            }
        }
        return problems
    }

    /// Parses a response element and checks it against this offer: parse problems first, then
    /// those of `validateResponse(_:)`.
    public func validateResponse(_ element: ExtensionOffer) -> [PerMessageDeflateProblem] {
        let parsed = Self.parse(element, as: .response)
        return parsed.problems + validateResponse(parsed.parameters)
    }

    /// The parameters a client applies after this offer got `response`: the response, plus what
    /// the client promised in its offer. It keeps client_no_context_takeover if it offered it,
    /// and an offered client_max_window_bits value binds it when the response states none
    /// (RFC 7692 §7.1.1.2, §7.1.2.2).
    public func appliedByClient(after response: PerMessageDeflateParameters) -> PerMessageDeflateParameters {
        var applied = response
        applied.clientNoContextTakeover = response.clientNoContextTakeover || clientNoContextTakeover
        if response.clientMaxWindowBits?.bits == nil, let promised = clientMaxWindowBits?.bits {
            applied.clientMaxWindowBits = .limit(promised)
        }
        return applied
    }
}
