extension FaultPairs {
    /// Compression: a server that inflates every message with an empty window cannot read the
    /// second message compressed with the first one's context (the echo faults check content).
    static let compression: [String: [String]] = [
        "compression.round-trip.text-context-takeover": ["deflate-reset-context"]
    ]
}
