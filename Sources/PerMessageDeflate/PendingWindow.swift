/// Whole messages that join a DEFLATE window later, in one step (RFC 7692 §7.2.3.2: under
/// context takeover a message sent or read without passing through zlib still belongs to the
/// window). zlib's `deflateSetDictionary` hashes every octet it is given, and resetting an
/// inflater's window copies it twice, so a side that forwards or recognises message after
/// message defers that work to the next time zlib itself runs, and then gives it only the last
/// window's worth: the same window as giving it each message in turn.
struct PendingWindow {
    /// The window's size in octets.
    let size: Int
    /// Only the messages the window still reaches into, oldest first.
    private var messages: [[UInt8]] = []
    private var octets = 0

    init(bits: Int) { size = 1 << bits }

    var isEmpty: Bool { messages.isEmpty }

    mutating func append(_ message: [UInt8]) {
        guard !message.isEmpty else { return }
        messages.append(message)
        octets += message.count
        while octets - messages[0].count >= size { octets -= messages.removeFirst().count }
    }

    /// The last `size` octets of `before` followed by the messages, and forgets the messages.
    mutating func take(after before: ArraySlice<UInt8> = []) -> [UInt8] {
        var window: [UInt8] = []
        window.reserveCapacity(min(size, before.count + octets))
        window += before.suffix(max(0, size - octets))
        window += messages[0].dropFirst(max(0, octets - size))
        for message in messages.dropFirst() { window += message }
        messages = []
        octets = 0
        return window
    }
}
