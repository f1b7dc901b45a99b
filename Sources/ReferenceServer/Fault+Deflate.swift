/// Faults of permessage-deflate, RFC 7692: what the server does with compressed messages.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let permessageDeflate: [Fault] = [.deflateResetContext, .acceptMisplacedRSV1]

    public static let deflateResetContext = Fault(
        name: "deflate-reset-context",
        summary: "inflates every compressed message with an empty window, as if client_no_context_takeover had been agreed",
        section: "RFC 7692 §7.1.1.2, §7.2.2 (without client_no_context_takeover the client may use the window of earlier messages)")

    public static let acceptMisplacedRSV1 = Fault(
        name: "accept-misplaced-rsv1",
        summary: "takes RSV1 on a continuation or a control frame as if it were not set, once permessage-deflate is agreed",
        section: "RFC 7692 §6.1 (RSV1 only on the first frame of a data message; the receiver MUST fail the connection)")
}
