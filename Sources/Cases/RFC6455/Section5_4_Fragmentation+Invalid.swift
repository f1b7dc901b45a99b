import Wire

/// RFC 6455 §5.4: fragments that break the message structure. Each is a protocol error: the
/// server must fail the connection (§7.1.7), with 1002 if it sends a code (§7.4.1), and must
/// not deliver (echo) anything from the broken message.
extension Section5_4_Fragmentation {
    /// Incoming data MUST always be validated (§10.7); §5.4's structure is what is checked.
    static let structureRule =
        "Incoming data MUST always be validated (§10.7): a continuation frame is only valid inside a message begun by a data frame with FIN clear (§5.4); otherwise the endpoint fails the connection (§7.1.7, 1002)."

    // MARK: Fragmented control frames (Autobahn 5.1, 5.2)

    /// "Control frames themselves MUST NOT be fragmented." (§5.4; again in §5.5: "All control
    /// frames ... MUST NOT be fragmented.")
    static let fragmentedControlCases: [TestCase] = [(Opcode.ping, "ping", "5.1"), (.pong, "pong", "5.2")].map { opcode, name, alias in
        TestCase(
            id: "fragmentation.control.fragmented-\(name)", autobahn: alias, section: "RFC 6455 §5.4",
            rule:
                "Control frames MUST NOT be fragmented; a \(name) with FIN clear is a protocol error on which the endpoint fails the connection (§7.1.7, 1002).",
            level: .must, sentence: RFC6455Sentence.controlFrameLimits, summary: "\(name) with FIN clear ('fragment1'), then a continuation ('fragment2')",
            steps: [
                .send(
                    [FrameSpec(fin: false, opcode: opcode, payload: .text("fragment1")), .continuation(.text("fragment2"))], .writePerFrame)
            ],
            expect: .serverFails([1002]))
    }

    // MARK: Continuation with nothing to continue (Autobahn 5.9–5.14)

    /// A continuation (FIN set, then FIN clear) that continues nothing, followed by a valid
    /// text message that must not be echoed: the connection is failed at the first frame.
    static let orphanContinuationCases: [TestCase] = [(fin: true, name: "final"), (fin: false, name: "non-final")].enumerated()
        .flatMap { variant, orphan in
            deliveries.enumerated().map { index, way in
                TestCase(
                    id: "fragmentation.orphan.\(orphan.name)" + way.suffix, autobahn: "5.\(9 + 3 * variant + index)",
                    section: "RFC 6455 §5.4", rule: structureRule, level: .must, sentence: RFC6455Sentence.validateIncoming,
                    summary:
                        "continuation with FIN=\(orphan.fin ? 1 : 0) and no message to continue, then text 'Hello, world!', \(way.words)",
                    steps: [
                        .send(
                            [
                                FrameSpec(fin: orphan.fin, opcode: .continuation, payload: .text("non-continuation payload")),
                                .text("Hello, world!"),
                            ], way.delivery)
                    ],
                    expect: .serverFails([1002]))
            }
        }

    /// A complete fragmented message, then a continuation that continues nothing and a text frame
    /// (Autobahn 5.15). The complete message may be echoed before the failure or not: RFC 6455
    /// lets an endpoint fail the connection at the bad frame without delivering earlier data.
    static let continuationAfterMessage = TestCase(
        id: "fragmentation.orphan.after-message", autobahn: "5.15", section: "RFC 6455 §5.4", rule: structureRule,
        level: .must, sentence: RFC6455Sentence.validateIncoming, summary: "text 'fragment1' + 'fragment2' in two fragments, then an orphan continuation and a text frame",
        steps: [
            .send(
                [
                    .text("fragment1", fin: false), .continuation(.text("fragment2")), .continuation(.text("fragment3"), fin: false),
                    .text("fragment4"),
                ], .writePerFrame)
        ],
        expect: Expectation(
            outcomes: [
                ExpectedOutcome(.ok, [.text("fragment1fragment2")]),
                ExpectedOutcome(.ok, [], note: "failed the connection without first echoing the complete message (allowed, §7.1.7)"),
            ],
            close: .serverFails([1002]), timer: .kill(.seconds(1))),
        divergence: Divergence(
            autobahnVerdict: "NON-STRICT when the server fails the connection without echoing 'fragment1fragment2' first",
            reason:
                "RFC 6455 §7.1.7 lets an endpoint fail the connection as soon as it sees the bad frame; no RFC sentence requires it to deliver a complete message that arrived in the same burst first (Autobahn issues #38, #102)."
        ))

    /// An orphan continuation (FIN clear, then FIN set) before a valid fragmented message, the
    /// group sent twice (Autobahn 5.16, 5.17): the connection is failed at the very first frame.
    static let orphanBeforeMessageCases: [TestCase] = [(fin: false, name: "non-final"), (fin: true, name: "final")].enumerated().map {
        index, orphan in
        let group: [FrameSpec] = [
            FrameSpec(fin: orphan.fin, opcode: .continuation, payload: .text("fragment1")), .text("fragment2", fin: false),
            .continuation(.text("fragment3")),
        ]
        return TestCase(
            id: "fragmentation.orphan.\(orphan.name)-then-message", autobahn: "5.\(16 + index)",
            section: "RFC 6455 §5.4", rule: structureRule, level: .must, sentence: RFC6455Sentence.validateIncoming,
            summary:
                "twice: continuation with FIN=\(orphan.fin ? 1 : 0) and no message, then text 'fragment2' + 'fragment3' in two fragments",
            steps: [.send(group + group, .writePerFrame)], expect: .serverFails([1002]))
    }

    // MARK: Interleaved messages (Autobahn 5.18)

    /// "The fragments of one message MUST NOT be interleaved between the fragments of another
    /// message unless an extension has been negotiated that can interpret the interleaving."
    static let interleavedMessages = TestCase(
        id: "fragmentation.interleaved.text-inside-text", autobahn: "5.18", section: "RFC 6455 §5.4",
        rule:
            "The fragments of one message MUST NOT be interleaved with those of another unless a negotiated extension interprets it; a new data frame inside a fragmented message is a protocol error (§7.1.7, 1002).",
        level: .must, sentence: RFC6455Sentence.fragmentsNotInterleaved, summary: "text frame with FIN clear ('fragment1'), then a second text frame ('fragment2') instead of a continuation",
        steps: [.send([.text("fragment1", fin: false), .text("fragment2")], .writePerFrame)], expect: .serverFails([1002]))
}
