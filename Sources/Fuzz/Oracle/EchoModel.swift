import PerMessageDeflate
import Wire

/// A conforming echo server after the opening handshake, as a model: the rules of RFC 6455
/// §5–§8 applied to decoded frames in stream order, recording replies and the first rule
/// broken (after which a server reads nothing more, §7.1.7). Under a permessage-deflate
/// agreement, compressed messages are inflated frame by frame as a server inflates them
/// (RFC 7692 §7.2.2) and judged as what they inflate to (`EchoModel+Deflate.swift`).
struct EchoModel {
    let options: OracleOptions
    /// The server's permessage-deflate response, when one was agreed.
    let agreement: PerMessageDeflateParameters?
    /// The server's inflater under `agreement`.
    let inflater: ServerInflater?
    /// Absolute offset of the first frame octet (the head's length).
    let base: Int
    let stepOf: (Int) -> Int?

    private var decoder: FrameDecoder
    private var replies: [Frame] = []
    private var head: FrameHead?
    private var payloadSeen = 0
    private var control: [UInt8] = []
    private(set) var messageOpcode: Opcode?
    var message: [UInt8] = []
    /// Whether the message in progress is compressed (RSV1 on its first frame, RFC 7692 §6).
    var compressed = false
    /// The compressed octets of the current frame of a compressed message.
    var compressedFrame: [UInt8] = []
    var utf8 = UTF8Validator()
    /// Reactions admitted besides the ending's own: the codes of further rules one frame
    /// breaks (a server may check them in any order), a 1002 for a Close inside a message.
    private var alsoAdmitted: [ReactionClass] = []
    /// Under `UTF8Decision.atDelivery`: an invalid text message the application has not
    /// taken yet. The server fails the connection when it does, at any moment from here.
    var undelivered: RuleBreak?
    /// Offset (after the head) of the next frame's first octet.
    private var nextFrame = 0
    /// Octets after the head.
    private var total = 0
    /// Non-minimal lengths read so far.
    private var nonMinimalSeen = 0

    init(options: OracleOptions, agreement: PerMessageDeflateParameters?, base: Int, stepOf: @escaping (Int) -> Int?) {
        self.options = options
        self.agreement = agreement
        inflater = agreement.flatMap {
            ServerInflater(
                agreement: $0, emptiesWindow: options.emptiesWindowPerMessage,
                keepsWindowAfterFinalBlock: options.keepsWindowAfterFinalBlock)
        }
        self.base = base
        self.stepOf = stepOf
        decoder = FrameDecoder(
            sender: .client, allowedReservedBits: agreement == nil ? [] : .rsv1, maxPayloadLength: options.maxMessageSize)
    }

    /// Runs the model over the octets after the head.
    mutating func run(_ bytes: [UInt8]) -> ExpectedReaction {
        total = bytes.count
        for event in decoder.feed(bytes) {
            let outcome: Outcome?
            switch event {
            case .head(let head, let violations): outcome = onHead(head, violations)
            case .payload(let chunk): outcome = onPayload(chunk)
            case .end: outcome = onEnd()
            }
            switch outcome {
            case .none: continue
            case .ending(let ending): return reaction(ending)
            case .outOfScope(let why): return ExpectedReaction(replies: replies, ending: .open, outOfScope: why)
            case .openEnded: return ExpectedReaction(replies: replies, ending: .open, openEnded: true)
            }
        }
        let partial = options.judgesPartialHeaders && head == nil && !decoder.isAtFrameBoundary
        if partial, case let breaks = partialHeaderBreaks(bytes[min(nextFrame, bytes.count)...]), let (rule, detail, octets) = breaks.first
        {
            admitCodes(of: breaks.dropFirst().map(\.0))
            let start = base + nextFrame
            return reaction(
                .failed(
                    RuleBreak(rule: rule, detail: detail, frameOffset: start, decidedAt: start + octets, step: stepOf(start + octets - 1))))
        }
        // The tester's Close will land inside an unfinished message (see onControl).
        if decoder.isAtFrameBoundary, messageOpcode != nil { alsoAdmitted.append(.closed(CloseCode.protocolError.rawValue)) }
        if let undelivered {
            // The tester's Close (after the last octet) may be answered before the
            // application takes the message (§5.5.1 binds the protocol layer at once).
            alsoAdmitted.append(.echoed)
            return reaction(.failed(undelivered))
        }
        return reaction(decoder.isAtFrameBoundary ? .open : .awaitingData)
    }

