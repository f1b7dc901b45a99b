/// A 64-bit hash of an octet stream taken eight octets at a time, the same however the stream
/// is split across `update` calls: the digest behind every echo comparison.
///
/// FNV-1a (`FNV1a`) costs a multiply per octet, one after the other; an echo case of Autobahn's
/// compression categories compares about a gigabyte of messages, and per-octet hashing was a
/// tenth of the tester's time there. Here each 64-bit little-endian word is mixed in with one
/// multiply and one shift, and the octets of an unfinished word wait for the next call. Not
/// cryptographic: it tells an echo from a different message, as a checksum does.
public struct StreamHash: Hashable, Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Octets not yet mixed in (fewer than eight), little-endian from bit 0.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    public init() {}

    /// The hash of every octet so far.
    public var value: UInt64 {
        guard pendingCount > 0 else { return state }
        return Self.mix(state, pending ^ UInt64(pendingCount) << 59)
    }

    /// Adds `octets` to the stream.
    public mutating func update(_ octets: [UInt8]) {
        octets.withUnsafeBytes { update(bytes: $0) }
    }

    /// Adds the octets of a contiguous buffer to the stream.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        // Complete a word started by an earlier call.
        while pendingCount > 0, pendingCount < 8, index < count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
        if pendingCount == 8 {
            state = Self.mix(state, pending)
            (pending, pendingCount) = (0, 0)
        }
        var hash = state
        while count - index >= 8 {
            hash = Self.mix(hash, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        state = hash
        while index < count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* 0x0000_0100_0000_01B3 &+ 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }
}
