import Wire

/// The octets every message is cut from: one random block for binary messages and one of
/// printable ASCII for text, made once and shared by every thread. A message is a slice at an
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
        text = binary.map { 0x20 + $0 % 95 }
    }

    /// The offset of message `sequence` of connection `connection`.
    func offset(connection: Int, sequence: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: connection) &* 0xD6E8_FEB8_6659_FD93 &+ UInt64(truncatingIfNeeded: sequence) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 29
        return Int(mixed % UInt64(span))
    }

    func block(_ opcode: Opcode) -> [UInt8] { opcode == .text ? text : binary }
}
