/// A W3C Trace Context `traceparent` field (Trace Context Level 1, §3.2): version `00`, a
/// trace id of 16 octets, a parent id of 8, and the `sampled` flag, all lowercase hex.
///
/// Each case's opening handshake carries a fresh one, and the report shows its trace id beside
/// the case: a server, or the proxy or tracing middleware in front of it, that logs or
/// propagates the field ties its own records of that connection to the case, so a failing case
/// can be found in the staging logs. Ids are random, never derived from the run's seed: a
/// nightly run repeated with the same seed must not reuse last night's ids.
public struct TraceParent: Hashable, Sendable, CustomStringConvertible {
    /// The field's name; Trace Context §3.2 gives it in lowercase.
    public static let fieldName = "traceparent"

    /// 16 octets, not all zero (§3.2.2.3: an all-zero trace id is invalid).
    public let traceID: [UInt8]
    /// 8 octets, not all zero (§3.2.2.4).
    public let parentID: [UInt8]

    /// A field from its ids; nil when a length is wrong or an id is all zeros.
    public init?(traceID: [UInt8], parentID: [UInt8]) {
        guard traceID.count == 16, parentID.count == 8, traceID.contains(where: { $0 != 0 }), parentID.contains(where: { $0 != 0 })
        else { return nil }
        self.traceID = traceID
        self.parentID = parentID
    }

    /// Fresh random ids from `generator` (drawn again in the one-in-2^64 case of zeros).
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> TraceParent {
        while true {
            let trace = (0..<2).flatMap { _ in Self.octets(generator.next()) }
            if let field = TraceParent(traceID: trace, parentID: Self.octets(generator.next())) { return field }
        }
    }

    /// Fresh ids from the system's random source.
    public static func random() -> TraceParent {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The trace id as 32 lowercase hex digits, as tracing back ends and logs show it.
    public var traceIDHex: String { Hex.encode(traceID) }

    /// The field's value: `00-<trace id>-<parent id>-01` (sampled, so a back end that samples
    /// by the caller's flag keeps the trace).
    public var value: String { "00-\(traceIDHex)-\(Hex.encode(parentID))-01" }

    public var description: String { value }

    private static func octets(_ word: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } }
}
