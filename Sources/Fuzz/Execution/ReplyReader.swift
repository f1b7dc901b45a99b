import PerMessageDeflate
import Wire

/// Reads the server's side of a fuzz session: frames decoded as a client decodes them
/// (RFC 6455 §5.1: server frames are unmasked), data frames joined into messages, pongs kept,
/// the first Close noted. Once the server agreed to permessage-deflate, a message with RSV1 on
/// its first frame is inflated frame by frame (RFC 7692 §7.2.2) and kept as what it inflates
/// to. Bounded: at most `maxReplies` replies, each frame at most the decoder's cap, each
/// message inflated to at most `maxInflated` octets.
struct ReplyReader {
    private var assembler: FrameAssembler
    private var message: (opcode: Opcode, payload: [UInt8], compressed: Bool)?
    private(set) var replies: [Observation.Reply] = []
    /// The server's Close body, once one arrived (`.some(nil)`: a Close without a code).
    private(set) var close: CloseCode??
    private(set) var violations: [String] = []
    let maxReplies: Int
    private let maxPayload: UInt64
    /// The client's inflater, once permessage-deflate is agreed. Its window is zlib's largest
    /// whatever the server announced: echoes are compared here, the server's window discipline
    /// is not judged.
    private var inflater: MessageDecompressor?
    /// The most one reply inflates to: no conforming echo of a script's message is larger
    /// (`ScriptLimits.maxTotalBytes`).
    static let maxInflated = ScriptLimits.maxTotalBytes

    init(maxPayload: UInt64, maxReplies: Int) {
        assembler = FrameAssembler(decoder: FrameDecoder(sender: .server, maxPayloadLength: maxPayload))
        self.maxPayload = maxPayload
        self.maxReplies = maxReplies
    }

    /// From here on (the handshake response agreed to permessage-deflate), RSV1 marks a
    /// compressed message (RFC 7692 §6). Called before any frame octet is fed.
    mutating func agreeDeflate() {
        inflater = try? MessageDecompressor(windowBits: 15)
        assembler = FrameAssembler(decoder: FrameDecoder(sender: .server, allowedReservedBits: .rsv1, maxPayloadLength: maxPayload))
    }

    /// Feeds octets after the handshake response; returns true once a Close arrived.
    mutating func feed(_ bytes: [UInt8]) -> Bool {
        for decoded in assembler.feed(bytes) where close == nil {
            violations += decoded.violations.map(\.description)
            let frame = decoded.frame
            switch frame.opcode {
            case .close:
                close = .some(ClosePayload.parse(frame.payload).payload.code)
            case .pong:
                append(Observation.Reply(opcode: .pong, payload: frame.payload))
            case .ping:
                break
            case .continuation:
                guard var current = message else { continue }
                let piece = current.compressed ? inflate(frame) : frame.payload
                guard current.payload.count + piece.count <= Self.maxInflated else {
                    violations.append("a message of more than \(Self.maxInflated) octets")
                    message = nil
                    continue
                }
                current.payload += piece
                message = current
                if frame.fin {
                    append(Observation.Reply(opcode: current.opcode, payload: current.payload))
                    message = nil
                }
            default:
                let compressed = inflater != nil && frame.rsv.contains(.rsv1)
                let payload = compressed ? inflate(frame) : frame.payload
                if frame.fin {
                    append(Observation.Reply(opcode: frame.opcode, payload: payload))
                } else {
                    message = (frame.opcode, payload, compressed)
                }
            }
        }
        return close != nil
    }

    /// The octets one frame of a compressed message inflates to; a failure is the server's
    /// violation (its message is then kept as far as it inflated).
    private mutating func inflate(_ frame: Frame) -> [UInt8] {
        guard let inflater else { return frame.payload }
        switch inflater.decompress(fragment: frame.payload, isFinal: frame.fin, maxOutput: Self.maxInflated) {
        case .ok(let octets):
            return octets
        case .unterminated(let octets):
            violations.append("a compressed message that does not end on a block boundary (RFC 7692 §7.2.1)")
            return octets
        case .tooLarge:
            violations.append("a compressed message inflating past \(Self.maxInflated) octets")
            return []
        case .invalidData(let text):
            violations.append("a compressed message that does not inflate (RFC 7692 §7.2.2): \(text)")
            return []
        }
    }

    private mutating func append(_ reply: Observation.Reply) {
        if replies.count < maxReplies { replies.append(reply) }
    }
}
