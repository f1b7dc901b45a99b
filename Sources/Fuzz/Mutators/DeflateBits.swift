/// A DEFLATE stream written bit by bit with the fixed Huffman codes (RFC 1951 §3.2.6), for
/// compressed payloads no compressor writes: a back-reference to data never sent, a block with
/// BFINAL set. Bits go out least significant first, Huffman codes most significant first
/// (RFC 1951 §3.1.1).
struct DeflateBits {
    private(set) var bytes: [UInt8] = []
    /// Bits already used in the last octet (0 when the stream is at an octet boundary).
    private var used = 0

    /// Writes the low `count` bits of `value`, least significant first.
    mutating func write(_ value: Int, bits count: Int) {
        for bit in 0..<count {
            if used == 0 { bytes.append(0) }
            if (value >> bit) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << used) }
            used = (used + 1) & 7
        }
    }

    /// Writes a Huffman code of `length` bits, most significant first.
    private mutating func code(_ code: Int, length: Int) {
        for bit in stride(from: length - 1, through: 0, by: -1) { write((code >> bit) & 1, bits: 1) }
    }

    /// The header of a fixed-Huffman block (BTYPE 01), RFC 1951 §3.2.3.
    mutating func fixedBlock(final: Bool = false) {
        write(final ? 1 : 0, bits: 1)
        write(1, bits: 2)
    }

    /// A literal octet, or 256 for the end of the block, in the fixed code (RFC 1951 §3.2.6).
    mutating func literal(_ symbol: Int) {
        switch symbol {
        case 0...143: code(0x30 + symbol, length: 8)
        case 144...255: code(0x190 + symbol - 144, length: 9)
        case 256...279: code(symbol - 256, length: 7)
        default: code(0xC0 + symbol - 280, length: 8)
        }
    }

    /// A back-reference of `length` (3–258) octets, `distance` (1–32768) back (RFC 1951 §3.2.5).
    mutating func match(length: Int, distance: Int) {
        let lengthCode = Self.lengthBases.lastIndex { $0 <= length } ?? 0
        literal(257 + lengthCode)
        write(length - Self.lengthBases[lengthCode], bits: Self.lengthExtra[lengthCode])
        let distanceCode = Self.distanceBases.lastIndex { $0 <= distance } ?? 0
        code(distanceCode, length: 5)
        write(distance - Self.distanceBases[distanceCode], bits: Self.distanceExtra[distanceCode])
    }

    /// The end of a message as RFC 7692 §7.2.1 has a sender end it: an empty stored block
    /// (a sync flush) with its `00 00 ff ff` removed — its three header bits and the padding.
    mutating func flushWithoutTail() {
        write(0, bits: 3)
        padToOctet()
    }

    /// Fills the last octet with zero bits: what follows starts at an octet boundary.
    mutating func padToOctet() { used = 0 }

    /// Length codes 257–285: base lengths and extra bits, RFC 1951 §3.2.5.
    static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Distance codes 0–29: base distances and extra bits, RFC 1951 §3.2.5.
    static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
        16385, 24577,
    ]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// `literals` as RFC 7692 §7.2.3.4 has a sender flush with a final block: one block of
    /// literals with BFINAL set, then the octet `00` (an empty stored block's header bits and
    /// padding, whose length octets the receiver appends). "Hello" gives the RFC's example,
    /// `f3 48 cd c9 c9 07 00 00`.
    static func finalBlock(literals: [UInt8]) -> [UInt8] {
        var stream = DeflateBits()
        stream.fixedBlock(final: true)
        for octet in literals { stream.literal(Int(octet)) }
        stream.literal(256)
        stream.padToOctet()
        return stream.bytes + [0x00]
    }

    /// A compressed message that writes `literals`, then copies `length` octets from
    /// `distance` back, then ends as a sync flush does (RFC 7692 §7.2.1).
    static func message(literals: [UInt8], length: Int, distance: Int) -> [UInt8] {
        var stream = DeflateBits()
        stream.fixedBlock()
        for octet in literals { stream.literal(Int(octet)) }
        stream.match(length: length, distance: distance)
        stream.literal(256)
        stream.flushWithoutTail()
        return stream.bytes
    }
}
