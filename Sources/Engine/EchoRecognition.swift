import Cases

/// Echoes recognised by their compressed octets: when a server sends back a compressed message
/// octet for octet as the tester sent it, and the tester compressed it from an empty window
/// (its no_context_takeover, RFC 7692 §7.1.1.2) within a window no larger than the server's, the
/// echo inflates to the message sent under any window the tester's decompressor holds, with no
/// back-reference before its own start or past the server's window. So it is that message, and
/// the tester need not inflate it (a relay or a server may forward what it received rather than
/// compress it again).
///
/// Pure state: the observer feeds it the octets of each compressed message as they arrive and
/// inflates them itself the moment they depart from the candidate. Bounded: at most `capacity`
/// sent messages are remembered, the oldest leaving first.
struct EchoRecognition {
    struct Sent {
        var compressed: [UInt8]
        var message: Payload
    }

    static let capacity = 64

    private var sent: [Sent] = []
    private var next = 0
    /// The sent message the current compressed message may be, and its octets matched so far.
    private var candidate: Sent?
    private var matched = 0

    /// The tester sent `message` as `compressed`, from an empty window.
    mutating func record(_ compressed: [UInt8], _ message: Payload) {
        if sent.count - next >= Self.capacity { next += 1 }
        sent.append(Sent(compressed: compressed, message: message))
        if next > Self.capacity, next * 2 > sent.count {
            sent.removeFirst(next)
            next = 0
        }
    }

    /// A compressed message begins: it may be the oldest sent message not yet echoed.
    mutating func begin() {
        candidate = next < sent.count ? sent[next] : nil
        if candidate != nil { next += 1 }
        matched = 0
    }

    /// Octets of the current compressed message. Nil while they follow the candidate (nothing
    /// to inflate yet); otherwise the octets to inflate now: those matched so far, then `chunk`.
    mutating func follow(_ chunk: [UInt8]) -> [UInt8]? {
        guard let expected = candidate else { return chunk }
        let end = matched + chunk.count
        if end <= expected.compressed.count, expected.compressed[matched..<end].elementsEqual(chunk) {
            matched = end
            return nil
        }
        candidate = nil
        return Array(expected.compressed[0..<matched]) + chunk
    }

    /// The current compressed message ended: the message it is when every octet followed the
    /// candidate; otherwise nil and the octets matched so far, still to inflate.
    mutating func end() -> (message: Payload?, replay: [UInt8]) {
        defer { candidate = nil }
        guard let expected = candidate else { return (nil, []) }
        if matched == expected.compressed.count { return (expected.message, []) }
        return (nil, Array(expected.compressed[0..<matched]))
    }
}
