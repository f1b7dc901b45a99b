import Wire

/// RFC 7692 §7.1.1.1, §7.1.2.1 and §7.2.1: the server's own compressor keeps what it agreed.
///
/// Paraphrased: with "server_no_context_takeover" agreed the server MUST start compressing each
/// message with an empty LZ77 window; with "server_max_window_bits=w" agreed it MUST NOT use a
/// window larger than 2^w octets. The tester inflates the echoes under exactly that agreement:
/// a fresh inflater for each message, and an inflater of 2^w octets that checks every distance
/// (`Opening.strictServerWindow`), so a back-reference the agreement rules out fails the
/// connection ("invalid distance too far back") instead of going unseen.
///
/// zlib cannot compress with an 8-bit raw window (it uses 9 when asked for 8) but never emits a
/// distance past 2^9 − 262 = 250 octets with 9, inside the 256 an 8-bit window holds: a server
/// that agrees to 8 and runs zlib at 9 passes. A server that declines a window offer is
/// UNIMPLEMENTED: the parameter is the client's request, the server may refuse the offer.
public enum Section7_2_1_ServerCompression {
    static let sentence = "The same words again and again, so that a window kept would be used."

    /// 1 KiB of seeded pseudo-random octets, twice: a compressor with a window of 1 KiB or more
    /// encodes the second copy as references 1024 octets back, which a 9-bit (512-octet) or
    /// 8-bit window cannot hold.
    static let repeatedBlock: Payload = {
        var generator = SplitMix64(seed: 0x7692_0712)
        let block = (0..<1024).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        return .bytes(block + block)
    }()

    static let windowRule =
        "With server_max_window_bits=w agreed, the server MUST NOT use an LZ77 window larger than 2^w octets to compress its messages."

    public static let cases: [TestCase] =
        [
            TestCase(
                id: "compression.server-no-context-takeover.honoured", section: "RFC 7692 §7.1.1.1, §7.2.1",
                rule:
                    "With server_no_context_takeover agreed, the server MUST start compressing each message with an empty LZ77 window.",
                level: .must, sentence: RFC7692Sentence.serverNoContextTakeover,
                summary: "server_no_context_takeover agreed, the same text three times: each echo inflates with a fresh window",
                opening: .deflate("permessage-deflate; server_no_context_takeover"),
                steps: Array(repeating: .sendCompressed(.text, .text(sentence), .oneWrite), count: 3),
                expect: .events(Array(repeating: .text(sentence), count: 3)))
        ]
        + [9, 8].map { bits in
            TestCase(
                id: "compression.server-max-window-bits.\(bits)", section: "RFC 7692 §7.1.2.1, §7.2.1", rule: windowRule, level: .must, sentence: RFC7692Sentence.serverMaxWindowBits,
                summary:
                    "server_max_window_bits=\(bits) agreed, a binary message of 1 KiB twice over: its echo inflates within \(1 << bits) octets",
                opening: .deflate("permessage-deflate; server_max_window_bits=\(bits)", strictServerWindow: true),
                steps: [.sendCompressed(.binary, repeatedBlock, .oneWrite)],
                expect: .events([.message(.binary, repeatedBlock)]))
        }
}
