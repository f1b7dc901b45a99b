import Wire

/// The kinds of mutation, one file each, so a report can group coverage by family.
public enum MutatorFamily: String, Hashable, Sendable, CaseIterable, Codable {
    /// FIN, RSV1–3, opcode, MASK bit, masking key (RFC 6455 §5.2, §5.3).
    case header
    /// The payload length field: lies, non-minimal forms, the 64-bit MSB (RFC 6455 §5.2).
    case length
    /// Payload octets: flips, inserts, deletes, interesting values, splices.
    case payload
    /// Text payloads that break or stress UTF-8 (RFC 6455 §8.1, RFC 3629).
    case utf8
    /// Message fragmentation (RFC 6455 §5.4).
    case fragmentation
    /// Close frame bodies (RFC 6455 §5.5.1, §7.4).
    case close
    /// The opening handshake (RFC 6455 §4.1, §4.2.1).
    case handshake
    /// How octets reach the wire: chop sizes and pauses.
    case timing
    /// Byte-level damage to the serialised stream.
    case havoc
    /// Whole steps: delete, duplicate, swap, insert, splice from a donor.
    case structure
    /// permessage-deflate (RFC 7692): the offer, compressed messages, and their damage.
    case deflate
}

/// A named, structure-aware mutation of a script. Mutators are values, so a campaign's report
/// can say which ones ran and which found what; every random choice comes from the generator
/// passed in, so a seed fixes the output.
public struct Mutator: Sendable, CustomStringConvertible {
    /// A stable name, e.g. "flip-fin", used in reports and findings; never renamed.
    public let name: String
    public let family: MutatorFamily
    /// What the mutation does, in one line, with the RFC rule it aims at.
    public let summary: String
    private let body: @Sendable (inout SessionScript, SessionScript?, inout SplitMix64) -> Void

    public init(
        _ name: String, _ family: MutatorFamily, _ summary: String,
        _ body: @escaping @Sendable (inout SessionScript, SessionScript?, inout SplitMix64) -> Void
    ) {
        self.name = name
        self.family = family
        self.summary = summary
        self.body = body
    }

    /// Applies the mutation; `donor` is another script that splicing mutators may take from
    /// (they splice within `script` when there is none).
    public func apply(to script: inout SessionScript, donor: SessionScript? = nil, using generator: inout SplitMix64) {
        body(&script, donor, &generator)
    }

    public var description: String { name }
}
