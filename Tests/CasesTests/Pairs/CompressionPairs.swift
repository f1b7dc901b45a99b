extension FaultPairs {
    /// Compression: a server that inflates every message with an empty window cannot read the
    /// second message compressed with the first one's context (the echo faults check content).
    /// RSV1 where RFC 7692 §6.1 forbids it is caught only by a server that checks it. (The
    /// first-fragment-only case expects an echo, so the echo faults check it.)
    static let compression: [String: [String]] = [
        "compression.round-trip.text-context-takeover": ["deflate-reset-context"],
        "compression.rsv1.continuation": ["accept-misplaced-rsv1"],
        "compression.rsv1.ping": ["accept-misplaced-rsv1"],
    ]
}
