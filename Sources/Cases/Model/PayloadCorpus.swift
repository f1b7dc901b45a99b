/// Octets that many messages of a long case are cut from, shared rather than copied: Autobahn's
/// permessage-deflate cases (12.x/13.x, RFC 7692) send a thousand messages of up to 131072
/// octets, each a slice of one data file, and expect each echo to be that slice.
///
/// Every `Payload.window` over a corpus shares its octets' storage (an array is copied on write
/// only). Equality and hashing go by `id` first: hashing never walks the octets, and equality
/// walks them only for two corpora that have the same id but separate storage.
public struct PayloadCorpus: Hashable, Sendable, CustomStringConvertible {
    /// Names the content, e.g. "json-text(seed 4626, 194056 octets)": a generator's id says how
    /// it made the octets, so the same id means the same octets; equality and hashing use it.
    public let id: String
    /// The generated octets, shared by every window cut from them.
    public let octets: [UInt8]

    /// A corpus of `octets` named `id` (the same id must always name the same octets).
    public init(id: String, octets: [UInt8]) {
        self.id = id
        self.octets = octets
    }

    /// The corpus length in octets.
    public var count: Int { octets.count }

    /// `count` octets from `offset` on, wrapping around at the end (see `Payload.window`). The
    /// offset is kept modulo the corpus's length, so that equal slices are equal payloads.
    public func window(at offset: Int, count: Int) -> Payload {
        .window(corpus: self, offset: octets.isEmpty ? 0 : (offset % octets.count + octets.count) % octets.count, count: count)
    }

    /// Message `index` (from 0) of a run of `size`-octet messages cut as consecutive slices,
    /// wrapping around: the window at `index * size` (Autobahn's 12.x/13.x, whose pointer into
    /// the data file wraps around).
    public func message(_ index: Int, size: Int) -> Payload {
        guard !octets.isEmpty else { return window(at: 0, count: size) }
        // Modular arithmetic, so that no index or size overflows the product.
        let offset = (index % octets.count) * (size % octets.count) % octets.count
        return window(at: offset, count: size)
    }

    public static func == (lhs: PayloadCorpus, rhs: PayloadCorpus) -> Bool {
        // Array equality returns at once for shared storage, the case of every window of a run.
        lhs.id == rhs.id && lhs.octets == rhs.octets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(octets.count)
    }

    public var description: String { id }
}
