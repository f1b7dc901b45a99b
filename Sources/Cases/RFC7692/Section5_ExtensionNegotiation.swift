/// RFC 7692 §5: negotiating a per-message compression extension.
///
/// A client may offer several PMCE configurations, in order of preference, in one or several
/// `Sec-WebSocket-Extensions` lines (RFC 6455 §9.1); the server accepts at most one, by
/// including one element for it in its response. §5: "A server MUST NOT accept a PMCE extension
/// negotiation offer together with another extension if the PMCE will conflict with the
/// extension on their use of the RSV1 bit", and a client receiving such a response MUST fail
/// the connection: a second permessage-deflate would use RSV1 too. §7: an offer with an unknown
/// parameter MUST be declined, so it cannot be the one accepted.
///
/// A server that declines every offer is UNIMPLEMENTED (the extension is optional).
public enum Section5_ExtensionNegotiation {
    public static let cases: [TestCase] = [
        TestCase(
            id: "compression.negotiation.several-offers", section: "RFC 7692 §5, §7",
            rule:
                "Of several permessage-deflate offers the server accepts at most one, never one it MUST decline (an unknown parameter, RFC 7692 §7), and its response must answer the offer it accepts.",
            level: .must, sentence: RFC7692Sentence.declineOffer,
            summary:
                "two offers in one line, the first with an unknown parameter, the second with server_no_context_takeover: only the second may be accepted",
            opening: .deflate("permessage-deflate; x-unknown-parameter, permessage-deflate; server_no_context_takeover"), steps: [],
            expect: .events([])),
        TestCase(
            id: "compression.negotiation.offered-twice", section: "RFC 7692 §5, RFC 6455 §9.1",
            rule:
                "A server MUST NOT accept permessage-deflate together with another extension that uses RSV1, a second permessage-deflate included: its response holds at most one permessage-deflate element, or the client MUST fail the connection.",
            level: .must, sentence: RFC7692Sentence.rsv1Conflict, summary: "the same offer, permessage-deflate, in two Sec-WebSocket-Extensions lines: accepted once at most",
            opening: .deflate(lines: ["permessage-deflate", "permessage-deflate"], decline: .unimplemented), steps: [],
            expect: .events([])),
    ]
}
