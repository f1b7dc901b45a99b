/// RFC 7692 §7 and §7.1: offers of permessage-deflate a server must decline.
///
/// §7: "A server MUST decline an extension negotiation offer for this extension if any of the
/// following conditions are met": the offer holds a parameter not defined for use in an offer,
/// a parameter with an invalid value, or several parameters of the same name (or a
/// configuration the server does not support). §7.1 defines the values: the no_context_takeover
/// parameters have none (§7.1.1.1, §7.1.1.2); the window bits are "a decimal integer value
/// without leading zeroes between 8 to 15, inclusive" (§7.1.2.1, §7.1.2.2).
///
/// Each case sends one such offer and checks the 101: an upgrade without permessage-deflate is
/// the conforming answer (OK); any acceptance is FAILED. A server that never compresses
/// declines them too, as it must.
public enum Section7_1_ExtensionParameters {
    public static let cases: [TestCase] =
        mustDecline.map { offer in
            TestCase(
                id: "compression.negotiation.\(offer.id)", section: offer.section, rule: declineRule, level: .must, sentence: RFC7692Sentence.declineOffer,
                summary: "the offer \(offer.value): \(offer.why); the upgrade must come without permessage-deflate",
                opening: .deflate(lines: [offer.value], decline: .required), steps: [], expect: .events([]))
        } + Section7_1_ExtensionParameters.responseCases

    static let declineRule =
        "A server MUST decline a permessage-deflate offer that holds a parameter not defined for offers, a parameter with an invalid value, or the same parameter twice: the upgrade goes on without the extension."

    /// An offer the server must decline: its id, where its value is defined, why it is invalid.
    struct InvalidOffer {
        var id: String
        var section: String
        var value: String
        var why: String
    }

    static let mustDecline: [InvalidOffer] = [
        InvalidOffer(
            id: "unknown-parameter", section: "RFC 7692 §7", value: "permessage-deflate; x-unknown-parameter",
            why: "a parameter RFC 7692 does not define"),
        InvalidOffer(
            id: "duplicate-parameter", section: "RFC 7692 §7",
            value: "permessage-deflate; server_no_context_takeover; server_no_context_takeover", why: "the same parameter twice"),
        InvalidOffer(
            id: "server-window-7", section: "RFC 7692 §7, §7.1.2.1", value: "permessage-deflate; server_max_window_bits=7",
            why: "window bits below 8"),
        InvalidOffer(
            id: "server-window-16", section: "RFC 7692 §7, §7.1.2.1", value: "permessage-deflate; server_max_window_bits=16",
            why: "window bits above 15"),
        InvalidOffer(
            id: "server-window-leading-zero", section: "RFC 7692 §7, §7.1.2.1", value: "permessage-deflate; server_max_window_bits=09",
            why: "window bits written with a leading zero"),
        InvalidOffer(
            id: "client-window-7", section: "RFC 7692 §7, §7.1.2.2", value: "permessage-deflate; client_max_window_bits=7",
            why: "client window bits below 8"),
        InvalidOffer(
            id: "server-no-context-takeover-value", section: "RFC 7692 §7, §7.1.1.1",
            value: "permessage-deflate; server_no_context_takeover=1", why: "a value on a parameter that takes none"),
    ]
}
