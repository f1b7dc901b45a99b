import Wire

/// RFC 7692 §6.1 Compression bit ("Per-Message Compressed"), under a negotiated
/// permessage-deflate.
///
/// "An endpoint MUST NOT set the "Per-Message Compressed" bit of control frames and non-first
/// fragments of a data message. An endpoint receiving such a frame MUST _Fail the WebSocket
/// Connection_." Each case first agrees permessage-deflate, so RSV1 has a meaning on the
/// connection, then sets it where that meaning does not reach. A server that declines the offer
/// is UNIMPLEMENTED: the extension is optional.
public enum Section6_1_CompressedBit {
    static let rule =
        "An endpoint MUST NOT set the Per-Message Compressed bit (RSV1) of control frames and non-first fragments of a data message; an endpoint receiving such a frame MUST fail the connection."

    /// "Hello" deflated from an empty context (RFC 7692 §7.2.3.1), split in two: a stream with
    /// no back-reference, so it is the same whatever window was agreed.
    static let helloHead = Payload.hex("f248cd")
    static let helloTail = Payload.hex("c9c90700")

    public static let cases: [TestCase] = [
        TestCase(
            id: "compression.rsv1.continuation", section: "RFC 7692 §6.1", rule: rule, level: .must, sentence: RFC7692Sentence.compressedBit,
            summary: "a compressed text message in two frames with RSV1 on the continuation too: no echo, fail with 1002",
            opening: .deflate("permessage-deflate"),
            steps: [
                .send(
                    FrameSpec(fin: false, rsv: .rsv1, opcode: .text, payload: helloHead),
                    FrameSpec(fin: true, rsv: .rsv1, opcode: .continuation, payload: helloTail))
            ],
            expect: .serverFails([1002])),
        TestCase(
            id: "compression.rsv1.ping", section: "RFC 7692 §6.1", rule: rule, level: .must, sentence: RFC7692Sentence.compressedBit,
            summary: "a ping with RSV1 set on a connection that agreed permessage-deflate: no pong, fail with 1002",
            opening: .deflate("permessage-deflate"),
            steps: [.send(FrameSpec(rsv: .rsv1, opcode: .ping, payload: .text("compressed?")))],
            expect: .serverFails([1002])),
        TestCase(
            id: "compression.rsv1.first-fragment-only", section: "RFC 7692 §6.1, §7.2.1", rule: rule, level: .must, sentence: RFC7692Sentence.compressedBit,
            summary: "the same message with RSV1 on its first frame only: echoed as \"Hello\"",
            opening: .deflate("permessage-deflate"),
            steps: [
                .send(
                    FrameSpec(fin: false, rsv: .rsv1, opcode: .text, payload: helloHead),
                    FrameSpec(fin: true, opcode: .continuation, payload: helloTail))
            ],
            expect: .events([.text("Hello")])),
        // RSV1 with nothing agreed: the rsv.* cases (RFC 6455 §5.2) send it on plain payloads;
        // this one sends a payload that does inflate, so a server that decompresses on RSV1
        // alone, whatever was negotiated, echoes "Hello" instead of failing.
        TestCase(
            id: "compression.rsv1.not-negotiated", section: "RFC 6455 §5.2, RFC 7692 §6", rule: Section5_2_ReservedBits.rule,
            level: .must, sentence: RFC6455Sentence.reservedBits,
            summary: "with no permessage-deflate offered, a binary message deflated from \"Hello\" with RSV1 set: no echo, fail with 1002",
            steps: [.send([FrameSpec(rsv: .rsv1, opcode: .binary, payload: Payload.hex("f248cdc9c90700"))], .oneWrite)],
            expect: .serverFails([1002])),
    ]
}
