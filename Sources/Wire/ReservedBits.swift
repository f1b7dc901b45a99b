/// The RSV1–RSV3 bits of the first frame byte, RFC 6455 §5.2.
///
/// Stored at their wire positions (0x40, 0x20, 0x10) so the encoder can OR them in directly.
/// They MUST be 0 unless an extension defines them; permessage-deflate gives RSV1 the meaning
/// "compressed message", RFC 7692 §6.
public struct ReservedBits: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    /// Keeps only the three RSV positions of the byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x70 }

    /// RSV1 (0x40); "Per-Message Compressed" under permessage-deflate, RFC 7692 §6.
    public static let rsv1 = ReservedBits(rawValue: 0x40)
    /// RSV2 (0x20).
    public static let rsv2 = ReservedBits(rawValue: 0x20)
    /// RSV3 (0x10).
    public static let rsv3 = ReservedBits(rawValue: 0x10)

    /// The bits as the small number Autobahn and humans use: RSV1=4, RSV2=2, RSV3=1.
    public var number: Int { Int(rawValue >> 4) }

    /// Builds the bits from that small number (0–7).
    public init(number: Int) { self.init(rawValue: UInt8(truncatingIfNeeded: number & 7) << 4) }

    public var description: String { "RSV=\(number)" }
}
