import Wire

/// RFC 6455 §5.4 Fragmentation (Autobahn categories 5 and 10).
///
/// "A fragmented message consists of a single frame with the FIN bit clear and an opcode other
/// than 0, followed by zero or more frames with the FIN bit clear and the opcode set to 0, and
/// terminated by a single frame with the FIN bit set and an opcode of 0." A server must put the
/// fragments back together however they are cut and written, answer control frames that arrive
/// between them, and fail the connection on fragments that break this structure (the rule
/// breaks are in `Section5_4_Fragmentation+Invalid.swift`).
public enum Section5_4_Fragmentation {
    public static let cases: [TestCase] =
        fragmentedControlCases + twoFragmentCases + interleavedPingCases + orphanContinuationCases + [continuationAfterMessage]
        + orphanBeforeMessageCases + [interleavedMessages] + pausedMessageCases + [autoFragmented]

    /// The ways Autobahn writes the same frames: one write per frame, each frame flushed before
    /// the next ("sync"), and one octet per write (chopsize 1).
    static let deliveries: [(suffix: String, delivery: Delivery, words: String)] = [
        ("", .writePerFrame, "one write per frame"),
        ("-flushed", .flushPerFrame, "each frame flushed before the next"),
        ("-octet-writes", .chopped(1), "one octet per write"),
    ]

    // MARK: Reassembly (Autobahn 5.3–5.5)

    /// "Clients and servers MUST support receiving both fragmented and unfragmented messages."
    static let twoFragmentCases: [TestCase] = deliveries.enumerated().map { index, way in
        TestCase(
            id: "fragmentation.text.two-fragments" + way.suffix, autobahn: "5.\(3 + index)", section: "RFC 6455 §5.4",
            rule: "Clients and servers MUST support receiving both fragmented and unfragmented messages.",
            level: .must, sentence: RFC6455Sentence.fragmentedAndUnfragmented, summary: "text message 'fragment1' + 'fragment2' in two fragments, \(way.words)",
            steps: [.send([.text("fragment1", fin: false), .continuation(.text("fragment2"))], way.delivery)],
            expect: .events([.text("fragment1fragment2")], timer: .close(.seconds(1))))
    }

    // MARK: Control frames between fragments (Autobahn 5.6–5.8, 5.19, 5.20)

    /// "Control frames (see Section 5.5) MAY be injected in the middle of a fragmented
    /// message." / "An endpoint MUST be capable of handling control frames in the middle of a
    /// fragmented message." The Pong comes before the echo: the message is not complete yet.
    static let interleavedPingCases: [TestCase] = deliveries.enumerated().map { index, way in
        TestCase(
            id: "fragmentation.ping-inside.message" + way.suffix, autobahn: "5.\(6 + index)", section: "RFC 6455 §5.4",
            rule: "An endpoint MUST be capable of handling control frames in the middle of a fragmented message.",
            level: .must, sentence: RFC6455Sentence.controlInsideFragmented, summary: "Ping between the two fragments of a text message, \(way.words)",
            steps: [
                .send([.text("fragment1", fin: false), .ping(.text("ping payload")), .continuation(.text("fragment2"))], way.delivery)
            ],
            expect: .events([.pong(.text("ping payload")), .text("fragment1fragment2")], timer: .close(.seconds(1))))
    }

    /// A Ping answered while its message waits a second for the rest: "Upon receipt of a Ping
    /// frame, an endpoint MUST send a Pong frame in response" (§5.5.2), fragments or not. The
    /// timer is Autobahn's 1 s close timer after the second part, counted from the open.
    static let pausedMessageCases: [TestCase] = deliveries.prefix(2).enumerated().map { index, way in
        TestCase(
            id: "fragmentation.ping-inside.paused-message" + way.suffix, autobahn: "5.\(19 + index)",
            section: "RFC 6455 §5.4",
            rule:
                "An endpoint MUST be capable of handling control frames in the middle of a fragmented message, and MUST answer a Ping with a Pong (§5.5.2) before the message is complete.",
            level: .must, sentence: RFC6455Sentence.controlInsideFragmented, summary: "five-fragment text message with a Ping in each half and a 1 s pause between, \(way.words)",
            steps: [
                .send(
                    [.text("fragment1", fin: false), .continuation(.text("fragment2"), fin: false), .ping(.text("pongme 1!"))],
                    way.delivery),
                .pause(.seconds(1)),
                .send(
                    [
                        .continuation(.text("fragment3"), fin: false), .continuation(.text("fragment4"), fin: false),
                        .ping(.text("pongme 2!")), .continuation(.text("fragment5")),
                    ], way.delivery),
            ],
            expect: .events(
                [.pong(.text("pongme 1!")), .pong(.text("pongme 2!")), .text("fragment1fragment2fragment3fragment4fragment5")],
                timer: .close(.seconds(2))))
    }

    // MARK: Many fragments (Autobahn 10.1.1)

    /// "A sender MAY create fragments of any size for non-control messages." Autobahn's
    /// auto-fragmentation at 1300 octets: a text frame, 49 continuations, and a last
    /// continuation of 536 octets with FIN set.
    static let autoFragmented = TestCase(
        id: "fragmentation.text.auto-fragmented-65536", autobahn: "10.1.1", section: "RFC 6455 §5.4",
        rule: "A sender MAY create fragments of any size; clients and servers MUST support receiving fragmented messages.",
        level: .must, sentence: RFC6455Sentence.fragmentedAndUnfragmented, summary: "text message of 65536 octets in 51 fragments of at most 1300 octets",
        steps: [.sendMessage(.text, .filled(0x2A, count: 65536), fragmentSize: 1300, .writePerFrame)],
        expect: .events([.message(.text, .filled(0x2A, count: 65536))], timer: .kill(.seconds(10))))
}
