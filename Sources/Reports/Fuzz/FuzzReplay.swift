/// Findings saved by earlier campaigns, re-run before fuzzing (`--replay`): which still
/// reproduce, which now draw a different reaction, and which are fixed.
public struct FuzzReplay: Codable, Sendable, Equatable {
    public var reproduced: Int
    public var changed: Int
    public var fixed: Int
    /// One line per replayed finding, in the order they were run.
    public var results: [FuzzReplayResult]

    /// The counts are taken from `results`.
    public init(results: [FuzzReplayResult]) {
        self.results = results
        reproduced = results.filter { $0.outcome == .reproduced }.count
        changed = results.filter { $0.outcome == .changed }.count
        fixed = results.filter { $0.outcome == .fixed }.count
    }
}

/// One replayed finding.
public struct FuzzReplayResult: Codable, Sendable, Equatable {
    /// What re-running a saved finding showed.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// The same signature again: the bug is still there.
        case reproduced
        /// Still not conforming, but with a different reaction (a new signature).
        case changed
        /// The server now reacts as RFC 6455 requires.
        case fixed
    }

    /// The saved finding's file.
    public var path: String
    /// Its signature when it was saved.
    public var signature: String
    public var outcome: Outcome
    /// What the server did this time, in one line. Server output: hostile text.
    public var observed: String
    /// The trace id of the `traceparent` field the replayed input's head carried, if any: the
    /// key to this replay in the target's logs.
    public var traceId: String?

    public init(path: String, signature: String, outcome: Outcome, observed: String, traceId: String? = nil) {
        self.path = path
        self.signature = signature
        self.outcome = outcome
        self.observed = observed
        self.traceId = traceId
    }
}
