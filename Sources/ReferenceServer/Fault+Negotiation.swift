/// Faults of permessage-deflate negotiation, RFC 7692 §5 and §7: what the server answers to
/// the client's offers in its 101, and how it reads what it answered.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let deflateNegotiation: [Fault] = [
        .acceptInvalidDeflateOffer, .answerLargerServerWindow, .dropServerNoContextTakeover, .answerUnofferedClientWindow,
        .echoValuelessClientWindow, .answerDeflateTwice, .misreadMissingClientWindow,
    ]

    public static let acceptInvalidDeflateOffer = Fault(
        name: "accept-invalid-deflate-offer",
        summary:
            "accepts a permessage-deflate offer with an unknown parameter, an invalid value or a duplicate parameter, ignoring what it cannot read",
        section: "RFC 7692 §7 (a server MUST decline such an offer)")

    public static let answerLargerServerWindow = Fault(
        name: "answer-larger-server-window",
        summary: "answers an offered server_max_window_bits below 15 with server_max_window_bits=15, the window it compresses with",
        section: "RFC 7692 §7.1.2.1 (the response holds the same or a smaller value; otherwise the server MUST decline)")

    public static let dropServerNoContextTakeover = Fault(
        name: "drop-server-no-context-takeover",
        summary: "accepts an offer with server_no_context_takeover but leaves the parameter out of its response (and keeps its context)",
        section: "RFC 7692 §7.1.1.1 (a server accepts such an offer only by including server_no_context_takeover)")

    public static let answerUnofferedClientWindow = Fault(
        name: "answer-unoffered-client-window",
        summary: "states client_max_window_bits=15 in its response to an offer without client_max_window_bits",
        section: "RFC 7692 §7.1.2.2 (the response MUST NOT include client_max_window_bits unless the offer had it)")

    public static let echoValuelessClientWindow = Fault(
        name: "echo-valueless-client-window",
        summary: "answers an offer's client_max_window_bits without a value by copying it, valueless, into its response",
        section: "RFC 7692 §7.1.2.2, §7 (in a response the parameter has a value 8–15; the client MUST fail the connection)")

    public static let answerDeflateTwice = Fault(
        name: "answer-deflate-twice",
        summary: "accepts every acceptable permessage-deflate offer, one response element each, instead of one",
        section: "RFC 7692 §5 (both would use RSV1: a server MUST NOT accept an offer together with such an extension)")

    public static let misreadMissingClientWindow = Fault(
        name: "misread-missing-client-window",
        summary:
            "when the offer had client_max_window_bits without a value and its response leaves the parameter out, inflates with an 8-bit window instead of 15",
        section: "RFC 7692 §7.1.2.2 (without client_max_window_bits in the response the client may use a 32,768-octet window)")
}
