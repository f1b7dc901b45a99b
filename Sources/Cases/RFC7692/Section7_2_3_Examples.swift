import Wire

/// RFC 7692 §7.2.3 examples of compressed payloads, sent as their octets (not by our
/// compressor), each a shape a conforming sender may produce and a receiver must inflate.
///
/// - §7.2.3.2: a second "Hello" compressed as one back-reference (length 5, distance 5) into
///   the first message: it inflates only with the window taken over, so a receiver that resets
///   its context cannot read it.
/// - §7.2.1 lets the compressed payload be cut into frames anywhere; a streaming sender that
///   meets the end of its data after sending what it had ends with an empty final frame.
/// - §7.2.3.6: a sender that flushed with the tail kept (it did not yet know the message was
///   over) ends with a final frame of one octet, `00`: the header of an empty stored block,
///   whose LEN and NLEN the receiver's appended 00 00 ff ff supply.
/// - §7.2.3.4: a block with BFINAL set ("On platforms on which the flush method using an
///   empty DEFLATE block with no compression is not available"); §7.2.1: "The next DEFLATE
///   block follows the padded data if any", so later messages go on after it.
///
/// A message whose payload keeps its 00 00 ff ff tail in its last frame is not among them:
/// after the receiver appends the tail again the data ends inside a stored block's length
/// field, not on the block boundary §7.2.1 makes every message end on.
public enum Section7_2_3_Examples {
    /// "Hello" deflated from an empty window, tail removed (§7.2.3.1).
    static let hello = "f248cdc9c90700"
    /// The same, flushed with its 00 00 ff ff tail kept.
    static let helloFlushed = "f248cdc9c90700 0000ffff"

    static let rule =
        "Once permessage-deflate is agreed, a receiver MUST inflate a message with RSV1 set from its frames' payloads concatenated, 00 00 ff ff appended (RFC 7692 §7.2.2), whatever DEFLATE blocks a sender chose and wherever it cut the frames."

    /// A compressed message of `payloads` frames: RSV1 and the opcode on the first only.
    static func message(_ opcode: Opcode, _ payloads: [String]) -> [FrameSpec] {
        payloads.enumerated().map { index, hex in
            FrameSpec(
                fin: index == payloads.count - 1, rsv: index == 0 ? .rsv1 : [], opcode: index == 0 ? opcode : .continuation,
                payload: .hex(hex))
        }
    }

    public static let cases: [TestCase] = [
        TestCase(
            id: "compression.context-takeover.back-reference", section: "RFC 7692 §7.2.2, §7.2.3.2", rule: rule, level: .must, sentence: RFC7692Sentence.receiveCompressed,
            summary: "\"Hello\", then \"Hello\" again as the single back-reference f2 00 11 00 00 into the first: both echoed",
            opening: .deflate("permessage-deflate"),
            steps: [.send(message(.text, [hello]) + message(.text, ["f200110000"]), .writePerFrame)],
            expect: .events([.text("Hello"), .text("Hello")])),
        TestCase(
            id: "compression.fragments.empty-final", section: "RFC 7692 §7.2.1, §7.2.2", rule: rule, level: .must, sentence: RFC7692Sentence.receiveCompressed,
            summary: "\"Hello\" compressed in a first frame with RSV1, then an empty final continuation: echoed as \"Hello\"",
            opening: .deflate("permessage-deflate"),
            steps: [.send(message(.text, [hello, ""]), .writePerFrame)],
            expect: .events([.text("Hello")])),
        TestCase(
            id: "compression.fragments.one-octet-final", section: "RFC 7692 §7.2.3.6", rule: rule, level: .must, sentence: RFC7692Sentence.receiveCompressed,
            summary:
                "\"Hello\" flushed with its 00 00 ff ff kept in a first frame, then a final continuation of the one octet 00: echoed as \"Hello\"",
            opening: .deflate("permessage-deflate"),
            steps: [.send(message(.text, [helloFlushed, "00"]), .writePerFrame)],
            expect: .events([.text("Hello")])),
        TestCase(
            id: "compression.bfinal-block", section: "RFC 7692 §7.2.1, §7.2.3.4", rule: rule, level: .must, sentence: RFC7692Sentence.receiveCompressed,
            summary: "\"Hello\" in a block with BFINAL set (f3 48 cd c9 c9 07 00 00), then \"Hello\" in ordinary blocks: both echoed",
            opening: .deflate("permessage-deflate"),
            steps: [.send(message(.text, ["f348cdc9c9070000"]) + message(.text, [hello]), .writePerFrame)],
            expect: .events([.text("Hello"), .text("Hello")])),
    ]
}
