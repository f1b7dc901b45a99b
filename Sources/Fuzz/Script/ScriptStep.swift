import Wire

/// One step of a script: what is sent, and how it reaches the wire.
///
/// The wire controls are per step: a pause before it, and a chop size that cuts its octets
/// into separate writes (a server must decode the same frames however TCP cuts the stream,
/// RFC 6455 §5.2 defines a byte stream, not packets).
public struct ScriptStep: Hashable, Sendable {
    /// What the step sends.
    public enum Action: Hashable, Sendable {
        /// One frame, header fields as written.
        case frame(ScriptFrame)
        /// Octets no frame can describe (a torn header, a havocked stream).
        case raw([UInt8])
        /// A Close frame that starts the closing handshake, RFC 6455 §7.1.2: from here the
        /// client waits for the server's Close. On the wire it is just the frame.
        case startClose(ScriptFrame)
    }

    public var action: Action
    /// Writes of at most this many octets (≥ 1); nil sends the step in one write.
    public var chop: Int?
    /// A pause before the step, in milliseconds (bounded by `ScriptLimits.maxDelayMilliseconds`).
    public var delayMilliseconds: Int

    public init(_ action: Action, chop: Int? = nil, delayMilliseconds: Int = 0) {
        self.action = action
        self.chop = chop
        self.delayMilliseconds = delayMilliseconds
    }

    /// A frame step.
    public static func frame(_ frame: ScriptFrame) -> ScriptStep { ScriptStep(.frame(frame)) }

    /// The frame of a frame or start-close step; setting it keeps the kind of step.
    public var frame: ScriptFrame? {
        get {
            switch action {
            case .frame(let frame), .startClose(let frame): return frame
            case .raw: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch action {
            case .frame: action = .frame(newValue)
            case .startClose: action = .startClose(newValue)
            case .raw: break
            }
        }
    }

    /// The octets of this step on the wire.
    public func encoded() -> [UInt8] {
        switch action {
        case .frame(let frame), .startClose(let frame): return frame.encoded()
        case .raw(let bytes): return bytes
        }
    }

    /// Payload or raw octets carried (the part the caps bound).
    var carriedBytes: Int {
        switch action {
        case .frame(let frame), .startClose(let frame): return frame.payload.count
        case .raw(let bytes): return bytes.count
        }
    }
}

extension ScriptStep: Codable {
    private enum CodingKeys: String, CodingKey {
        case frame, raw, startClose, chop, delayMs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = [CodingKeys.frame, .raw, .startClose].filter { container.contains($0) }
        guard kinds.count == 1 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a step holds exactly one of frame, raw, startClose"))
        }
        switch kinds[0] {
        case .frame: action = .frame(try container.decode(ScriptFrame.self, forKey: .frame))
        case .startClose: action = .startClose(try container.decode(ScriptFrame.self, forKey: .startClose))
        default: action = .raw(try container.decodeHex(.raw, limit: ScriptLimits.maxPayload))
        }
        chop = try container.contains(.chop) ? container.decodeBounded(.chop, in: 1...ScriptLimits.maxPayload) : nil
        delayMilliseconds =
            try container.contains(.delayMs) ? container.decodeBounded(.delayMs, in: 0...ScriptLimits.maxDelayMilliseconds) : 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch action {
        case .frame(let frame): try container.encode(frame, forKey: .frame)
        case .startClose(let frame): try container.encode(frame, forKey: .startClose)
        case .raw(let bytes): try container.encode(Hex.encode(bytes), forKey: .raw)
        }
        try container.encodeIfPresent(chop, forKey: .chop)
        if delayMilliseconds != 0 { try container.encode(delayMilliseconds, forKey: .delayMs) }
    }
}
