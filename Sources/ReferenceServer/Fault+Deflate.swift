/// Faults of permessage-deflate, RFC 7692: what the server does with compressed messages.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let permessageDeflate: [Fault] = [.deflateResetContext]

    public static let deflateResetContext = Fault(
        name: "deflate-reset-context",
        summary: "inflates every compressed message with an empty window, as if client_no_context_takeover had been agreed",
        section: "RFC 7692 §7.1.1.2, §7.2.2 (without client_no_context_takeover the client may use the window of earlier messages)")
}
