import Cases

extension FaultPairs {
    /// Compression: a server that inflates every message with an empty window cannot read the
    /// second message compressed with the first one's context (the echo faults check content).
    /// RSV1 where RFC 7692 §6.1 forbids it is caught only by a server that checks it. (The
    /// first-fragment-only case expects an echo, so the echo faults check it.)
    static let compression: [String: [String]] = [
        "compression.round-trip.text-context-takeover": ["deflate-reset-context"],
        "compression.rsv1.continuation": ["accept-misplaced-rsv1"],
        "compression.rsv1.ping": ["accept-misplaced-rsv1"],
        "compression.rsv1.not-negotiated": ["ignore-rsv"],
        "compression.uncompressed-between-compressed": ["inflate-every-message", "deflate-reset-context"],
        "compression.context-takeover.back-reference": ["deflate-reset-context"],
        "compression.fragments.empty-final": ["inflate-frames-apart"],
        "compression.fragments.one-octet-final": ["inflate-frames-apart"],
        "compression.bfinal-block": ["reject-bfinal"],
        "compression.server-no-context-takeover.honoured": ["ignore-server-no-context-takeover"],
        "compression.server-max-window-bits.9": ["exceed-server-window"],
        "compression.server-max-window-bits.8": ["exceed-server-window"],
        "compression.invalid.block-type": ["ignore-corrupt-deflate"],
        "compression.invalid.distance-too-far-back": ["ignore-corrupt-deflate"],
        "compression.invalid.truncated-block": ["ignore-corrupt-deflate"],
        "compression.invalid.utf8-after-inflate": ["utf8-before-inflate", "skip-utf8"],
        "compression.limit.inflated-over-limit": ["inflate-without-cap"],
    ].merging(negotiation) { first, _ in first }

    /// Negotiation (RFC 7692 §5, §7): each offer a server must decline is accepted by a server
    /// that ignores what it cannot read; each response rule is broken by the fault that answers
    /// otherwise; a server that misreads a missing client window cannot inflate far
    /// back-references.
    static let negotiation: [String: [String]] = [
        "compression.negotiation.unknown-parameter": ["accept-invalid-deflate-offer"],
        "compression.negotiation.duplicate-parameter": ["accept-invalid-deflate-offer"],
        "compression.negotiation.server-window-7": ["accept-invalid-deflate-offer"],
        "compression.negotiation.server-window-16": ["accept-invalid-deflate-offer"],
        "compression.negotiation.server-window-leading-zero": ["accept-invalid-deflate-offer"],
        "compression.negotiation.client-window-7": ["accept-invalid-deflate-offer"],
        "compression.negotiation.server-no-context-takeover-value": ["accept-invalid-deflate-offer"],
        "compression.negotiation.several-offers": ["accept-invalid-deflate-offer", "drop-server-no-context-takeover"],
        "compression.negotiation.offered-twice": ["answer-deflate-twice"],
        "compression.negotiation.server-no-context-takeover": ["drop-server-no-context-takeover"],
        "compression.negotiation.server-window-8": ["answer-larger-server-window"],
        "compression.negotiation.server-window-quoted": ["answer-larger-server-window"],
        "compression.negotiation.client-window-not-offered": ["answer-unoffered-client-window"],
        "compression.negotiation.client-window-without-value": ["echo-valueless-client-window"],
        "compression.negotiation.client-window-omitted-means-15": ["misread-missing-client-window", "echo-valueless-client-window"],
    ]
}

extension FaultPairs {
    /// Autobahn 13.x: under an offer of server_no_context_takeover a server that keeps its
    /// context sends echoes that reach into earlier ones, and under server_max_window_bits=9 one
    /// that compresses with 15 bits, keeping its context, sends distances into earlier echoes
    /// that the tester's 9-bit window cannot hold (RFC 7692 §7.1.1.1, §7.1.2.1). 13.7's first offer is 13.5's, the one `serve` takes. (Every
    /// group is also checked by the echo faults.)
    static let offerSets: [String: [String]] = Dictionary(
        uniqueKeysWithValues: Section7_1_OfferSets.cases.compactMap { testCase in
            let offer = testCase.opening.deflateOffers.joined(separator: ", ").split(separator: ",").first.map(String.init) ?? ""
            var faults: [String] = []
            if offer.contains("server_no_context_takeover") { faults.append("ignore-server-no-context-takeover") }
            // Only across messages: within one, zlib holds back-references to the window only
            // where they reach behind the output of the current inflate call.
            if offer.contains("server_max_window_bits=9"), !offer.contains("server_no_context_takeover") {
                faults.append("exceed-server-window")
            }
            return faults.isEmpty ? nil : (testCase.id, faults)
        })
}
