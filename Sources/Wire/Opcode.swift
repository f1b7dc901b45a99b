/// A frame opcode, RFC 6455 §5.2: four bits.
///
/// An open set, not an enum: a conformance tool and a fuzzer must be able to send and decode
/// the reserved values 0x3–0x7 and 0xB–0xF, which a closed enum could not represent.
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 4-bit value; only the low nibble is meaningful on the wire.
    public let rawValue: UInt8

    /// Keeps the low four bits, so any byte makes a valid opcode value.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    /// One table of named members, so the name and number can never drift apart.
    private static let names: [UInt8: String] = [
        0x0: "continuation", 0x1: "text", 0x2: "binary",
        0x8: "close", 0x9: "ping", 0xA: "pong",
    ]

    /// %x0 continuation frame, RFC 6455 §5.4.
    public static let continuation = Opcode(rawValue: 0x0)
    /// %x1 text frame, RFC 6455 §5.6.
    public static let text = Opcode(rawValue: 0x1)
    /// %x2 binary frame, RFC 6455 §5.6.
    public static let binary = Opcode(rawValue: 0x2)
    /// %x8 connection close, RFC 6455 §5.5.1.
    public static let close = Opcode(rawValue: 0x8)
    /// %x9 ping, RFC 6455 §5.5.2.
    public static let ping = Opcode(rawValue: 0x9)
    /// %xA pong, RFC 6455 §5.5.3.
    public static let pong = Opcode(rawValue: 0xA)

    /// Control frames have the most significant opcode bit set, RFC 6455 §5.5.
    public var isControl: Bool { rawValue & 0x8 != 0 }

    /// %x3–7 and %xB–F are reserved for further frames, RFC 6455 §5.2.
    public var isReserved: Bool { Self.names[rawValue] == nil }

    /// Text or binary: the opcodes that start a data message, RFC 6455 §5.6.
    public var startsDataMessage: Bool { self == .text || self == .binary }

    public var description: String {
        Self.names[rawValue] ?? "reserved(0x\(String(rawValue, radix: 16, uppercase: true)))"
    }
}
