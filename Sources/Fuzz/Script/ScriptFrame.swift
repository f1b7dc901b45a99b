import Cases
import Wire

/// One frame of a script with every header field of RFC 6455 §5.2 explicit, so a corpus file
/// says exactly which bits went on the wire and a mutator can set any of them.
///
/// Nothing here is checked against the RFC: an unmasked frame, a reserved opcode, RSV bits, a
/// length that lies are all just values. The oracle judges them.
public struct ScriptFrame: Hashable, Sendable {
    /// FIN, RFC 6455 §5.2.
    public var fin: Bool
    /// RSV1, RSV2, RSV3, RFC 6455 §5.2.
    public var rsv1: Bool
    public var rsv2: Bool
    public var rsv3: Bool
    /// The 4-bit opcode value (0–15), reserved ones included, RFC 6455 §5.2.
    public var opcode: UInt8
    /// The MASK bit, RFC 6455 §5.2; a client MUST set it (§5.1).
    public var mask: Bool
    /// The masking key, used only when `mask` is set (RFC 6455 §5.3); kept either way so that
    /// toggling the bit is one mutation.
    public var maskingKey: MaskingKey
    /// The unmasked payload octets.
    public var payload: [UInt8]
    /// The length the header declares; nil means the payload's true length.
    public var declaredLength: UInt64?
    /// How the length field is written; `.minimal` is what RFC 6455 §5.2 requires.
    public var lengthEncoding: LengthEncoding
    /// On the first frame of a message compressed under the permessage-deflate channel: the
    /// message the compressor was given (RFC 7692 §7.2.1), when at most
    /// `ScriptLimits.maxCompressedFrom` octets. The payload holds the compressed octets
    /// themselves, so a replay sends the same octets whatever zlib the machine has; this says
    /// what the message was meant to be, for readers of a finding and for the mutators that
    /// compress it again (after an edit, or with another history). The oracle never reads it:
    /// it inflates the octets sent, as a server does.
    public var compressedFrom: [UInt8]?

    public init(
        fin: Bool = true, rsv1: Bool = false, rsv2: Bool = false, rsv3: Bool = false, opcode: UInt8, mask: Bool = true,
        maskingKey: MaskingKey, payload: [UInt8] = [], declaredLength: UInt64? = nil, lengthEncoding: LengthEncoding = .minimal,
        compressedFrom: [UInt8]? = nil
    ) {
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
        self.opcode = opcode & 0x0F
        self.mask = mask
        self.maskingKey = maskingKey
        self.payload = payload
        self.declaredLength = declaredLength
        self.lengthEncoding = lengthEncoding
        self.compressedFrom = compressedFrom
    }

    /// The opcode as Wire's open set.
    public var wireOpcode: Opcode { Opcode(rawValue: opcode) }

    /// The RSV bits as Wire's option set.
    public var reservedBits: ReservedBits {
        get {
            var bits: ReservedBits = []
            if rsv1 { bits.insert(.rsv1) }
            if rsv2 { bits.insert(.rsv2) }
            if rsv3 { bits.insert(.rsv3) }
            return bits
        }
        set {
            rsv1 = newValue.contains(.rsv1)
            rsv2 = newValue.contains(.rsv2)
            rsv3 = newValue.contains(.rsv3)
        }
    }

    /// The frame as Wire sees it (key only when the MASK bit is set).
    public var frame: Frame {
        Frame(fin: fin, rsv: reservedBits, opcode: wireOpcode, maskingKey: mask ? maskingKey : nil, payload: payload)
    }

    /// The exact wire octets, written by the total `FrameEncoder` (lies included).
    public func encoded() -> [UInt8] {
        FrameEncoder.encode(frame, declaredLength: declaredLength, lengthEncoding: lengthEncoding)
    }

    /// A script frame saying exactly what `spec` says, with `freshKey` for a `.fresh` mask.
    public init(_ spec: FrameSpec, freshKey: MaskingKey) {
        let key: MaskingKey
        let mask: Bool
        switch spec.masking {
        case .fresh: (key, mask) = (freshKey, true)
        case .key(let fixed): (key, mask) = (fixed, true)
        case .unmasked: (key, mask) = (freshKey, false)
        }
        self.init(
            fin: spec.fin, rsv1: spec.rsv.contains(.rsv1), rsv2: spec.rsv.contains(.rsv2), rsv3: spec.rsv.contains(.rsv3),
            opcode: spec.opcode.rawValue, mask: mask, maskingKey: key, payload: spec.payload.materialize(),
            declaredLength: spec.declaredLength, lengthEncoding: spec.lengthEncoding)
    }
}

extension ScriptFrame: Codable {
    private enum CodingKeys: String, CodingKey {
        case fin, rsv1, rsv2, rsv3, opcode, mask, maskingKey, payload, declaredLength, lengthEncoding, compressedFrom
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fin = try container.decode(Bool.self, forKey: .fin)
        rsv1 = try container.decode(Bool.self, forKey: .rsv1)
        rsv2 = try container.decode(Bool.self, forKey: .rsv2)
        rsv3 = try container.decode(Bool.self, forKey: .rsv3)
        opcode = try container.decodeBounded(.opcode, in: UInt8(0)...15)
        mask = try container.decode(Bool.self, forKey: .mask)
        let key = try container.decodeHex(.maskingKey, limit: 4)
        guard key.count == 4 else { throw container.corrupt(.maskingKey, "a masking key is 4 octets, not \(key.count)") }
        maskingKey = MaskingKey(key[0], key[1], key[2], key[3])
        payload = try container.decodeHex(.payload, limit: ScriptLimits.maxPayload)
        declaredLength = try container.decodeIfPresent(UInt64.self, forKey: .declaredLength)
        let encoding = try container.decode(String.self, forKey: .lengthEncoding)
        guard let parsed = LengthEncoding(scriptName: encoding) else {
            throw container.corrupt(.lengthEncoding, "\"\(encoding.prefix(40))\" is not minimal, 7-bit, 16-bit or 64-bit")
        }
        lengthEncoding = parsed
        compressedFrom =
            try container.contains(.compressedFrom) ? container.decodeHex(.compressedFrom, limit: ScriptLimits.maxCompressedFrom) : nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fin, forKey: .fin)
        try container.encode(rsv1, forKey: .rsv1)
        try container.encode(rsv2, forKey: .rsv2)
        try container.encode(rsv3, forKey: .rsv3)
        try container.encode(opcode, forKey: .opcode)
        try container.encode(mask, forKey: .mask)
        try container.encode(Hex.encode([maskingKey[0], maskingKey[1], maskingKey[2], maskingKey[3]]), forKey: .maskingKey)
        try container.encode(Hex.encode(payload), forKey: .payload)
        try container.encodeIfPresent(declaredLength, forKey: .declaredLength)
        try container.encode(lengthEncoding.scriptName, forKey: .lengthEncoding)
        try container.encodeIfPresent(compressedFrom.map(Hex.encode), forKey: .compressedFrom)
    }
}

extension LengthEncoding {
    /// The name a script file uses for the encoding.
    public var scriptName: String {
        switch self {
        case .minimal: return "minimal"
        case .sevenBit: return "7-bit"
        case .sixteenBit: return "16-bit"
        case .sixtyFourBit: return "64-bit"
        }
    }

    /// The encoding a script file names, or nil.
    public init?(scriptName: String) {
        switch scriptName {
        case "minimal": self = .minimal
        case "7-bit": self = .sevenBit
        case "16-bit": self = .sixteenBit
        case "64-bit": self = .sixtyFourBit
        default: return nil
        }
    }
}
