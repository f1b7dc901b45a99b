import Wire

/// RFC 6455 §5.1 Overview (masking) and §5.3 Client-to-Server Masking: beyond Autobahn, which
/// masks every frame it sends and never checks this rule.
///
/// "The server MUST close the connection upon receiving a frame that is not masked. In this
/// case, a server MAY send a Close frame with a status code of 1002 (protocol error)." And the
/// other side of the rule: a masked frame is unmasked with the key in its own header, starting
/// at the frame's first payload octet (§5.3, "j = i MOD 4"), whatever that key is.
public enum Section5_1_Masking {
    static let unmaskedRule =
        "The server MUST close the connection on receiving a frame that is not masked, and MAY send Close 1002 first (§5.1)."

    /// Frames without the MASK bit, each alone or after a masked start. Data, control and a
    /// large frame: a server must check the bit on every frame, not only on message starts.
    static let unmasked: [(variant: String, frames: [FrameSpec], summary: String, timer: Duration)] = [
        (
            "text", [FrameSpec(opcode: .text, payload: .text("Hello, world!"), masking: .unmasked)],
            "unmasked text frame: no echo, fail with 1002", .seconds(1)
        ),
        (
            "ping", [FrameSpec(opcode: .ping, payload: .text("Hello, world!"), masking: .unmasked)],
            "unmasked ping: no pong, fail with 1002", .seconds(1)
        ),
        (
            // A server that misses the rule answers this as a normal close (1000): WRONG CODE.
            "close", [FrameSpec(opcode: .close, payload: .hex("03e8"), masking: .unmasked)],
            "unmasked close frame with code 1000: fail with 1002, not a normal close", .seconds(1)
        ),
        (
            "continuation-after-masked-start",
            [.text("Hello, ", fin: false), FrameSpec(opcode: .continuation, payload: .text("world!"), masking: .unmasked)],
            "masked first fragment, unmasked final continuation: no echo, fail with 1002", .seconds(1)
        ),
        (
            "binary-65536", [FrameSpec(opcode: .binary, payload: .filled(0xFE, count: 65536), masking: .unmasked)],
            "unmasked binary frame of 65536 octets (64-bit length): no echo, fail with 1002", .seconds(2)
        ),
    ]

    static let refused: [TestCase] = unmasked.map { entry in
        TestCase(
            id: "masking.unmasked.\(entry.variant)", section: "RFC 6455 §5.1", rule: unmaskedRule, level: .must, sentence: RFC6455Sentence.unmaskedFrame, summary: entry.summary,
            steps: [.send(entry.frames, .writePerFrame)], expect: .serverFails([1002], timer: .kill(entry.timer)))
    }

    /// §5.3: "The masking key is a 32-bit value chosen at random by the client"; all-zero is one
    /// of those values. The MASK bit is set, so the frame is masked (with a no-op key).
    static let zeroKey = TestCase(
        id: "masking.key.all-zero", section: "RFC 6455 §5.3",
        rule:
            "A frame with the MASK bit set is masked whatever its key; the all-zero key is a valid 32-bit key, so the message MUST be accepted.",
        level: .must, sentence: RFC6455Sentence.parseFrames, summary: "text frame masked with key 00 00 00 00: echoed",
        steps: [.send([FrameSpec(opcode: .text, payload: .text("Hello, world!"), masking: .key(.zero))], .oneWrite)],
        expect: .events([.text("Hello, world!")]))

    /// Three keys, the first from the RFC's §5.7 example.
    static let keys = [MaskingKey(0x37, 0xFA, 0x21, 0x3D), MaskingKey(0xA1, 0x5C, 0x08, 0xE7), MaskingKey(0x6B, 0x90, 0xD2, 0x4F)]

    /// Pieces of odd lengths, so a server that carried the mask position from one frame to the
    /// next (instead of restarting at octet 0 of each payload) would garble them.
    static let pieces = ["Hel", "lo, w", "orld!"]

    /// §5.3: each frame is unmasked with its own key from its own first octet. Distinct keys
    /// are what a client MUST use ("a fresh masking key" per frame); one key for every frame
    /// breaks that client rule, but a server cannot tell reuse from chance and still unmasks
    /// each frame as its header says.
    static let keyRule =
        "Each frame MUST be unmasked with the key in its own header, from its first payload octet (§5.3, j = i MOD 4)."

    static let keyings: [(label: String, keys: [MaskingKey], how: String)] = [
        ("distinct", keys, "a different key for each frame"),
        ("reused", Array(repeating: keys[0], count: 3), "one key reused for every frame"),
    ]

    static let perFrame: [TestCase] = keyings.flatMap { keying in
        let masked = zip(pieces, keying.keys).map { text, key in FrameSpec(opcode: .text, payload: .text(text), masking: .key(key)) }
        var fragments = masked.map { frame in FrameSpec(fin: false, opcode: .continuation, payload: frame.payload, masking: frame.masking) }
        fragments[0].opcode = .text
        fragments[fragments.count - 1].fin = true
        return [
            TestCase(
                id: "masking.key.\(keying.label)-per-message", section: "RFC 6455 §5.3", rule: keyRule, level: .must, sentence: RFC6455Sentence.parseFrames,
                summary: "three text messages of odd lengths, \(keying.how): each echoed",
                steps: [.send(masked, .writePerFrame)], expect: .events(pieces.map { .text($0) })),
            TestCase(
                id: "masking.key.\(keying.label)-per-fragment", section: "RFC 6455 §5.3", rule: keyRule, level: .must, sentence: RFC6455Sentence.parseFrames,
                summary: "one text message in three fragments of odd lengths, \(keying.how): echoed whole",
                steps: [.send(fragments, .writePerFrame)], expect: .events([.text(pieces.joined())])),
        ]
    }

    public static let cases: [TestCase] = refused + [zeroKey] + perFrame
}