    private func reaction(_ ending: Ending) -> ExpectedReaction {
        var also = alsoAdmitted
        // The undelivered invalid text may fail the connection before anything later does.
        if undelivered != nil, ending.failedRule != .invalidUTF8Text {
            also += [.closed(CloseCode.invalidFramePayloadData.rawValue), .dropped]
        }
        return ExpectedReaction(replies: replies, ending: ending, alsoAdmitted: also)
    }

    enum Outcome {
        case ending(Ending)
        case outOfScope(String)
        /// The server may read on in a way the oracle does not follow (`ExpectedReaction.openEnded`).
        case openEnded
    }

    func fail(_ rule: Rule, _ detail: String, frame: FrameHead, decidedAt: Int) -> Outcome {
        let start = base + Int(frame.streamOffset)
        return .ending(
            .failed(RuleBreak(rule: rule, detail: detail, frameOffset: start, decidedAt: decidedAt, step: stepOf(decidedAt - 1))))
    }

    /// Absolute offset just past the header of `frame`.
    func headerEnd(_ frame: FrameHead) -> Int { base + Int(frame.streamOffset) + frame.headerLength }

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
                nonMinimalSeen += 1
                if options.failsNonMinimalLength, nonMinimalSeen >= options.nonMinimalLengthFailing {
                    breaks.append((.nonMinimalLength, "length \(length) in \(octets) extended octets"))
                }
            case .lengthMostSignificantBitSet: breaks.append((.lengthMostSignificantBitSet, "length \(frame.payloadLength)"))
            case .continuationWithoutStart: breaks.append((.continuationWithoutStart, "continuation with no message in progress"))
            case .dataFrameInsideFragmentedMessage(let opcode):
                breaks.append((.dataFrameInsideFragmentedMessage, "\(opcode) frame inside a fragmented message"))
            case .payloadOverCap(let declared, let cap): tooBig = "declared length \(declared) over \(cap)"
            case .compressedControlFrame, .compressedContinuationFrame:
                breaks.append((.compressedBitMisplaced, "RSV1 on a \(frame.opcode) frame under permessage-deflate"))
            case .maskedServerFrame: continue
            }
        }
        if let (rule, detail) = breaks.first {
            // A server may check the header's rules in any order and fail with another's code.
            let others = breaks.dropFirst().map(\.0) + (tooBig == nil ? [] : [Rule.messageTooBig])
            admitCodes(of: others)
            return fail(rule, detail, frame: frame, decidedAt: headerEnd(frame))
        }
        if let tooBig { return fail(.messageTooBig, tooBig, frame: frame, decidedAt: headerEnd(frame)) }
        if frame.opcode.isControl { return nil }
        if frame.opcode.startsDataMessage {
            messageOpcode = frame.opcode
            message = []
            utf8.reset()
            compressed = agreement != nil && frame.rsv.contains(.rsv1)
        }
        // A server that inflates whole messages keeps the octets of every frame until the last.
        if frame.opcode.startsDataMessage || !options.inflatesWholeMessages { compressedFrame = [] }
        // Under late decisions, messages after an undelivered invalid one are never echoed:
        // the application fails on the invalid one first. Their frames are still read.
        if undelivered != nil { return nil }
        // A compressed message is held to the limit once inflated (`onCompressedEnd`).
        if !compressed, UInt64(message.count) + frame.payloadLength > options.maxMessageSize {
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
        if compressed {
            compressedFrame.append(contentsOf: chunk)
            return nil
        }
        let before = message.count
        message.append(contentsOf: chunk)
        // RFC 6455 §8.1 lets a server fail as soon as no valid UTF-8 can continue the text.
        if messageOpcode == .text, case .invalid(let offset) = utf8.feed(chunk), options.utf8Decision == .eager {
            return fail(
                .invalidUTF8Text, "invalid UTF-8 at message octet \(offset)", frame: frame, decidedAt: chunkStart + offset - before + 1)
        }
        return nil
    }

    private mutating func onEnd() -> Outcome? {
        guard let frame = head else { return nil }
        head = nil
        let end = headerEnd(frame) + Int(frame.payloadLength)
        nextFrame = end - base
        if frame.opcode.isControl { return onControl(frame, end: end) }
        if compressed, messageOpcode != nil, let outcome = onCompressedEnd(frame, end: end) { return outcome }
        guard frame.fin, let opcode = messageOpcode else { return nil }
        messageOpcode = nil
        compressed = false
        if undelivered != nil { return nil }
        if opcode == .text, case .invalid(let offset) = utf8.stateAtEnd() {
            let detail = offset == message.count ? "text message ends inside a code point" : "invalid UTF-8 at message octet \(offset)"
            let start = base + Int(frame.streamOffset)
            let rule = RuleBreak(rule: .invalidUTF8Text, detail: detail, frameOffset: start, decidedAt: end, step: stepOf(end - 1))
            if options.utf8Decision == .atDelivery {
                undelivered = rule
                return nil
            }
            return .ending(.failed(rule))
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
            admitCodes(of: parsed.problems.dropFirst().compactMap(Self.rule))
            for problem in parsed.problems {
                switch problem {
                case .oneByteBody: return fail(.closeBodyOneByte, "a 1-octet Close body", frame: frame, decidedAt: end)
                case .codeNotAllowed(let code): return fail(.closeCodeNotAllowed, "close code \(code)", frame: frame, decidedAt: end)
                case .reasonNotUTF8(let offset):
                    return fail(.closeReasonNotUTF8, "reason not UTF-8 at octet \(offset)", frame: frame, decidedAt: end)
                case .tooLong: continue  // already a control-frame-too-long break at the header
                }
            }
            // A Close inside an unfinished message is allowed (§5.4: control frames may come
            // between fragments), but the message can never end; some servers answer with
            // 1002 for it (websockets). The code of the answer is only "typically" the one
            // received (§5.5.1), so that answer is admitted too.
            if messageOpcode != nil { alsoAdmitted.append(.closed(CloseCode.protocolError.rawValue)) }
            // Octets the client sends after its Close may reach a server that has answered and
            // closed TCP (§7.1.1 lets it close at once): its kernel resets the connection, and
            // the reset can discard its Close before the tester reads it.
            if end - base < total { alsoAdmitted.append(.dropped) }
            return .ending(.closeEchoed(parsed.payload.code))
        default:
            break  // an unsolicited Pong needs no answer, RFC 6455 §5.5.3
        }
        return nil
    }
}

extension EchoModel {
    /// Admits the close codes of `rules` besides those of the rule the ending names.
    mutating func admitCodes(of rules: [Rule]) {
        for rule in rules {
            for code in rule.closeCodes where !alsoAdmitted.contains(.closed(code.rawValue)) { alsoAdmitted.append(.closed(code.rawValue)) }
        }
    }

    /// The rule a Close body problem breaks.
    fileprivate static func rule(_ problem: ClosePayloadProblem) -> Rule? {
        switch problem {
        case .oneByteBody: return .closeBodyOneByte
        case .codeNotAllowed: return .closeCodeNotAllowed
        case .reasonNotUTF8: return .closeReasonNotUTF8
        case .tooLong: return nil
        }
    }
}
