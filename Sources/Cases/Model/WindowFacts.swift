import Synchronization
import Wire

/// What a received message must be compared with, for one corpus window: its digest, and
/// whether its octets are valid UTF-8. Autobahn's 12.x and 13.x cases send the same slices of a
/// corpus again and again (every 13.x group sends 12.1's JSON slices, five settings of each
/// group send the 128 KiB ones), and an echo recognised by its compressed octets is the slice
/// sent; so each slice is hashed and validated once per run, not once per expectation and once
/// per echo in every case.
public struct WindowFacts: Hashable, Sendable {
    public var digest: MessageDigest
    public var validUTF8: Bool

    /// The facts of `payload`'s octets, computed in 64 KiB pieces.
    init(of payload: Payload) {
        var digest = MessageDigest()
        var utf8 = UTF8Validator()
        var valid = true
        var offset = 0
        while offset < payload.count {
            let end = min(payload.count, offset + (1 << 16))
            let piece = payload.octets(in: offset..<end)
            digest.update(piece)
            if valid, case .invalid = utf8.feed(piece) { valid = false }
            offset = end
        }
        self.digest = digest
        validUTF8 = valid && utf8.stateAtEnd() == .valid
    }
}

/// The facts of the windows seen lately. Bounded by two generations per shard of at most
/// `capacity / 2` windows in all: when the newer fills it becomes the older and the older is
/// dropped, so a window asked for again stays while the cases that share it run side by side
/// (the compression cases of a stream are run together, `CatalogueRunner`).
///
/// Sharded by key: every running case asks twice per compressed echo, and the standard
/// library's `Mutex` spins before it sleeps, which with more case threads than cores burns the
/// CPU the holder needs; sixteen locks make a collision rare.
final class WindowFactsMemo: Sendable {
    struct Key: Hashable {
        var corpus: String
        var offset: Int
        var count: Int
    }

    private struct Generations {
        var newer: [Key: WindowFacts] = [:]
        var older: [Key: WindowFacts] = [:]
    }

    /// One lock and its windows (`Mutex` cannot be an array's element).
    private final class Shard: Sendable {
        let generations = Mutex(Generations())
    }

    static let shared = WindowFactsMemo(capacity: 1 << 14)

    let capacity: Int
    private let shards: [Shard]

    init(capacity: Int, shards: Int = 16) {
        self.capacity = capacity
        self.shards = (0..<shards).map { _ in Shard() }
    }

    func facts(_ key: Key, compute: () -> WindowFacts) -> WindowFacts {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        if let known = shard.generations.withLock({ $0.newer[key] ?? $0.older[key] }) { return known }
        let computed = compute()
        let limit = max(1, capacity / shards.count / 2)
        shard.generations.withLock { generations in
            if generations.newer.count >= limit {
                generations.older = generations.newer
                generations.newer = [:]
            }
            generations.newer[key] = computed
        }
        return computed
    }

    /// Windows kept now.
    var count: Int { shards.reduce(0) { total, shard in total + shard.generations.withLock { $0.newer.count + $0.older.count } } }
}

extension Payload {
    /// The digest of the octets and whether they are valid UTF-8; for a corpus window, computed
    /// once per run (`WindowFactsMemo`).
    public var facts: WindowFacts {
        guard case .window(let corpus, let offset, let count) = self else { return WindowFacts(of: self) }
        return WindowFactsMemo.shared.facts(WindowFactsMemo.Key(corpus: corpus.id, offset: offset, count: count)) {
            WindowFacts(of: self)
        }
    }
}
