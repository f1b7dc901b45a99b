import Wire

/// RFC 6455 §5.6 Data Frames, and §5.2's payload length encodings (Autobahn category 1).
///
/// "Text: The 'Payload data' is text data encoded as UTF-8." / "Binary: The 'Payload data' is
/// arbitrary binary data whose interpretation is solely up to the application layer."
/// An echo server must return every length unchanged, whichever of the three length
/// encodings (7-bit, 16-bit, 64-bit; RFC 6455 §5.2) carries it, and however TCP cuts it.
public enum Section5_6_DataFrames {
    /// The lengths at each boundary of the three encodings: 0, 125 | 126, 127, 128, 65535 | 65536.
    static let lengths: [(label: String, count: Int, timer: Duration)] = [
        ("0", 0, .seconds(1)), ("125", 125, .seconds(1)), ("126", 126, .seconds(1)), ("127", 127, .seconds(1)),
        ("128", 128, .seconds(1)), ("65535", 65535, .seconds(10)), ("65536", 65536, .seconds(10)),
    ]

    static func family(kind: String, opcode: Opcode, byte: UInt8, autobahn group: String) -> [TestCase] {
        var cases = lengths.enumerated().map { index, length in
            TestCase(
                id: "framing.\(kind).length-\(length.label)", autobahn: "\(group).\(index + 1)", section: "RFC 6455 §5.6",
                rule:
                    "A server echoing data MUST return a \(kind) message of \(length.count) octets unchanged, whatever length encoding (§5.2) it arrives in.",
                level: .must, sentence: RFC6455Sentence.parseFrames, summary: "\(kind) message of \(length.count) octets in one frame",
                steps: [.send([FrameSpec(opcode: opcode, payload: .filled(byte, count: length.count))], .oneWrite)],
                expect: .events([.message(opcode, .filled(byte, count: length.count))], timer: .kill(length.timer)))
        }
        cases.append(
            TestCase(
                id: "framing.\(kind).length-65536-chopped", autobahn: "\(group).8", section: "RFC 6455 §5.6",
                rule:
                    "Incoming data MUST be parsed as WebSocket frames (§6.2, §5.2) however TCP delivers it: the message is echoed as if it came in one write.",
                level: .must, sentence: RFC6455Sentence.parseFrames, summary: "\(kind) message of 65536 octets written in 997-octet pieces",
                steps: [.send([FrameSpec(opcode: opcode, payload: .filled(byte, count: 65536))], .chopped(997))],
                expect: .events([.message(opcode, .filled(byte, count: 65536))], timer: .kill(.seconds(10)))))
        return cases
    }

    public static let cases: [TestCase] =
        family(kind: "text", opcode: .text, byte: 0x2A, autobahn: "1.1")
        + family(kind: "binary", opcode: .binary, byte: 0xFE, autobahn: "1.2")
}
