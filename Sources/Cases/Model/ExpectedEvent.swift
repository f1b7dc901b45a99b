import Wire

/// An expected event made ready for comparison with received ones: its kind and length at
/// once, the digest of its payload on first need and then kept. `Payload.digest` produces and
/// hashes every octet each time it is asked; an echo case that compared each received message
/// with a thousand 128 KiB payloads that way would hash them again on every look.
///
/// This is the one place where "the received event is the expected one" is decided:
/// `ObservedEvent.matches` and the engine's running comparison both come here.
public struct ExpectedEvent: Sendable, CustomStringConvertible {
    /// The event as the case wrote it (kept for reports: "event N: expected …").
    public let event: Event
    /// The kind a received event must have: opcode, pong, or marker and its name.
    public let kind: ObservedEvent.Kind
    /// The payload's length (0 for a marker).
    public let length: Int
    /// The payload's digest, once computed.
    public private(set) var digest: MessageDigest?

    /// `event` prepared: kind and length now, the digest on first need.
    public init(_ event: Event) {
        self.event = event
        switch event {
        case .message(let opcode, let payload): (kind, length) = (.message(opcode), payload.count)
        case .pong(let payload): (kind, length) = (.pong, payload.count)
        case .marker(let name): (kind, length) = (.marker(name), 0)
        }
    }

    /// True when `observed` is this event: the same kind, and then for a marker nothing more;
    /// for a data message the same length, and with `.exact` matching the same digest; for a
    /// pong the same digest whatever the matching (only data messages are compared leniently).
    /// The digest is computed here the first time a received event of the right kind and
    /// length asks for it, and never again.
    public mutating func isMatched(by observed: ObservedEvent, _ matching: EventMatching) -> Bool {
        guard observed.kind == kind else { return false }
        switch kind {
        case .marker: return true
        case .message where matching == .typeAndLength: return observed.digest.length == length
        case .message, .pong:
            // The digest counts the length too: a shorter or longer echo fails without hashing.
            guard observed.digest.length == length else { return false }
            return observed.digest == preparedDigest()
        }
    }

    /// The payload's digest, computed on the first call.
    private mutating func preparedDigest() -> MessageDigest {
        if let digest { return digest }
        let computed: MessageDigest
        switch event {
        case .message(_, let payload), .pong(let payload): computed = payload.digest
        case .marker: computed = MessageDigest()
        }
        digest = computed
        return computed
    }

    public var description: String { event.description }
}
