import Wire

/// RFC 7692 §7.2.2 and RFC 6455 §8.1, §10.4, §10.7: compressed messages a server must not take.
///
/// A message with RSV1 set is what its payload inflates to (RFC 7692 §6.2, §7.2.2). Data that
/// does not inflate is no message at all: "Incoming data MUST always be validated" (RFC 6455
/// §10.7), and the server fails the connection (RFC 6455 §7.1.7; 1007 "data within a message
/// that was not consistent with the type of the message", or 1002, §7.4.1). The text of a
/// compressed text message is the inflated octets, so §8.1's UTF-8 rule applies to them. A
/// limit on message size applies to the message after inflation, where a few KiB on the wire
/// become many MiB (RFC 6455 §10.4).
public enum Section7_2_2_DecompressionInvalid {
    static let corruptRule =
        "A message with RSV1 set is the DEFLATE decompression of its payload; data that does not decompress is no message, incoming data MUST be validated, and the server must fail the connection (1007 or 1002)."

    /// Well-formed octets up to the point where inflating breaks.
    static let corrupt: [(id: String, hex: String, what: String)] = [
        ("block-type", "0600", "a DEFLATE block of the reserved type 11"),
        (
            "distance-too-far-back", "f200110000",
            "a back-reference (§7.2.3.2's second \"Hello\") as the first message, with nothing to refer to"
        ),
    ]

    /// "Hello", then a stored block that declares 10 octets and carries 3 ("abc"): with the
    /// appended 00 00 ff ff it holds 7, so the message ends inside the block.
    static let truncated = Payload.hex("f248cdc9c90700 0a00f5ff 616263")

    /// Invalid UTF-8 (a lone continuation octet) inside text that is otherwise ASCII.
    static let invalidText: [UInt8] = Array("Valid until here: ".utf8) + [0x80] + Array(" and after.".utf8)

    /// The serve limit is 64 MiB; one octet more, of zeros, is about 64 KiB deflated.
    static let overLimit = (64 << 20) + 1

    public static let cases: [TestCase] =
        corrupt.map { entry in
            TestCase(
                id: "compression.invalid.\(entry.id)", section: "RFC 7692 §7.2.2, RFC 6455 §10.7", rule: corruptRule, level: .must, sentence: RFC7692Sentence.receiveCompressedValidated,
                summary: "a binary message with RSV1 whose payload is \(entry.what): no echo, fail with 1007 or 1002",
                opening: .deflate("permessage-deflate"),
                steps: [.send([FrameSpec(rsv: .rsv1, opcode: .binary, payload: .hex(entry.hex))], .oneWrite)],
                expect: .serverFails([1002, 1007]))
        } + [
            TestCase(
                id: "compression.invalid.truncated-block", section: "RFC 7692 §7.2.1, §7.2.2, RFC 6455 §10.7",
                rule:
                    "Every compressed message ends on a DEFLATE block boundary (RFC 7692 §7.2.1); a receiver should fail a message that ends inside a block. Nothing requires the check: many inflaters deliver what they decoded.",
                level: .should,
                summary: "a binary message with RSV1 that ends inside a stored block: fail with 1007 or 1002",
                opening: .deflate("permessage-deflate"),
                steps: [.send([FrameSpec(rsv: .rsv1, opcode: .binary, payload: truncated)], .oneWrite)],
                expect: Expectation(
                    outcomes: [
                        ExpectedOutcome(.ok, []),
                        ExpectedOutcome(
                            .nonStrict, [.message(.binary, .hex("48656c6c6f 616263 0000ffff"))],
                            note:
                                "echoed what an inflater decodes before the data ends (\"Helloabc\" and the appended tail) instead of failing",
                            close: .normalClose),
                        // An inflater that stops at the end of the octets received, before the
                        // tail that would complete the stored block's length (autobahn-python).
                        ExpectedOutcome(
                            .nonStrict, [.message(.binary, .hex("48656c6c6f 616263"))],
                            note: "echoed what an inflater decodes before the data ends (\"Helloabc\") instead of failing",
                            close: .normalClose),
                    ],
                    close: .serverFails([1002, 1007]), timer: .kill(.seconds(1)))),
            TestCase(
                id: "compression.invalid.utf8-after-inflate", section: "RFC 6455 §8.1, RFC 7692 §6.2",
                rule:
                    "When a text message's data is not valid UTF-8 the endpoint MUST fail the connection (1007); for a compressed message the data is what it inflates to.",
                level: .must, sentence: RFC6455Sentence.invalidUTF8,
                summary: "a compressed text message whose inflated text holds a lone continuation octet 0x80: no echo, fail with 1007",
                opening: .deflate("permessage-deflate"),
                steps: [.sendCompressed(.text, .bytes(invalidText), .oneWrite)],
                expect: .serverFails([1007])),
            TestCase(
                id: "compression.limit.inflated-over-limit", section: "RFC 6455 §10.4, §7.4.1",
                rule:
                    "An implementation SHOULD limit message size and MUST protect itself against exceeding its limits; the limit applies to a compressed message after inflation (1009 for a message too big to process).",
                level: .should,
                summary:
                    "a binary message of 64m + 1 zero octets compressed to about 64k: refused with 1009 by a server limited to 64m or less",
                opening: .deflate("permessage-deflate"),
                steps: [.sendCompressed(.binary, .filled(0, count: overLimit), .oneWrite)],
                expect: Expectation(
                    outcomes: [
                        ExpectedOutcome(.ok, []),
                        ExpectedOutcome(
                            .nonStrict, [.message(.binary, .filled(0, count: overLimit))],
                            note: "the server inflated and echoed 64m + 1 octets: it has no limit on inflated messages at or below 64m",
                            close: .normalClose),
                    ],
                    matching: .typeAndLength, close: .serverFails([1009]), timer: .kill(.seconds(30)))),
        ]
}
