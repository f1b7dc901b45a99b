import Wire

/// Reads the server's side of a fuzz session: frames decoded as a client decodes them
/// (RFC 6455 §5.1: server frames are unmasked), data frames joined into messages, pongs kept,
/// the first Close noted. Bounded: at most `maxReplies` replies, each at most the decoder's cap.
struct ReplyReader {
    private var assembler: FrameAssembler
    private var message: (opcode: Opcode, payload: [UInt8])?
    private(set) var replies: [Observation.Reply] = []
    /// The server's Close body, once one arrived (`.some(nil)`: a Close without a code).
    private(set) var close: CloseCode??
    private(set) var violations: [String] = []
    let maxReplies: Int

    init(maxPayload: UInt64, maxReplies: Int) {
        assembler = FrameAssembler(decoder: FrameDecoder(sender: .server, maxPayloadLength: maxPayload))
        self.maxReplies = maxReplies
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
                message?.payload.append(contentsOf: frame.payload)
                if frame.fin, let done = message {
                    append(Observation.Reply(opcode: done.opcode, payload: done.payload))
                    message = nil
                }
            default:
                if frame.fin {
                    append(Observation.Reply(opcode: frame.opcode, payload: frame.payload))
                } else {
                    message = (frame.opcode, frame.payload)
                }
            }
        }
        return close != nil
    }

    private mutating func append(_ reply: Observation.Reply) {
        if replies.count < maxReplies { replies.append(reply) }
    }
}
