import Synchronization
import Wire

/// What the echo-content faults do to the echoes of one connection; the correct server
/// passes every message through unchanged.
struct EchoTamper: Sendable {
    let fault: Fault?
    /// `reorder-echoes`: the echo held back until the next message.
    private var held: (Opcode, [UInt8])?
    /// `stale-echo`: the payload of the previous message.
    private var previous: [UInt8]?

    init(fault: Fault?) { self.fault = fault }

    /// The echoes to send, in order, for a complete message.
    mutating func echoes(_ opcode: Opcode, _ payload: [UInt8]) -> [(Opcode, [UInt8])] {
        switch fault {
        case .corruptEcho?:
            guard !payload.isEmpty else { return [(opcode, payload)] }
            // Flipping the low bit of a final octet (ASCII or a sequence's last continuation)
            // changes the code point by one inside a pair {2k, 2k+1}: validity is unchanged.
            // In place: a copy of a 64 MiB echo costs one copy, not a slice joined to an array.
            var changed = payload
            changed[changed.count - 1] ^= 0x01
            return [(opcode, changed)]
        case .truncateEcho?:
            guard !payload.isEmpty else { return [(opcode, payload)] }
            var end = payload.count - 1
            if opcode == .text { while end > 0, payload[end] & 0xC0 == 0x80 { end -= 1 } }
            return [(opcode, Array(payload[..<end]))]
        case .appendToEcho?:
            return [(opcode, payload + [0x21])]
        case .reorderEchoes?:
            guard let first = held else {
                held = (opcode, payload)
                return []
            }
            held = nil
            return [(opcode, payload), first]
        case .flakyEcho?:
            // The first echo of each payload in this process is corrupted, later ones are not:
            // a case fails once and passes when run again, as a timing-dependent one does.
            let first = Self.echoedOnce.withLock { seen in
                if seen.count >= 100_000 { seen.removeAll() }
                return seen.insert(payload.hashValue).inserted
            }
            guard first, !payload.isEmpty else { return [(opcode, payload)] }
            var changed = payload
            changed[changed.count - 1] ^= 0x01
            return [(opcode, changed)]
        case .staleEcho?:
            defer { previous = payload }
            return [(opcode, previous ?? payload)]
        default:
            return [(opcode, payload)]
        }
    }

    /// `flaky-echo`: the payloads echoed so far, by hash, in this process (bounded).
    static let echoedOnce = Mutex<Set<Int>>([])

    /// Echoes still held when the connection closes (sent before the Close frame).
    mutating func flush() -> [(Opcode, [UInt8])] {
        defer { held = nil }
        return held.map { [$0] } ?? []
    }
}
