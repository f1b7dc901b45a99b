/// FNV-1a, 64 bits: the one non-cryptographic hash of the project. It names corpus files,
/// seeds per-case generators from case ids, and digests messages so an echo is compared with
/// what was sent without keeping either. It only has to be stable across machines and
/// versions (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
public struct FNV1a: Hashable, Sendable {
    /// The FNV offset basis.
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    public private(set) var value: UInt64

    /// A hash starting from the offset basis, or from `basis` (a seed, so that hashes of the
    /// same text differ between seeds).
    public init(basis: UInt64 = FNV1a.offsetBasis) { value = basis }

    /// Adds `bytes` to the hash.
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* Self.prime }
        value = hash
    }

    /// Adds `bytes` to the hash: the path every message digest takes. Not generic, so it is
    /// compiled for arrays here, in its own module, instead of walking a generic iterator
    /// through witness tables in every caller (a 16 MiB echo is 16 million steps).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update(octets: $0) }
    }

    /// Adds the octets of a contiguous buffer to the hash.
    public mutating func update(octets: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in octets { hash = (hash ^ UInt64(byte)) &* Self.prime }
        value = hash
    }

    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, basis: UInt64 = offsetBasis) -> UInt64 {
        var hasher = FNV1a(basis: basis)
        hasher.update(bytes)
        return hasher.value
    }
}
