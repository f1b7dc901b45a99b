/// One part of a campaign split across machines (`--shard i/n`): the inputs whose index is
/// congruent to `index` modulo `count`. Shards never overlap and together cover every index.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public let index: UInt64
    public let count: UInt64

    /// The whole campaign.
    public static let whole = Shard(index: 0, count: 1)!

    /// Shard `index` of `count`; nil unless 0 ≤ index < count.
    public init?(index: UInt64, count: UInt64) {
        guard count > 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses "i/n" as written on the command line.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = UInt64(parts[0]), let count = UInt64(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether the input at `inputIndex` belongs to this shard.
    public func contains(_ inputIndex: UInt64) -> Bool { inputIndex % count == index }

    /// The `position`-th input index of this shard (0, 1, 2, … → index, index + n, …).
    public func inputIndex(at position: UInt64) -> UInt64 { index &+ position &* count }

    public var description: String { "\(index)/\(count)" }
}
