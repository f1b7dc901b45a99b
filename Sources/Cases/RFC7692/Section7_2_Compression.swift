/// RFC 7692 §7.2 compressing and decompressing messages under permessage-deflate.
///
/// Paraphrased: once permessage-deflate is agreed, RSV1 on a message's first frame is its
/// "Per-Message Compressed" bit (§6); the receiver appends 00 00 ff ff to the payload and
/// inflates it (§6.2, §7.2.2), with the LZ77 window carried over from earlier messages unless
/// no_context_takeover was agreed for that direction (§7.1.1); §7.2.3 shows the octets. An
/// echo server returns the original message. A server that declines the offer is
/// UNIMPLEMENTED, not FAILED: the extension is optional.
public enum Section7_2_Compression {
    public static let cases: [TestCase] = roundTrips

    /// A text that compresses well and repeats across messages, so a taken-over context makes
    /// later messages shorter (RFC 7692 §7.2.3.2).
    static let sentence = "Hello, permessage-deflate! The same words, compressed again."

    static let roundTrips: [TestCase] = [
        TestCase(
            id: "compression.round-trip.text-context-takeover", section: "RFC 7692 §6.2, §7.2.1, §7.2.2",
            rule:
                "Once permessage-deflate is agreed, a server MUST decompress a message with RSV1 set, with the context carried over from the messages before it unless no_context_takeover was agreed.",
            level: .must, sentence: RFC7692Sentence.serverDecompressionContext, summary: "three compressed text messages, each compressed with the context of those before it",
            opening: .deflate("permessage-deflate"),
            steps: Array(repeating: .sendCompressed(.text, .text(sentence), .oneWrite), count: 3),
            expect: .events(Array(repeating: .text(sentence), count: 3))),
        TestCase(
            id: "compression.round-trip.binary-no-context-takeover", section: "RFC 7692 §7.1.1.2, §7.2.1",
            rule:
                "With client_no_context_takeover agreed, the client may start each message with an empty context (§7.1.1.2); the server MUST still receive each as a compressed message (§6.2), decompressing it, and echo the original.",
            level: .must, sentence: RFC7692Sentence.receiveCompressed, summary: "two compressed binary messages with client_no_context_takeover",
            opening: .deflate("permessage-deflate; client_no_context_takeover"),
            steps: Array(repeating: .sendCompressed(.binary, .text(sentence), .oneWrite), count: 2),
            expect: .events(Array(repeating: .message(.binary, .text(sentence)), count: 2))),
    ]
}
