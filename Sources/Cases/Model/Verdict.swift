/// The behaviour verdict, Autobahn's first axis: what the server did with the data.
public enum BehaviourVerdict: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case ok = "OK"
    /// Conforming, but deviating from a SHOULD (or from the preferred behaviour).
    case nonStrict = "NON-STRICT"
    /// Any behaviour is allowed; the outcome is reported for information.
    case informational = "INFORMATIONAL"
    /// An optional feature (e.g. permessage-deflate) the server did not accept.
    case unimplemented = "UNIMPLEMENTED"
    case failed = "FAILED"

    private var rank: Int { [.ok: 0, .informational: 1, .nonStrict: 2, .unimplemented: 3, .failed: 4][self]! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The close verdict, Autobahn's second axis: how the connection ended, RFC 6455 §7.
public enum CloseVerdict: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case ok = "OK"
    case informational = "INFORMATIONAL"
    /// The server closed with a code the case does not accept.
    case wrongCode = "WRONG CODE"
    /// The closing handshake was required to be clean and was not.
    case unclean = "UNCLEAN"
    /// The handshake was fine but the tester had to drop TCP itself (RFC 6455 §7.1.1: the
    /// server SHOULD close the TCP connection first).
    case failedByClient = "FAILED BY CLIENT"
    case failed = "FAILED"

    private var rank: Int { [.ok: 0, .informational: 1, .failedByClient: 2, .wrongCode: 3, .unclean: 4, .failed: 5][self]! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
