import Wire

/// RFC 6455 §5.2 Base Framing Protocol: RSV1, RSV2, RSV3 (Autobahn category 3).
///
/// "MUST be 0 unless an extension is negotiated that defines meanings for non-zero values. If
/// a nonzero value is received and none of the negotiated extensions defines the meaning of
/// such a nonzero value, the receiving endpoint MUST _Fail the WebSocket Connection_." These
/// cases negotiate no extension, so any set bit is a protocol error (1002, §7.4.1).
public enum Section5_2_ReservedBits {
    static let rule =
        "RSV1–3 MUST be 0 unless a negotiated extension defines them; on a non-zero bit the receiver MUST fail the connection (1002)."

    /// §7.1.7 lets a failing endpoint drop whatever it has not yet delivered; echoing the valid
    /// message first is the application's choice, not a rule. (Shared with the §5.2 opcode cases.)
    static let echoFirst = Divergence(
        autobahnVerdict: "NON-STRICT when the server fails without first echoing the valid message",
        reason:
            "RFC 6455 has no rule that messages received before a protocol error be delivered or echoed first (§7.1.7 only asks the endpoint to fail the connection), so both orders conform."
    )

    /// Fail with 1002, having echoed `valid` first or not (both conform, see `echoFirst`).
    static func failsAfter(_ valid: Event) -> Expectation {
        Expectation(
            outcomes: [
                ExpectedOutcome(.ok, [valid]),
                ExpectedOutcome(.ok, [], note: "failed the connection before echoing the valid message (allowed by RFC 6455)"),
            ],
            close: .serverFails([1002]), timer: .kill(.seconds(1)))
    }

    /// One frame with reserved bits set, alone on the connection. Autobahn writes the RSV
    /// field as a number: 1 = RSV3, 2 = RSV2, 4 = RSV1.
    static let single: [(id: String, alias: String?, frame: FrameSpec, summary: String)] = [
        (
            "rsv.text.rsv3", "3.1", .text("Hello, world!", rsv: .rsv3),
            "text frame with RSV3 set: no echo, fail with 1002"
        ),
        (
            "rsv.binary.rsv1-rsv3", "3.5", FrameSpec(rsv: [.rsv1, .rsv3], opcode: .binary, payload: .hex("00fffefdfcfb00ff")),
            "binary frame with RSV1 and RSV3 set: no echo, fail with 1002"
        ),
        (
            // Autobahn's text calls this a ping; the frame it sends is binary.
            "rsv.binary.rsv1-rsv2", "3.6", FrameSpec(rsv: [.rsv1, .rsv2], opcode: .binary, payload: .text("Hello, world!")),
            "binary frame with RSV1 and RSV2 set: no echo, fail with 1002"
        ),
        (
            // A server that ignores RSV answers this as a normal close without a code, which
            // the close verdict cannot tell from failing without a code; see the next case.
            "rsv.close.rsv1-rsv2-rsv3", "3.7", FrameSpec(rsv: [.rsv1, .rsv2, .rsv3], opcode: .close),
            "empty close frame with all three RSV bits set: fail with 1002"
        ),
        (
            // Beyond Autobahn: with a code in the close, a server that ignores RSV echoes 1000
            // and shows it (WRONG CODE); a server that fails sends 1002 or no code.
            "rsv.close.rsv1-rsv2-rsv3-code-1000", nil, FrameSpec(rsv: [.rsv1, .rsv2, .rsv3], opcode: .close, payload: .hex("03e8")),
            "close frame with code 1000 and all three RSV bits set: fail with 1002, not a normal close"
        ),
        (
            // Beyond Autobahn: a control frame (3.6's description, which its frame does not match).
            "rsv.ping.rsv1", nil, FrameSpec(rsv: .rsv1, opcode: .ping, payload: .text("Hello, world!")),
            "ping with RSV1 set: no pong, fail with 1002"
        ),
    ]

    static let alone: [TestCase] = single.map { entry in
        TestCase(
            id: entry.id, autobahn: entry.alias, section: "RFC 6455 §5.2", rule: rule, level: .must, sentence: RFC6455Sentence.reservedBits, summary: entry.summary,
            steps: [.send([entry.frame], .oneWrite)], expect: .serverFails([1002]))
    }

    /// A valid text message, the same text with reserved bits set, then a ping the server must
    /// never answer (it has failed by then), delivered three ways.
    static let bursts: [(variant: String, alias: String, rsv: ReservedBits, delivery: Delivery, how: String)] = [
        ("rsv2-after-valid", "3.2", .rsv2, .writePerFrame, "one write per frame"),
        ("rsv2-rsv3-after-valid-flushed", "3.3", [.rsv2, .rsv3], .flushPerFrame, "each frame flushed before the next"),
        ("rsv1-after-valid-chopped", "3.4", .rsv1, .chopped(1), "every frame written one octet per write"),
    ]

    static let afterValid: [TestCase] = bursts.map { entry in
        TestCase(
            id: "rsv.text.\(entry.variant)", autobahn: entry.alias, section: "RFC 6455 §5.2", rule: rule, level: .must, sentence: RFC6455Sentence.reservedBits,
            summary: "valid text, then text with \(entry.rsv) set, then a ping (\(entry.how)): the valid text may be echoed, no pong",
            steps: [.send([.text("Hello, world!"), .text("Hello, world!", rsv: entry.rsv), .ping()], entry.delivery)],
            expect: failsAfter(.text("Hello, world!")), divergence: echoFirst)
    }

    /// In Autobahn's order: 3.1, 3.2–3.4, 3.5–3.7, then the cases beyond Autobahn.
    public static let cases: [TestCase] = [alone[0]] + afterValid + alone[1...]
}
