import Wire

/// RFC 7692 §6.2 Decompression: the "Per-Message Compressed" bit decides, message by message.
///
/// Paraphrased: a receiver decompresses a message whose first frame has RSV1 set, and takes a
/// message without it as it is: permessage-deflate agreed lets a sender compress, it does not
/// oblige it to. An uncompressed message does not enter the LZ77 window either, so the context
/// taken over (RFC 7692 §7.2.2) runs from one compressed message to the next across it.
public enum Section6_2_Decompression {
    static let compressed = "Compressed both times: the second copy refers back to the first."
    static let plain = "Sent as it is, with RSV1 clear."

    public static let cases: [TestCase] = [
        TestCase(
            id: "compression.uncompressed-between-compressed", section: "RFC 7692 §6.2, §7.2.2",
            rule:
                "A message whose first frame has RSV1 clear is not compressed and MUST be taken as it is; the compression context runs on from the compressed message before it to the one after.",
            level: .must, sentence: RFC7692Sentence.receiveUncompressed,
            summary:
                "a compressed text message, the same kind of text uncompressed, then the first again compressed with its context: all three echoed",
            opening: .deflate("permessage-deflate"),
            steps: [
                .sendCompressed(.text, .text(compressed), .oneWrite),
                .send([FrameSpec(opcode: .text, payload: .text(plain))], .oneWrite),
                .sendCompressed(.text, .text(compressed), .oneWrite),
            ],
            expect: .events([.text(compressed), .text(plain), .text(compressed)]))
    ]
}
