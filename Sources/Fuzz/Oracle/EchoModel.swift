import Wire

/// A conforming echo server after the opening handshake, as a model: the rules of RFC 6455
/// §5–§8 applied to decoded frames in stream order, recording replies and the first rule
/// broken (after which a server reads nothing more, §7.1.7).
struct EchoModel {
    let options: OracleOptions
    /// Absolute offset of the first frame octet (the head's length).
    let base: Int
    let stepOf: (Int) -> Int?

    private var decoder: FrameDecoder
    private var replies: [Frame] = []
    private var head: FrameHead?
    private var payloadSeen = 0
    private var control: [UInt8] = []
    private var messageOpcode: Opcode?
    private var message: [UInt8] = []
    private var utf8 = UTF8Validator()

    init(options: OracleOptions, base: Int, stepOf: @escaping (Int) -> Int?) {
        self.options = options
        self.base = base
        self.stepOf = stepOf
        decoder = FrameDecoder(
            sender: .client, allowedReservedBits: options.permessageDeflate ? .rsv1 : [], maxPayloadLength: options.maxMessageSize)
    }

    /// Runs the model over the octets after the head.
    mutating func run(_ bytes: [UInt8]) -> ExpectedReaction {
        for event in decoder.feed(bytes) {
            let outcome: Outcome?
            switch event {
            case .head(let head, let violations): outcome = onHead(head, violations)
            case .payload(let chunk): outcome = onPayload(chunk)
            case .end: outcome = onEnd()
            }
            switch outcome {
            case .none: continue
            case .ending(let ending): return ExpectedReaction(replies: replies, ending: ending)
            case .outOfScope(let why): return ExpectedReaction(replies: replies, ending: .open, outOfScope: why)
            }
        }
        return ExpectedReaction(replies: replies, ending: decoder.isAtFrameBoundary ? .open : .awaitingData)
    }

    private enum Outcome {
        case ending(Ending)
        case outOfScope(String)
    }

    private func fail(_ rule: Rule, _ detail: String, frame: FrameHead, decidedAt: Int) -> Outcome {
        let start = base + Int(frame.streamOffset)
        return .ending(
            .failed(RuleBreak(rule: rule, detail: detail, frameOffset: start, decidedAt: decidedAt, step: stepOf(decidedAt - 1))))
    }

    /// Absolute offset just past the header of `frame`.
    private func headerEnd(_ frame: FrameHead) -> Int { base + Int(frame.streamOffset) + frame.headerLength }

    private mutating func onHead(_ frame: FrameHead, _ violations: [Violation]) -> Outcome? {
        head = frame
        payloadSeen = 0
        control = []
        var breaks: [(Rule, String)] = []
        var tooBig: String?
        for violation in violations {
            switch violation.rule {
            case .unmaskedClientFrame: breaks.append((.unmaskedFrame, "frame without the MASK bit"))
            case .reservedBitsWithoutExtension(let bits): breaks.append((.reservedBitsWithoutExtension, "\(bits)"))
            case .reservedOpcode(let opcode): breaks.append((.reservedOpcode, "opcode \(opcode)"))
            case .controlFrameTooLong(let length): breaks.append((.controlFrameTooLong, "\(frame.opcode) of \(length) octets"))
            case .fragmentedControlFrame: breaks.append((.fragmentedControlFrame, "\(frame.opcode) with FIN clear"))
            case .nonMinimalLength(let length, let octets):
                if options.failsNonMinimalLength { breaks.append((.nonMinimalLength, "length \(length) in \(octets) extended octets")) }
            case .lengthMostSignificantBitSet: breaks.append((.lengthMostSignificantBitSet, "length \(frame.payloadLength)"))
            case .continuationWithoutStart: breaks.append((.continuationWithoutStart, "continuation with no message in progress"))
            case .dataFrameInsideFragmentedMessage(let opcode):
                breaks.append((.dataFrameInsideFragmentedMessage, "\(opcode) frame inside a fragmented message"))
            case .payloadOverCap(let declared, let cap): tooBig = "declared length \(declared) over \(cap)"
            case .compressedControlFrame, .compressedContinuationFrame:
                return .outOfScope("RSV1 on \(frame.opcode) under permessage-deflate (RFC 7692 §6.1)")
            case .maskedServerFrame: continue
            }
        }
        if let (rule, detail) = breaks.first { return fail(rule, detail, frame: frame, decidedAt: headerEnd(frame)) }
        if let tooBig { return fail(.messageTooBig, tooBig, frame: frame, decidedAt: headerEnd(frame)) }
        if frame.opcode.isControl { return nil }
        if options.permessageDeflate, frame.rsv.contains(.rsv1) {
            return .outOfScope("a compressed message (RFC 7692): the oracle does not inflate")
        }
        if frame.opcode.startsDataMessage {
            messageOpcode = frame.opcode
            message = []
            utf8.reset()
        }
        if UInt64(message.count) + frame.payloadLength > options.maxMessageSize {
            return fail(.messageTooBig, "message over \(options.maxMessageSize) octets", frame: frame, decidedAt: headerEnd(frame))
        }
        return nil
    }

    private mutating func onPayload(_ chunk: [UInt8]) -> Outcome? {
        guard let frame = head else { return nil }
        let chunkStart = headerEnd(frame) + payloadSeen
        payloadSeen += chunk.count
        if frame.opcode.isControl {
            control.append(contentsOf: chunk)
            return nil
        }
        let before = message.count
        message.append(contentsOf: chunk)
        // RFC 6455 §8.1 lets a server fail as soon as no valid UTF-8 can continue the text.
        if messageOpcode == .text, case .invalid(let offset) = utf8.feed(chunk) {
            return fail(
                .invalidUTF8Text, "invalid UTF-8 at message octet \(offset)", frame: frame, decidedAt: chunkStart + offset - before + 1)
        }
        return nil
    }

    private mutating func onEnd() -> Outcome? {
        guard let frame = head else { return nil }
        head = nil
        let end = headerEnd(frame) + Int(frame.payloadLength)
        if frame.opcode.isControl { return onControl(frame, end: end) }
        guard frame.fin, let opcode = messageOpcode else { return nil }
        messageOpcode = nil
        if opcode == .text, utf8.stateAtEnd() != .valid {
            return fail(.invalidUTF8Text, "text message ends inside a code point", frame: frame, decidedAt: end)
        }
        replies.append(Frame(opcode: opcode, payload: message))
        message = []
        return nil
    }

    private mutating func onControl(_ frame: FrameHead, end: Int) -> Outcome? {
        switch frame.opcode {
        case .ping:
            replies.append(Frame(opcode: .pong, payload: control))
        case .close:
            let parsed = ClosePayload.parse(control)
            for problem in parsed.problems {
                switch problem {
                case .oneByteBody: return fail(.closeBodyOneByte, "a 1-octet Close body", frame: frame, decidedAt: end)
                case .codeNotAllowed(let code): return fail(.closeCodeNotAllowed, "close code \(code)", frame: frame, decidedAt: end)
                case .reasonNotUTF8(let offset):
                    return fail(.closeReasonNotUTF8, "reason not UTF-8 at octet \(offset)", frame: frame, decidedAt: end)
                case .tooLong: continue  // already a control-frame-too-long break at the header
                }
            }
            return .ending(.closeEchoed(parsed.payload.code))
        default:
            break  // an unsolicited Pong needs no answer, RFC 6455 §5.5.3
        }
        return nil
    }
}
