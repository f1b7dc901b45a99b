/// Faults of permessage-deflate, RFC 7692: what the server does with compressed messages.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let permessageDeflate: [Fault] = [
        .deflateResetContext, .acceptMisplacedRSV1, .inflateEveryMessage, .inflateFramesApart, .rejectFinalBlock,
        .ignoreServerNoContextTakeover, .exceedServerWindow, .ignoreCorruptDeflate, .utf8BeforeInflate, .inflateWithoutCap,
    ]

    public static let deflateResetContext = Fault(
        name: "deflate-reset-context",
        summary: "inflates every compressed message with an empty window, as if client_no_context_takeover had been agreed",
        section: "RFC 7692 §7.1.1.2, §7.2.2 (without client_no_context_takeover the client may use the window of earlier messages)")

    public static let acceptMisplacedRSV1 = Fault(
        name: "accept-misplaced-rsv1",
        summary: "takes RSV1 on a continuation or a control frame as if it were not set, once permessage-deflate is agreed",
        section: "RFC 7692 §6.1 (RSV1 only on the first frame of a data message; the receiver MUST fail the connection)")

    public static let inflateEveryMessage = Fault(
        name: "inflate-every-message",
        summary: "inflates every data message once permessage-deflate is agreed, whether RSV1 is set or not",
        section: "RFC 7692 §6.2 (a message without the Per-Message Compressed bit is not compressed)")

    public static let inflateFramesApart = Fault(
        name: "inflate-frames-apart",
        summary: "inflates each frame of a compressed message as a message of its own, appending 00 00 ff ff to every frame",
        section: "RFC 7692 §7.2.2 (the tail is appended once, to the payload of the whole message)")

    public static let rejectFinalBlock = Fault(
        name: "reject-bfinal",
        summary: "fails the connection on a DEFLATE block with BFINAL set, as an inflater that takes the end of a stream for an error",
        section: "RFC 7692 §7.2.1, §7.2.3.4 (a sender may flush with a BFINAL block; the next block follows it)")

    public static let ignoreServerNoContextTakeover = Fault(
        name: "ignore-server-no-context-takeover",
        summary: "agrees to server_no_context_takeover but keeps its compression window from message to message",
        section: "RFC 7692 §7.1.1.1, §7.2.1 (the server MUST start each message with an empty window)")

    public static let exceedServerWindow = Fault(
        name: "exceed-server-window",
        summary: "agrees to a server_max_window_bits below 15 but compresses with a 15-bit window",
        section: "RFC 7692 §7.1.2.1 (the server MUST NOT use a window larger than the one agreed)")

    public static let ignoreCorruptDeflate = Fault(
        name: "ignore-corrupt-deflate",
        summary: "echoes an empty message for compressed data that does not inflate (or ends inside a block) instead of failing",
        section: "RFC 7692 §7.2.2, RFC 6455 §10.7 (data that does not decompress is no message; input MUST be validated)")

    public static let utf8BeforeInflate = Fault(
        name: "utf8-before-inflate",
        summary: "checks UTF-8 only on the octets of the wire, before inflation, so the text of a compressed message is never checked",
        section: "RFC 6455 §8.1, RFC 7692 §6.2 (the text is what the message inflates to; invalid UTF-8 MUST fail the connection)")

    public static let inflateWithoutCap = Fault(
        name: "inflate-without-cap",
        summary: "applies its message size limit to uncompressed messages only, inflating compressed ones without bound",
        section: "RFC 6455 §10.4 (the limit is on the message as delivered, after inflation: a decompression bomb is refused with 1009)")
}
