import Wire

/// FNV-1a, 64 bits: the content hash that names corpus files. Not a cryptographic hash — it
/// only has to be stable across machines and versions, so that the same script always gets the
/// same file name and a merge of two shards stores it once.
public enum ContentHash {
    /// The FNV-1a 64 hash of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 { FNV1a.hash(bytes) }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
