/// One WebSocket frame as RFC 6455 §5.2 draws it, with its payload unmasked.
///
/// A `Frame` may say anything the header can say: reserved opcodes, RSV bits, a fragmented
/// control frame, an unmasked client frame. Whether that is allowed is for the decoder's
/// violations and the judge to decide, never for the type.
public struct Frame: Hashable, Sendable, CustomStringConvertible {
    /// FIN: this is the final fragment of a message, RFC 6455 §5.2.
    public var fin: Bool
    /// RSV1–RSV3, RFC 6455 §5.2.
    public var rsv: ReservedBits
    /// The opcode, RFC 6455 §5.2.
    public var opcode: Opcode
    /// The masking key, or `nil` for an unmasked frame (MASK bit 0), RFC 6455 §5.3.
    public var maskingKey: MaskingKey?
    /// The application-visible (unmasked) payload octets.
    public var payload: [UInt8]

    public init(
        fin: Bool = true, rsv: ReservedBits = [], opcode: Opcode, maskingKey: MaskingKey? = nil,
        payload: [UInt8] = []
    ) {
        self.fin = fin
        self.rsv = rsv
        self.opcode = opcode
        self.maskingKey = maskingKey
        self.payload = payload
    }

    /// A text frame carrying `text` as UTF-8.
    public static func text(_ text: String, fin: Bool = true, maskingKey: MaskingKey? = nil) -> Frame {
        Frame(fin: fin, opcode: .text, maskingKey: maskingKey, payload: Array(text.utf8))
    }

    public var description: String {
        var parts = ["\(opcode)", "FIN=\(fin ? 1 : 0)"]
        if !rsv.isEmpty { parts.append(rsv.description) }
        if let key = maskingKey { parts.append("mask=\(key)") }
        parts.append("len=\(payload.count)")
        return "[" + parts.joined(separator: " ") + "]"
    }
}
