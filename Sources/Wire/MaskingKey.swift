/// The 32-bit masking key of a client-to-server frame, RFC 6455 §5.3.
public struct MaskingKey: Hashable, Sendable, CustomStringConvertible {
    /// The four key octets in wire order.
    public var bytes: (UInt8, UInt8, UInt8, UInt8)

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) { bytes = (b0, b1, b2, b3) }

    /// Builds a key from its big-endian 32-bit value.
    public init(_ value: UInt32) {
        self.init(UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// The all-zero key: masking with it leaves the payload readable on the wire.
    public static let zero = MaskingKey(0)

    /// A fresh key from the given generator; RFC 6455 §5.3 asks for an unpredictable key per frame.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> MaskingKey {
        MaskingKey(UInt32.random(in: .min ... .max, using: &generator))
    }

    /// The key octet at `index` modulo 4.
    public subscript(index: Int) -> UInt8 {
        switch index & 3 {
        case 0: return bytes.0
        case 1: return bytes.1
        case 2: return bytes.2
        default: return bytes.3
        }
    }

    /// The key as a big-endian value.
    public var value: UInt32 {
        UInt32(bytes.0) << 24 | UInt32(bytes.1) << 16 | UInt32(bytes.2) << 8 | UInt32(bytes.3)
    }

    public static func == (lhs: MaskingKey, rhs: MaskingKey) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    public var description: String {
        [self[0], self[1], self[2], self[3]].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// XORs `buffer[range]` with the key, RFC 6455 §5.3, where `range.lowerBound` is at
    /// payload offset `payloadOffset` (so a payload unmasked in pieces stays aligned).
    /// Masking and unmasking are the same operation.
    public func apply(to buffer: inout [UInt8], range: Range<Int>, payloadOffset: UInt64) {
        guard !range.isEmpty else { return }
        let phase = Int(payloadOffset & 3)
        // Rotate the key so that word-sized XORs line up with the payload offset.
        let k0 = self[phase]
        let k1 = self[phase + 1]
        let k2 = self[phase + 2]
        let k3 = self[phase + 3]
        let word = UInt32(k0) | UInt32(k1) << 8 | UInt32(k2) << 16 | UInt32(k3) << 24
        // `littleEndian` puts k0 at the lowest address on any host.
        let wide = (UInt64(word) | UInt64(word) << 32).littleEndian
        buffer.withUnsafeMutableBytes { raw in
            // Unsafe for speed: a 16 MiB echo masks 16 MiB twice, and a byte loop with bounds
            // checks is several times slower than 8-byte XORs. Bounds are checked by `range`.
            var index = range.lowerBound
            let end = range.upperBound
            while end - index >= 8 {
                let pointer = raw.baseAddress! + index
                let value = pointer.loadUnaligned(as: UInt64.self)
                pointer.storeBytes(of: value ^ wide, as: UInt64.self)
                index += 8
            }
            var keyIndex = 0
            let keyBytes = (k0, k1, k2, k3)
            while index < end {
                let k: UInt8
                switch keyIndex & 3 {
                case 0: k = keyBytes.0
                case 1: k = keyBytes.1
                case 2: k = keyBytes.2
                default: k = keyBytes.3
                }
                raw[index] ^= k
                index += 1
                keyIndex += 1
            }
        }
    }

    /// Returns `payload` masked (or unmasked) with this key from payload offset 0.
    public func applied(to payload: [UInt8]) -> [UInt8] {
        var copy = payload
        apply(to: &copy, range: 0..<copy.count, payloadOffset: 0)
        return copy
    }
}
