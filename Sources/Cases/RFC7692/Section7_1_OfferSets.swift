/// RFC 7692 §7.1 extension parameters: the same compressed exchange under seven offers
/// (Autobahn 13.1–13.7).
///
/// Paraphrased: an offer may ask the server not to keep its compression context
/// (server_no_context_takeover, §7.1.1.1) or to compress with a smaller window
/// (server_max_window_bits, §7.1.2.1); a server that accepts such an offer MUST compress as
/// asked, and the client inflates each echo with exactly what the response agreed. A server
/// may decline a parameter it does not support by declining that offer, and from several
/// offers it accepts at most one (§5). Every group sends 1000 slices of the JSON corpus as text.
public enum Section7_1_OfferSets: Sendable {
    public static let cases: [TestCase] = offers.flatMap { offer in
        CompressionGrid.cases(
            group: offer.group, idPrefix: "compression.offer.\(offer.name)", kind: "JSON text", opcode: .text,
            corpus: Section7_2_PayloadKinds.kinds[0].corpus, offer: offer.header, section: "RFC 7692 §7.1, §7.2.2")
    }

    /// Every offer starts with Autobahn's 12.x offer.
    static let base = Section7_2_PayloadKinds.offer

    struct Offer {
        var group: String
        var name: String
        var header: String
    }

    static let offers: [Offer] = [
        Offer(group: "13.1", name: "client-context-reset", header: base),
        Offer(group: "13.2", name: "server-no-context-takeover", header: base + "; server_no_context_takeover"),
        Offer(group: "13.3", name: "server-window-9", header: base + "; server_max_window_bits=9"),
        Offer(group: "13.4", name: "server-window-15", header: base + "; server_max_window_bits=15"),
        Offer(
            group: "13.5", name: "server-no-context-takeover-window-9",
            header: base + "; server_no_context_takeover; server_max_window_bits=9"),
        Offer(
            group: "13.6", name: "server-no-context-takeover-window-15",
            header: base + "; server_no_context_takeover; server_max_window_bits=15"),
        // The 13.5 offer, then the 13.2 one, then the 13.1 one: the server takes the first it supports.
        Offer(
            group: "13.7", name: "three-offers",
            header: [
                base + "; server_no_context_takeover; server_max_window_bits=9", base + "; server_no_context_takeover", base,
            ].joined(separator: ", ")),
    ]
}
