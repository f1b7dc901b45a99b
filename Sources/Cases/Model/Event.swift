import Wire

/// Something the server did that a case records, in order: what expectations are written in.
/// (Server pings are answered and not recorded, as in Autobahn.)
public enum Event: Hashable, Sendable, CustomStringConvertible {
    /// A complete data message.
    case message(Opcode, Payload)
    /// A pong.
    case pong(Payload)
    /// A checkpoint passed with the connection still open.
    case marker(String)

    /// A text message.
    public static func text(_ text: String) -> Event { .message(.text, .text(text)) }

    public var description: String {
        switch self {
        case .message(let opcode, let payload): return "\(opcode) \(payload)"
        case .pong(let payload): return "pong \(payload)"
        case .marker(let name): return "still open at \(name)"
        }
    }
}

/// An event as received: digests instead of payloads, so memory stays bounded whatever the
/// server sends, with the first octets kept for people.
public struct ObservedEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case message(Opcode)
        case pong
        case marker(String)
    }

    public var kind: Kind
    public var digest: MessageDigest
    /// The first octets, for transcripts and reports.
    public var prefix: [UInt8]

    public init(kind: Kind, digest: MessageDigest, prefix: [UInt8]) {
        self.kind = kind
        self.digest = digest
        self.prefix = prefix
    }

    /// True when this is the expected event: same kind, length and content digest. (A one-off
    /// comparison; a running case prepares its expected events once, see `ExpectedEvent`.)
    public func matches(_ expected: Event) -> Bool {
        var prepared = ExpectedEvent(expected)
        return prepared.isMatched(by: self, .exact)
    }

    /// True when this is a message of the expected type and length (content not compared).
    public func matchesLength(_ expected: Event) -> Bool {
        var prepared = ExpectedEvent(expected)
        return prepared.isMatched(by: self, .typeAndLength)
    }

    public var description: String {
        let body = PayloadText.describe(prefix, total: digest.length)
        switch kind {
        case .message(let opcode): return "\(opcode) \(body)"
        case .pong: return "pong \(body)"
        case .marker(let name): return "still open at \(name)"
        }
    }
}
