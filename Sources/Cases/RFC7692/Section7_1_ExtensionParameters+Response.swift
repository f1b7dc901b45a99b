import Wire

/// RFC 7692 §7.1: the parameters of the response a server accepts an offer with.
///
/// §7: a client MUST fail the connection when the response holds a parameter not defined for a
/// response, an invalid value, a repeated parameter, or a configuration the client does not
/// support. §7.1.1.1 and §7.1.2.1: a server accepts an offer holding server_no_context_takeover
/// or server_max_window_bits only by answering with that parameter (a window the same or
/// smaller; "otherwise, the server MUST decline the offer"). §7.1.2.2: "If a received extension
/// negotiation offer doesn't have the client_max_window_bits extension parameter, the
/// corresponding extension negotiation response to the offer MUST NOT include" it; and without
/// it in the response the server can receive messages compressed with a window of up to 32,768
/// octets.
///
/// Each case checks the 101 as the client must. Declining is allowed (the extension is optional,
/// and a server declines a configuration it does not support): UNIMPLEMENTED.
extension Section7_1_ExtensionParameters {
    static let responseCases: [TestCase] = [
        TestCase(
            id: "compression.negotiation.server-no-context-takeover", section: "RFC 7692 §7.1.1.1, §7",
            rule:
                "A server accepts an offer holding server_no_context_takeover only by including that parameter in its response; a response without it is not the configuration offered, and the client MUST fail the connection.",
            level: .must, sentence: RFC7692Sentence.declineOffer,
            summary: "the offer permessage-deflate; server_no_context_takeover: accepted only with server_no_context_takeover",
            opening: .deflate("permessage-deflate; server_no_context_takeover"), steps: [], expect: .events([])),
        TestCase(
            id: "compression.negotiation.server-window-8", section: "RFC 7692 §7.1.2.1",
            rule:
                "A server accepts an offer holding server_max_window_bits only with server_max_window_bits of the same or a smaller value in its response; otherwise it MUST decline the offer.",
            level: .must, sentence: RFC7692Sentence.declineOffer,
            summary: "the offer permessage-deflate; server_max_window_bits=8: accepted with server_max_window_bits=8, or declined",
            opening: .deflate("permessage-deflate; server_max_window_bits=8"), steps: [], expect: .events([])),
        TestCase(
            id: "compression.negotiation.server-window-quoted", section: "RFC 6455 §9.1, RFC 7692 §7.1.2.1",
            rule:
                "A parameter value may be a quoted-string whose unescaped content is a token (RFC 6455 §9.1), so \"10\" is the value 10: a server may decline the offer, and one that accepts it MUST answer server_max_window_bits of 10 or less.",
            level: .must, sentence: RFC7692Sentence.declineOffer,
            summary:
                "the offer permessage-deflate; server_max_window_bits=\"10\": accepted with server_max_window_bits of at most 10, or declined",
            opening: .deflate("permessage-deflate; server_max_window_bits=\"10\""), steps: [], expect: .events([])),
        TestCase(
            id: "compression.negotiation.client-window-not-offered", section: "RFC 7692 §7.1.2.2",
            rule: "If an offer has no client_max_window_bits, the response to it MUST NOT include client_max_window_bits.",
            level: .must, sentence: RFC7692Sentence.clientWindowNotOffered,
            summary: "the offer permessage-deflate, without client_max_window_bits: the response must not limit the client's window",
            opening: .deflate("permessage-deflate"), steps: [], expect: .events([])),
        TestCase(
            id: "compression.negotiation.client-window-without-value", section: "RFC 7692 §7.1.2.2, §7",
            rule:
                "A server MAY answer an offer's valueless client_max_window_bits with client_max_window_bits=8 to 15, or leave it out; in a response the parameter always has such a value, and the client MUST fail the connection on an invalid one.",
            level: .must, sentence: RFC7692Sentence.clientWindowValue,
            summary: "the offer permessage-deflate; client_max_window_bits: the response states a client window of 8–15 or none",
            opening: .deflate("permessage-deflate; client_max_window_bits"), steps: [], expect: .events([])),
        TestCase(
            id: "compression.negotiation.client-window-omitted-means-15", section: "RFC 7692 §7.1.2.2, §7.2.2",
            rule:
                "Without client_max_window_bits in the response, the client may compress with a window of up to 32,768 octets; the server MUST inflate what it sends, not assume a smaller window.",
            level: .must, sentence: RFC7692Sentence.serverDecompressionWindow,
            summary:
                "client_max_window_bits offered without a value; when the response leaves it out, two binary messages of \(farReach.count) random octets, the second referring back \(farReach.count) octets into the first",
            opening: .deflate("permessage-deflate; client_max_window_bits"),
            steps: Array(repeating: .sendCompressed(.binary, farReach, .oneWrite), count: 2),
            expect: .events(Array(repeating: .message(.binary, farReach), count: 2))),
    ]

    /// 20,000 octets that do not compress (SplitMix64, seed 112): sent twice, the second copy
    /// compresses to back-references reaching 20,000 octets back, past any window below 15 bits.
    static let farReach: Payload = {
        var generator = SplitMix64(seed: 112)
        return .bytes((0..<20_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    }()
}
