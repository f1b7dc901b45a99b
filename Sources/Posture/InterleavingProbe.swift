import Cases
import Client
import Platform
import Wire

/// Keeps one connection busy on every front at once, as a real client of a hub does: each round
/// sends a large binary message in fragments with a ping between them and another right after
/// the last, then many small text messages full of multi-octet UTF-8, all in one write. A
/// server whose threads write to one connection without a lock (a reader echoing while a pinger
/// or broadcaster writes) tears frames apart under exactly this load; `InterleavingChecker`
/// decodes every octet that comes back.
///
/// - `concurrency.interleaved-frames`: intact, or the first torn frame with the octets around
///   it. RFC 6455 §5.4: "The fragments of one message MUST NOT be interleaved between the
///   fragments of another message unless an extension has been negotiated that can interpret
///   the interleaving"; §5.2 has every frame's octets in order, header first.
enum InterleavingProbe {
    static let id = "concurrency.interleaved-frames"
    static let title = "Frames intact under interleaved pings, fragments and messages"

    struct Plan: Sendable {
        var rounds = 200
        var largeOctets = 48 << 10
        var fragmentOctets = 4 << 10
        var smallPerRound = 16
        var budget: Duration = .seconds(10)
    }

    static func run(_ context: PostureContext, plan: Plan = Plan()) -> Measurement {
        guard case .upgraded(let link) = context.open() else {
            return .notMeasured(id: id, title: title, unit: .text, advice: "the opening handshake did not upgrade")
        }
        defer { link.close() }
        var checker = InterleavingChecker(maxPayload: plan.largeOctets + plan.rounds + 4096)
        var generator = SystemRandomNumberGenerator()
        let deadline = Deadline.after(context.scaled(plan.budget))
        var rounds = 0
        func absorb(_ octets: [UInt8]) {
            checker.absorb(octets)
            for ping in checker.serverPings {
                _ = try? link.client.connection?.write(link.encoded(.pong, ping), deadline: .after(.milliseconds(500)))
            }
            checker.serverPings = []
        }
        absorb(link.takeUnread())
        func settled() -> Bool { checker.finding != nil || checker.closedWith != nil }
        /// Reads until at most `most` echoes are outstanding; false on silence.
        func drain(leaving most: Int, until: Deadline) -> Bool {
            while checker.outstanding > most, !settled() {
                switch (try? link.client.read(until: .earliest(until, .after(.seconds(2))))) ?? .ended(.reset) {
                case .octets(let octets): absorb(octets)
                case .ended:
                    return false
                default:
                    return false
                }
            }
            return true
        }
        var silent = false
        while rounds < plan.rounds, !settled(), !deadline.hasPassed {
            var octets: [UInt8] = []
            let large = Self.payload(round: rounds, octets: plan.largeOctets + rounds)
            checker.sent(.binary, large)
            let pieces = stride(from: 0, to: large.count, by: plan.fragmentOctets).map { Array(large[$0..<min($0 + plan.fragmentOctets, large.count)]) }
            for (index, piece) in pieces.enumerated() {
                let opcode: Opcode = index == 0 ? .binary : .continuation
                octets += encoded(opcode, piece, fin: index == pieces.count - 1, using: &generator)
                if index == 0 || index == pieces.count - 1 {
                    let ping = Array("r\(rounds)\(index == 0 ? "a" : "b")".utf8)
                    checker.pinged(ping)
                    octets += encoded(.ping, ping, fin: true, using: &generator)
                }
            }
            for index in 0..<plan.smallPerRound {
                let text = Self.text(round: rounds, index: index)
                checker.sent(.text, text)
                octets += encoded(.text, text, fin: true, using: &generator)
            }
            let written = link.write(octets, deadline: .earliest(deadline, .after(.seconds(5))))
            rounds += 1
            guard case .written = written else { break }
            // The writer stays at most two rounds ahead of the echoes.
            if !drain(leaving: 2 * (plan.smallPerRound + 1), until: deadline) {
                silent = !settled()
                break
            }
        }
        if !settled(), !silent { silent = !drain(leaving: 0, until: .after(context.scaled(.seconds(5)))) }
        let traffic = "\(rounds) rounds: \(checker.echoes) echoes (fragmented \(plan.largeOctets / 1024) KiB binary and small text), \(checker.pongs) pongs"
        if let finding = checker.finding {
            return .text(
                id: id, title: title, "torn after \(traffic): \(finding)".printable, status: .fail,
                advice: "frames from this connection were interleaved or torn: serialise every write to a connection (one writer task, or a lock held for a whole frame), including pings, pongs and broadcasts (RFC 6455 §5.2, §5.4)")
        }
        if let code = checker.closedWith {
            return .notMeasured(
                id: id, title: title, unit: .text, advice: "the server closed the connection (\(code)) after \(traffic), before the probe was done")
        }
        if silent {
            return .notMeasured(
                id: id, title: title, unit: .text, advice: "the server stopped echoing after \(traffic): an echo target is needed")
        }
        return .text(
            id: id, title: title, "intact after \(traffic)",
            advice: "every frame whole and every echo exact under interleaved traffic on one connection")
    }

    static func encoded(_ opcode: Opcode, _ payload: [UInt8], fin: Bool, using generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, opcode: opcode, maskingKey: MaskingKey.random(using: &generator), payload: payload))
    }

    /// A binary payload that differs in every round and at every octet position.
    static func payload(round: Int, octets: Int) -> [UInt8] {
        var mixer = SplitMix64(seed: UInt64(round) &* 0x9E37_79B9 &+ 0x5151)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(octets + 8)
        while bytes.count < octets { withUnsafeBytes(of: mixer.next()) { bytes += $0 } }
        return Array(bytes.prefix(octets))
    }

    /// Text of two-, three- and four-octet characters, so that a tear lands inside a sequence.
    static func text(round: Int, index: Int) -> [UInt8] {
        Array((String(repeating: "é€𝄞", count: 4 + (round + index) % 24) + " \(round).\(index)").utf8)
    }
}
