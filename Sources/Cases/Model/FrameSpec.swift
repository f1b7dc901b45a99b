import Wire

/// How a frame sent by a case is masked, RFC 6455 §5.3.
public enum Masking: Hashable, Sendable {
    /// A fresh key per frame from the case's seeded generator (what a client MUST do).
    case fresh
    /// This exact key.
    case key(MaskingKey)
    /// No MASK bit: a rule break a server MUST answer by closing, RFC 6455 §5.1.
    case unmasked
}

/// One frame a case sends, described: header fields, payload, masking, and how its length
/// field is written (any of which may be wrong on purpose).
public struct FrameSpec: Hashable, Sendable, CustomStringConvertible {
    public var fin: Bool
    public var rsv: ReservedBits
    public var opcode: Opcode
    public var payload: Payload
    public var masking: Masking
    /// A length that differs from the payload's, to make the header lie.
    public var declaredLength: UInt64?
    public var lengthEncoding: LengthEncoding

    public init(
        fin: Bool = true, rsv: ReservedBits = [], opcode: Opcode, payload: Payload = .bytes([]), masking: Masking = .fresh,
        declaredLength: UInt64? = nil, lengthEncoding: LengthEncoding = .minimal
    ) {
        self.fin = fin
        self.rsv = rsv
        self.opcode = opcode
        self.payload = payload
        self.masking = masking
        self.declaredLength = declaredLength
        self.lengthEncoding = lengthEncoding
    }

    /// A text frame.
    public static func text(_ text: String, fin: Bool = true, rsv: ReservedBits = []) -> FrameSpec {
        FrameSpec(fin: fin, rsv: rsv, opcode: .text, payload: .text(text))
    }

    /// A binary frame.
    public static func binary(_ payload: Payload, fin: Bool = true) -> FrameSpec { FrameSpec(fin: fin, opcode: .binary, payload: payload) }

    /// A continuation frame.
    public static func continuation(_ payload: Payload, fin: Bool = true) -> FrameSpec {
        FrameSpec(fin: fin, opcode: .continuation, payload: payload)
    }

    /// A ping.
    public static func ping(_ payload: Payload = .bytes([]), fin: Bool = true) -> FrameSpec {
        FrameSpec(fin: fin, opcode: .ping, payload: payload)
    }

    /// A pong.
    public static func pong(_ payload: Payload = .bytes([])) -> FrameSpec { FrameSpec(opcode: .pong, payload: payload) }

    /// A close frame with this body (use `ClosePayload.encoded()`, or any octets).
    public static func close(_ body: [UInt8]) -> FrameSpec { FrameSpec(opcode: .close, payload: .bytes(body)) }

    /// A close frame with `code` and a UTF-8 reason.
    public static func close(code: UInt16, reason: String = "") -> FrameSpec {
        .close(ClosePayload(code: CloseCode(rawValue: code), reason: Array(reason.utf8)).encoded())
    }

    /// The wire octets, masked with `key` when the spec asks for masking.
    public func encoded(freshKey: MaskingKey) -> [UInt8] {
        let key: MaskingKey?
        switch masking {
        case .fresh: key = freshKey
        case .key(let fixed): key = fixed
        case .unmasked: key = nil
        }
        let count = payload.count
        let head = Frame(fin: fin, rsv: rsv, opcode: opcode, maskingKey: key, payload: [])
        var bytes = FrameEncoder.header(for: head, declaredLength: declaredLength ?? UInt64(count), lengthEncoding: lengthEncoding)
        let start = bytes.count
        // The payload is produced in pieces straight into the frame, so a 16 MiB frame is in
        // memory once, not once as a payload and again as a frame.
        bytes.reserveCapacity(start + count)
        var offset = 0
        while offset < count {
            let end = min(count, offset + (1 << 16))
            bytes.append(contentsOf: payload.octets(in: offset..<end))
            offset = end
        }
        key?.apply(to: &bytes, range: start..<bytes.count, payloadOffset: 0)
        return bytes
    }

    public var description: String {
        var parts = ["\(opcode)", "FIN=\(fin ? 1 : 0)"]
        if !rsv.isEmpty { parts.append(rsv.description) }
        if masking == .unmasked { parts.append("unmasked") }
        if let declaredLength { parts.append("declared=\(declaredLength)") }
        if lengthEncoding != .minimal { parts.append("length=\(lengthEncoding)") }
        parts.append("len=\(payload.count)")
        return "[" + parts.joined(separator: " ") + "] " + payload.description
    }
}
