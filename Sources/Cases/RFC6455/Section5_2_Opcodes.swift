import Wire

/// RFC 6455 §5.2 Base Framing Protocol: Opcode (Autobahn category 4).
///
/// "%x3-7 are reserved for further non-control frames", "%xB-F are reserved for further
/// control frames", and "If an unknown opcode is received, the receiving endpoint MUST _Fail
/// the WebSocket Connection_." No extension is negotiated, so every reserved opcode is unknown.
public enum Section5_2_Opcodes {
    static let rule = "On receiving an unknown (reserved) opcode the endpoint MUST fail the connection (1002, §7.4.1)."

    /// Five ways to meet a reserved opcode; Autobahn gives each group's five opcodes one each,
    /// in order (4.1.1 = 0x3 … 4.1.5 = 0x7, 4.2.1 = 0xB … 4.2.5 = 0xF).
    struct Shape {
        var variant: String
        var payload: Payload
        /// A valid text message and a ping around the reserved frame.
        var betweenValid: Bool
        var delivery: Delivery
        var how: String
    }

    static let shapes: [Shape] = [
        Shape(variant: "empty", payload: .bytes([]), betweenValid: false, delivery: .oneWrite, how: "alone, empty"),
        Shape(
            variant: "payload", payload: .text("reserved opcode payload"), betweenValid: false, delivery: .oneWrite,
            how: "alone, with a 23-octet payload"),
        Shape(
            variant: "after-text", payload: .bytes([]), betweenValid: true, delivery: .writePerFrame,
            how: "empty, after a valid text and before a ping"),
        Shape(
            variant: "after-text-payload", payload: .text("Hello, world!"), betweenValid: true, delivery: .writePerFrame,
            how: "with 13 octets, after a valid text and before a ping"),
        Shape(
            variant: "after-text-chopped", payload: .text("Hello, world!"), betweenValid: true, delivery: .chopped(1),
            how: "with 13 octets, after a valid text and before a ping, one octet per write"),
    ]

    static func family(kind: String, firstOpcode: UInt8, group: String) -> [TestCase] {
        shapes.enumerated().map { index, shape in
            let opcode = Opcode(rawValue: firstOpcode + UInt8(index))
            let hex = String(opcode.rawValue, radix: 16)
            let reserved = FrameSpec(opcode: opcode, payload: shape.payload)
            let expectation = shape.betweenValid ? Section5_2_ReservedBits.failsAfter(.text("Hello, world!")) : .serverFails([1002])
            return TestCase(
                id: "opcode.\(kind)-\(hex).\(shape.variant)", autobahn: "\(group).\(index + 1)", section: "RFC 6455 §5.2", rule: rule,
                level: .must, sentence: RFC6455Sentence.unknownOpcode,
                summary: "reserved \(kind) opcode 0x\(hex.uppercased()) \(shape.how): fail with 1002"
                    + (shape.betweenValid ? " (the text may be echoed first; no pong)" : ""),
                steps: [.send(shape.betweenValid ? [.text("Hello, world!"), reserved, .ping()] : [reserved], shape.delivery)],
                expect: expectation, divergence: shape.betweenValid ? Section5_2_ReservedBits.echoFirst : nil)
        }
    }

    public static let cases: [TestCase] =
        family(kind: "non-control", firstOpcode: 0x3, group: "4.1")
        + family(kind: "control", firstOpcode: 0xB, group: "4.2")
}
