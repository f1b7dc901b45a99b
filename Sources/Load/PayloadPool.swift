import Wire

/// The octets every message is cut from: one random block for binary messages (incompressible)
/// and one of words for text (compressible about as English is, so permessage-deflate finds
/// matches within and across messages), made once and shared by every thread. A message is a slice at an
/// offset fixed by its connection and sequence number, so an echo is compared octet for
/// octet with the block itself: nothing per message is kept but its offset and size.
final class PayloadPool: Sendable {
    let binary: [UInt8]
    let text: [UInt8]
    /// Offsets are spread over this many octets.
    let span: Int

    init(largest: Int, span: Int = 1 << 20) {
        self.span = span
        var mixer = SplitMix64(seed: 0x10AD_10AD)
        var binary: [UInt8] = []
        binary.reserveCapacity(span + largest + 8)
        while binary.count < span + largest { withUnsafeBytes(of: mixer.next()) { binary += $0 } }
        self.binary = binary
        let words = [
            "echo", "frame", "message", "server", "client", "close", "ping", "pong", "text", "binary", "handshake", "upgrade",
            "socket", "window", "deflate", "context", "{\"id\":", "\"value\":", "},", "load", "the", "of", "and", "to",
        ].map { Array(($0 + " ").utf8) }
        var text: [UInt8] = []
        text.reserveCapacity(binary.count + 16)
        var index = 0
        while text.count < binary.count {
            text += words[Int(binary[index]) % words.count]
            index += 1
        }
        self.text = Array(text.prefix(binary.count))
    }

    /// The offset of message `sequence` of connection `connection`.
    func offset(connection: Int, sequence: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: connection) &* 0xD6E8_FEB8_6659_FD93 &+ UInt64(truncatingIfNeeded: sequence) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 29
        return Int(mixed % UInt64(span))
    }

    func block(_ opcode: Opcode) -> [UInt8] { opcode == .text ? text : binary }
}
