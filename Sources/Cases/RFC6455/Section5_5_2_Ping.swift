import Wire

/// RFC 6455 §5.5.2 Ping and §5.5.3 Pong (Autobahn category 2).
///
/// "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it
/// already received a Close frame." The Pong carries the Ping's "Application data" unchanged
/// (§5.5.3); a Pong may stand for several unanswered Pings; an unsolicited Pong needs no answer;
/// and a Ping is a control frame, so its payload is at most 125 octets (§5.5).
public enum Section5_5_2_Ping {
    /// §5.5.2 and §5.5.3: the Pong answers the Ping with identical Application data.
    static let pongRule =
        "On receiving a Ping an endpoint MUST send a Pong in response, carrying the Ping's Application data unchanged (§5.5.3)."

    /// Ping payloads at the edges that matter: none, text, octets that are not UTF-8, the
    /// 125-octet control-frame maximum (§5.5).
    static let payloads: [(label: String, alias: String, payload: Payload, summary: String)] = [
        ("0", "2.1", .bytes([]), "ping without payload"),
        ("text", "2.2", .text("Hello, world!"), "ping with a 13-octet text payload"),
        ("binary", "2.3", .hex("00fffefdfcfb00ff"), "ping with 8 octets that are not UTF-8"),
        ("125", "2.4", .filled(0xFE, count: 125), "ping with the largest control payload, 125 octets"),
    ]

    static let echoes: [TestCase] = payloads.map { entry in
        TestCase(
            id: "ping.payload-\(entry.label)", autobahn: entry.alias, section: "RFC 6455 §5.5.2", rule: pongRule, level: .must, sentence: RFC6455Sentence.pingAnswered,
            summary: entry.summary, steps: [.send([.ping(entry.payload)], .oneWrite)],
            expect: .events([.pong(entry.payload)], timer: .close(.seconds(1))))
    }

    static let limits: [TestCase] = [
        // §5.5: "All control frames MUST have a payload length of 125 bytes or less".
        TestCase(
            id: "ping.payload-126", autobahn: "2.5", section: "RFC 6455 §5.5",
            rule: "Control frames MUST have a payload of 125 octets or less; a longer one is a protocol error to fail on (§7.1.7).",
            level: .must, sentence: RFC6455Sentence.controlFrameLimits, summary: "ping with 126 octets (16-bit length), one over the control-frame limit: no pong, fail with 1002",
            steps: [.send([.ping(.filled(0xFE, count: 126))], .oneWrite)],
            expect: .serverFails([1002])),
        TestCase(
            id: "ping.payload-125-chopped", autobahn: "2.6", section: "RFC 6455 §5.5.2", rule: pongRule, level: .must, sentence: RFC6455Sentence.pingAnswered,
            summary: "ping with 125 octets written one octet per write",
            steps: [.send([.ping(.filled(0xFE, count: 125))], .chopped(1))],
            expect: .events([.pong(.filled(0xFE, count: 125))], timer: .close(.seconds(2)))),
    ]

    /// §5.5.3: "A Pong frame MAY be sent unsolicited. … A response to an unsolicited Pong frame
    /// is not expected." RFC 2119: whoever does not use an option MUST still interoperate with
    /// a peer that does, so the server takes the Pong quietly and goes on.
    static let unsolicitedRule =
        "A Pong MAY be sent unsolicited and expects no response (§5.5.3); per RFC 2119 the receiver MUST interoperate with a peer that sends one."

    static let unsolicited: [TestCase] = [
        // The tester's close follows the pong at once (no events are expected).
        TestCase(
            id: "ping.unsolicited-pong.empty", autobahn: "2.7", section: "RFC 6455 §5.5.3", rule: unsolicitedRule, level: .must, sentence: RFC6455Sentence.unsolicitedPong,
            summary: "unsolicited pong without payload, then a normal close: nothing comes back but the close",
            steps: [.send([.pong()], .writePerFrame)], expect: .events([], timer: .close(.seconds(1)))),
        TestCase(
            id: "ping.unsolicited-pong.payload", autobahn: "2.8", section: "RFC 6455 §5.5.3", rule: unsolicitedRule, level: .must, sentence: RFC6455Sentence.unsolicitedPong,
            summary: "unsolicited pong with a 24-octet payload, then a normal close: nothing comes back but the close",
            steps: [.send([.pong(.text("unsolicited pong payload"))], .writePerFrame)],
            expect: .events([], timer: .close(.seconds(1)))),
        TestCase(
            id: "ping.unsolicited-pong.then-ping", autobahn: "2.9", section: "RFC 6455 §5.5.3", rule: unsolicitedRule, level: .must, sentence: RFC6455Sentence.unsolicitedPong,
            summary: "unsolicited pong, then a ping: only the ping is answered",
            steps: [.send([.pong(.text("unsolicited pong payload")), .ping(.text("ping payload"))], .writePerFrame)],
            expect: .events([.pong(.text("ping payload"))], timer: .close(.seconds(1)))),
    ]

    /// Ten pings back to back, "payload-0" … "payload-9".
    static let burst: [Payload] = (0..<10).map { .text("payload-\($0)") }

    /// §5.5.3: "If an endpoint receives a Ping frame and has not yet sent Pong frame(s) in
    /// response to previous Ping frame(s), the endpoint MAY elect to send a Pong frame for only
    /// the most recently processed Ping frame." So every in-order subset of the pongs that still
    /// answers the last ping is acceptable; all ten, in order, comes first (what the tester
    /// waits for before it closes).
    static func burstOutcomes(_ pings: [Payload]) -> [ExpectedOutcome] {
        let earlier = pings.count - 1
        let all = (1 << earlier) - 1
        return (0...all).reversed().map { mask in
            let answered = (0..<earlier).filter { mask & (1 << $0) != 0 } + [earlier]
            let events = answered.map { Event.pong(pings[$0]) }
            if mask == all { return ExpectedOutcome(.ok, events) }
            return ExpectedOutcome(.ok, events, note: "one pong answered several pings, the last one included (RFC 6455 §5.5.3 MAY)")
        }
    }

    static let coalescing = Divergence(
        autobahnVerdict: "FAILED unless all ten pongs arrive, one per ping, in order",
        reason:
            "RFC 6455 §5.5.3 lets an endpoint that has not yet answered earlier pings send a pong for only the most recent one; any in-order subset ending with the last ping's pong conforms."
    )

    static let deliveries: [(suffix: String, alias: String, delivery: Delivery)] = [
        ("", "2.10", .writePerFrame), ("-chopped", "2.11", .chopped(1)),
    ]

    static let bursts: [TestCase] = deliveries.map { suffix, alias, delivery in
        TestCase(
            id: "ping.burst-10\(suffix)", autobahn: alias, section: "RFC 6455 §5.5.3",
            rule: "Each Ping MUST be answered by a Pong with its data; a Pong MAY answer only the most recent of several unanswered Pings.",
            level: .must, sentence: RFC6455Sentence.pingAnswered,
            summary: "ten pings back to back" + (suffix.isEmpty ? "" : ", every frame written one octet per write"),
            steps: [.send(burst.map { .ping($0) }, delivery)],
            expect: Expectation(outcomes: burstOutcomes(burst), close: .normalClose, timer: .close(.seconds(3))),
            divergence: coalescing)
    }

    public static let cases: [TestCase] = echoes + limits + unsolicited + bursts
}
