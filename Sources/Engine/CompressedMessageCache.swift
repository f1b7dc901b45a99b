import Cases
import Dispatch
import PerMessageDeflate
import Platform
import Synchronization

/// Compressed payloads of corpus messages, shared by the cases of a run: Autobahn's 12.x and
/// 13.x send the same thousand slices of a corpus in many cases (every 13.x group sends the
/// JSON slices of 12.1, and five settings of each group send 128 KiB slices), each compressed
/// from an empty context under client_no_context_takeover (RFC 7692 §7.1.1.2). A message
/// compressed afresh has one compressed form per window and level, so one compression serves
/// every case that sends it; `CatalogueRunner` runs such cases side by side, and a case that
/// asks for a payload another is compressing waits for it rather than compressing it again.
///
/// Bounded: at most `capacity` octets are kept, each entry's overhead counted, the oldest
/// entries leaving first (the cases that share messages send them in the same order at about
/// the same time).
final class CompressedMessageCache: Sendable {
    struct Key: Hashable {
        var corpus: String
        var index: Int
        var size: Int
        var signature: FreshContextSignature
    }

    /// One payload: being compressed (the group is entered) or done.
    private final class Slot: Sendable {
        let done = DispatchGroup()
        let payload = Mutex<[UInt8]?>(nil)
        init() { done.enter() }
    }

    private struct State {
        var slots: [Key: Slot] = [:]
        var order: [(key: Key, octets: Int)] = []
        var head = 0
        var octets = 0
    }

    /// 16 MiB: cases that share a stream run side by side, so a message is asked for again
    /// soon after its first compression or not at all.
    static let shared = CompressedMessageCache(capacity: 16 << 20)

    let capacity: Int

    /// What an entry costs besides its octets: the slot (a lock and a group), the array's
    /// header and the allocator's rounding, the table's and the queue's entries. A 12.1 message
    /// compresses to a few dozen octets, so without it 16 MiB of octets were 30 MiB of memory.
    static let entryOverhead = 256
    private let state = SleepingLock(State())

    init(capacity: Int) { self.capacity = capacity }

    /// The compressed payload of message `index` of `corpus` at `size` octets under a channel
    /// of `signature`: the kept one, or `compress`'s, then kept.
    func payload(_ key: Key, compress: () -> [UInt8]) -> [UInt8] {
        let (slot, owner) = state.withLock { state -> (Slot, Bool) in
            if let slot = state.slots[key] { return (slot, false) }
            let slot = Slot()
            state.slots[key] = slot
            return (slot, true)
        }
        guard owner else {
            slot.done.wait()
            if let payload = slot.payload.withLock({ $0 }) { return payload }
            return compress()
        }
        // Kept with no spare capacity: a compressor's output grows by doubling.
        let compressed = compress().withUnsafeBufferPointer { Array($0) }
        let kept = compressed.count <= capacity / 16
        if kept { slot.payload.withLock { $0 = compressed } }
        slot.done.leave()
        // Evicted slots are released after the lock: freeing their payloads takes time other
        // cases would spend waiting on it.
        var evicted: [Slot] = []
        defer { evicted.removeAll() }
        state.withLock { state in
            guard kept else {
                state.slots[key] = nil
                return
            }
            let cost = compressed.count + Self.entryOverhead
            state.order.append((key, cost))
            state.octets += cost
            while state.octets > capacity, state.head < state.order.count {
                let oldest = state.order[state.head]
                state.head += 1
                state.octets -= oldest.octets
                if let slot = state.slots.removeValue(forKey: oldest.key) { evicted.append(slot) }
            }
            // Drop the spent part of the queue once it is most of it.
            if state.head > 1024, state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
        return compressed
    }

    /// Forgets every kept payload: at the end of a run's cases, so the reports are rendered
    /// without them. A payload still being compressed finishes for those waiting on it.
    func removeAll() {
        // Swapped out under the lock and freed after it, as evictions are.
        var released = State()
        state.withLock { swap(&$0, &released) }
    }

    /// Octets kept now, each entry's overhead included.
    var octets: Int { state.withLock { $0.octets } }
}
