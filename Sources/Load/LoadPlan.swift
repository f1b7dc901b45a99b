/// What `wsconform load` does: how many connections, opened over how long, held how long,
/// sending what at which rate; bounded in count and time, so a run always ends by itself.
public struct LoadPlan: Sendable, Hashable {
    /// One size of message and its share of the mix.
    public struct Size: Sendable, Hashable, Codable {
        public var octets: Int
        public var weight: Int
        public init(octets: Int, weight: Int) {
            self.octets = octets
            self.weight = weight
        }
    }

    /// Connections of the whole run (all shards together).
    public var connections = 100
    /// Connection `i` opens at `ramp × i / connections` after the start.
    public var ramp: Duration = .seconds(5)
    /// How long every connection keeps sending after the ramp.
    public var hold: Duration = .seconds(10)
    /// How long the close phase may take: in-flight echoes, then each closing handshake.
    public var closeWithin: Duration = .seconds(5)
    /// Messages per second per connection; 0 sends the next as soon as an echo is back.
    public var rate: Double = 1
    /// The most messages one connection has in flight (a rate that outruns the echoes waits).
    public var inFlight = 1
    /// The message sizes and their shares; every fourth message is text (ASCII), the rest binary.
    public var sizes: [Size] = [Size(octets: 64, weight: 70), Size(octets: 1024, weight: 25), Size(octets: 16384, weight: 5)]
    /// Offer permessage-deflate (RFC 7692) with no context takeover either way: where the
    /// server agrees, messages go out compressed and compressed echoes are inflated before
    /// they are compared. Fresh contexts let one compressor and one decompressor per worker
    /// serve all its connections, instead of zlib's state per connection.
    public var deflate = false
    /// The offer made with `deflate`.
    public static let deflateOffer = "permessage-deflate; client_no_context_takeover; server_no_context_takeover"
    /// An echo not back within this is a timeout error, and its connection is closed.
    public var echoTimeout: Duration = .seconds(10)
    /// The opening handshake's deadline (TCP connect included).
    public var handshakeTimeout: Duration = .seconds(10)
    /// Threads that hold the connections, each with its own event loop.
    public var workers = 2
    /// Threads that open connections during the ramp.
    public var openers = 8
    /// This process's share of the connections (`--shard I/N`): those whose index modulo
    /// `count` is `index`.
    public var shardIndex = 0
    public var shardCount = 1

    public init() {}

    /// The largest message of the mix.
    public var largestMessage: Int { sizes.map(\.octets).max() ?? 0 }

    /// The global indices of this shard's connections.
    public var shardConnections: [Int] { Array(stride(from: shardIndex, to: connections, by: shardCount)) }

    /// The size of message `sequence` of connection `connection`: a fixed, well-mixed choice
    /// by weight, the same on every run.
    func size(connection: Int, sequence: Int) -> Int {
        let total = max(1, sizes.reduce(0) { $0 + $1.weight })
        var mixed = UInt64(truncatingIfNeeded: connection &* 0x9E37_79B9 &+ sequence &* 0x85EB_CA6B)
        mixed ^= mixed >> 15
        mixed &*= 0x2C1B_3C6D
        mixed ^= mixed >> 12
        var pick = Int(mixed % UInt64(total))
        for size in sizes {
            if pick < size.weight { return size.octets }
            pick -= size.weight
        }
        return sizes.last?.octets ?? 0
    }
}
