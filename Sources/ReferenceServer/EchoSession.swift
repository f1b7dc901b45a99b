import PerMessageDeflate
import Wire

/// The reference server's side of one WebSocket connection after the opening handshake:
/// a strict RFC 6455 echo endpoint, with one optional fault.
///
/// Feed it the octets from the client; it returns what to do. Text and binary messages are
/// echoed whole as one unmasked frame; pings are answered; close codes are echoed; any rule
/// break fails the connection with the code RFC 6455 §7.4.1 names (1002 protocol, 1007
/// invalid UTF-8, 1009 too big).
public struct EchoSession: Sendable {
    /// Where the session is in the closing handshake, RFC 6455 §7.
    public enum Phase: Hashable, Sendable {
        case open
        /// A Close frame was sent or the connection dropped; further octets are ignored.
        case closed
    }

    public let configuration: ServerConfiguration
    public private(set) var phase: Phase = .open
    /// Why the server failed the connection, when it did (for logs and tests).
    public private(set) var failure: (code: CloseCode, reason: String)?

    private var decoder: FrameDecoder
    private var frame: FrameHead?
    private var skipFrame = false
    private var control: [UInt8] = []
    private var message: [UInt8] = []
    private var messageOpcode: Opcode?
    private var messageCompressed = false
    /// The compressed octets of the current frame of a compressed message.
    private var compressedFrame: [UInt8] = []
    /// The compressed octets of the whole current message, kept when its echo may be those very
    /// octets (`forwardsCompressed`).
    private var compressedMessage: [UInt8] = []
    /// Blocks with BFINAL set received before the current message (RFC 7692 §7.2.3.4).
    private var finalBlocksBefore = 0

    private var utf8 = UTF8Validator()
    /// `accept-fragmented-control`: a control frame with FIN clear, completed by continuations.
    private var fragmentedControl: (opcode: Opcode, payload: [UInt8])?
    private var continuesControl = false
    /// `mask-offset-across-frames`: payload octets of earlier frames, modulo 4, and the offset
    /// inside the current frame.
    private var maskPhase = 0
    private var frameOffset = 0
    private var deflate: DeflateChannel?
    /// The echo-content faults (`Fault+Echo.swift`).
    private var tamper: EchoTamper
    /// RSV bits of the control frame being handled (`ignore-rsv-on-close`).
    private var controlRSV: ReservedBits = []

    /// A session; `deflate` is the negotiated permessage-deflate channel, if any.
    public init(configuration: ServerConfiguration, deflate: DeflateChannel? = nil) {
        self.configuration = configuration
        self.deflate = deflate
        tamper = EchoTamper(fault: configuration.fault)
        let cap = configuration.fault == .noSizeLimit ? UInt64.max : UInt64(min(configuration.maxMessageSize, configuration.maxFrameSize ?? .max))
        decoder = FrameDecoder(sender: .client, allowedReservedBits: deflate == nil ? [] : .rsv1, maxPayloadLength: cap)
    }

    private var fault: Fault? { configuration.fault }

    /// The server is going down: a Close with 1001 (RFC 6455 §7.4.1, "an endpoint is going
    /// away, such as a server going down"), then the closing handshake as after any Close the
    /// server starts. Nothing once the session is closed.
    public mutating func goAway() -> [SessionAction] {
        guard phase == .open else { return [] }
        var actions: [SessionAction] = []
        emit(Frame(opcode: .close, payload: ClosePayload(code: .goingAway, reason: "server shutting down").encoded()), &actions)
        phase = .closed
        actions.append(.closeTCP)
        return actions
    }

    /// Consumes octets from the client and returns the actions they call for.
    public mutating func receive(_ bytes: [UInt8]) -> [SessionAction] {
        guard phase != .closed else { return [] }
        var actions: [SessionAction] = []
        for event in decoder.feed(bytes) {
            guard phase != .closed else { break }
            switch event {
            case .head(let head, let violations): onHead(head, violations, &actions)
            case .payload(let chunk): onPayload(chunk, &actions)
            case .end: onEnd(&actions)
            }
        }
        if fault == .wholeFrameReads, phase == .open, !decoder.isAtFrameBoundary {
            // The classic bug: assuming each read holds whole frames.
            fail(.protocolError, "a read ended inside a frame", &actions)
        }
        return actions
    }

    /// The violations this server acts on, after its fault has hidden some.
    private func enforced(_ violations: [Violation], _ head: FrameHead) -> [Violation] {
        let ignoresRSV = fault == .ignoreReservedBits || (fault == .ignoreReservedBitsOnClose && head.opcode == .close)
        return violations.filter { violation in
            switch violation.rule {
            case .unmaskedClientFrame: return fault != .acceptUnmasked
            case .reservedBitsWithoutExtension: return !ignoresRSV
            case .compressedControlFrame, .compressedContinuationFrame: return !ignoresRSV && fault != .acceptMisplacedRSV1
            case .reservedOpcode: return fault != .acceptReservedOpcodes
            case .controlFrameTooLong: return fault != .acceptOversizedControl
            case .fragmentedControlFrame: return fault != .acceptFragmentedControl
            case .continuationWithoutStart, .dataFrameInsideFragmentedMessage: return fault != .acceptBadFragmentation
            case .nonMinimalLength: return fault != .acceptNonMinimalLength
            case .lengthMostSignificantBitSet, .maskedServerFrame, .payloadOverCap: return true
            }
        }
    }

    private mutating func onHead(_ head: FrameHead, _ violations: [Violation], _ actions: inout [SessionAction]) {
        frame = head
        skipFrame = phase != .open
        control = []
        if skipFrame { return }
        if fault == .hangOnInput, head.rsv.contains(.rsv3) { return actions.append(.hangServer) }
        if fault == .zeroKeyAsUnmasked, head.maskingKey == .zero {
            return fail(.protocolError, "masking key 00000000 taken for an unmasked frame", &actions)
        }
        frameOffset = 0
        var violations = violations
        continuesControl = fault == .acceptFragmentedControl && fragmentedControl != nil && head.opcode == .continuation
        if continuesControl { violations.removeAll { $0.rule == .continuationWithoutStart } }
        let rules = enforced(violations, head)
        if let protocolBreak = rules.first(where: { if case .payloadOverCap = $0.rule { return false } else { return true } }) {
            return fail(.protocolError, protocolBreak.description, &actions)
        }
        if !rules.isEmpty { return fail(.messageTooBig, rules[0].description, &actions) }
        if head.opcode.isReserved {
            skipFrame = true  // only reachable under accept-reserved-opcodes
            return
        }
        guard !head.opcode.isControl, !continuesControl else { return }
        if head.opcode.startsDataMessage || messageOpcode == nil {
            // A new message (or, under accept-bad-fragmentation, a continuation taken as one).
            messageOpcode = head.opcode == .continuation ? .binary : head.opcode
            messageCompressed = (head.rsv.contains(.rsv1) || fault == .inflateEveryMessage) && deflate != nil
            if messageCompressed, fault == .deflateResetContext, let channel = deflate {
                // A fresh channel: an empty window for this message, whatever was agreed.
                deflate = try? DeflateChannel(agreed: channel.parameters, role: .server)
            }
            message = []
            compressedFrame = []
            compressedMessage = []
            finalBlocksBefore = deflate?.finalBlocksReceived ?? 0
            utf8.reset()
        }
        // Compressed messages are capped after inflation instead (a bomb is refused there).
        if fault != .noSizeLimit, !messageCompressed,
            UInt64(message.count) + head.payloadLength > UInt64(configuration.maxMessageSize)
        {
            return fail(.messageTooBig, "message over \(configuration.maxMessageSize) bytes", &actions)
        }
    }

    private var validatesEarly: Bool {
        fault != .skipUTF8Validation && fault != .validateUTF8AtMessageEnd
    }

    /// False for the text of a compressed message under `utf8-before-inflate`, whose check
    /// sits before the inflater and so sees no text.
    private var checksText: Bool { !(fault == .utf8BeforeInflate && messageCompressed) }

    private mutating func onPayload(_ chunk: [UInt8], _ actions: inout [SessionAction]) {
        guard let head = frame, !skipFrame else { return }
        var chunk = chunk
        if fault == .maskOffsetAcrossFrames, let key = head.maskingKey, maskPhase != 0 {
            // Unmasking as if the key position ran on from the previous frame (RFC 6455 §5.3
            // restarts it at 0 for every frame).
            chunk = chunk.enumerated().map { $1 ^ key[frameOffset + $0] ^ key[frameOffset + $0 + maskPhase] }
        }
        frameOffset += chunk.count
        if head.opcode.isControl || continuesControl {
            control.append(contentsOf: chunk)
            return
        }
        if messageCompressed {
            compressedFrame.append(contentsOf: chunk)
            if forwardsCompressed { compressedMessage.append(contentsOf: chunk) }
        } else {
            appendPlain(chunk, &actions)
        }
    }

    /// Adds decoded message octets, checking UTF-8 as they come (RFC 6455 §8.1 fail-fast).
    private mutating func appendPlain(_ chunk: [UInt8], _ actions: inout [SessionAction]) {
        message.append(contentsOf: chunk)
        if messageOpcode == .text, validatesEarly, checksText, case .invalid(let offset) = utf8.feed(chunk) {
            fail(.invalidFramePayloadData, "invalid UTF-8 at message offset \(offset)", &actions)
        }
    }

    private mutating func onEnd(_ actions: inout [SessionAction]) {
        guard let head = frame, !skipFrame else { return }
        frame = nil
        maskPhase = (maskPhase + Int(head.payloadLength & 3)) & 3
        if head.opcode.isControl {
            controlRSV = head.rsv
            guard head.fin || fault != .acceptFragmentedControl else {
                fragmentedControl = (head.opcode, control)
                return
            }
            return onControl(head.opcode, control, &actions)
        }
        if continuesControl, let pending = fragmentedControl {
            continuesControl = false
            fragmentedControl = (pending.opcode, pending.payload + control)
            guard head.fin, let whole = fragmentedControl else { return }
            fragmentedControl = nil
            return onControl(whole.opcode, whole.payload, &actions)
        }
        if messageCompressed, let channel = deflate, messageOpcode != nil {
            // Inflate frame by frame, so invalid UTF-8 fails fast in compressed messages too.
            let cap = fault == .noSizeLimit || fault == .inflateWithoutCap ? Int.max : configuration.maxMessageSize
            let fragment = compressedFrame
            compressedFrame = []
            let finalBlocks = channel.finalBlocksReceived
            switch channel.decompress(fragment: fragment, isFinal: head.fin || fault == .inflateFramesApart, maxOutput: cap) {
            case .success(let plain): appendPlain(plain, &actions)
            case .failure(.tooLarge): return fail(.messageTooBig, "inflated message over \(cap) bytes", &actions)
            case .failure(.invalidData) where fault == .ignoreCorruptDeflate:
                // Carries on with a fresh inflater, as if the frame had held nothing.
                deflate = try? DeflateChannel(agreed: channel.parameters, role: .server)
            case .failure(.invalidData(let text)): return fail(.protocolError, "invalid deflate data: \(text)", &actions)
            }
            if fault == .rejectFinalBlock, channel.finalBlocksReceived > finalBlocks {
                return fail(.protocolError, "a DEFLATE block with BFINAL set", &actions)
            }
            if phase != .open { return }
        }
        guard head.fin, let opcode = messageOpcode else { return }
        messageOpcode = nil
        let payload = message
        message = []
        if opcode == .text, fault != .skipUTF8Validation, checksText {
            let state = validatesEarly ? utf8.stateAtEnd() : UTF8Validator.validate(payload)
            if state != .valid { return fail(.invalidFramePayloadData, "invalid UTF-8 in text message", &actions) }
        }
        var echoed = opcode
        if fault == .textAsBinary, opcode == .text { echoed = .binary }
        if fault == .binaryAsText, opcode == .binary { echoed = .text }
        if messageCompressed, forwardsCompressed, let channel = deflate,
            channel.sendsAsOwn(compressedMessage, inflatedTo: payload, finalBlocks: channel.finalBlocksReceived - finalBlocksBefore)
        {
            let forwarded = compressedMessage
            compressedMessage = []
            return emit(Frame(rsv: .rsv1, opcode: opcode, payload: forwarded), &actions)
        }
        for (opcode, payload) in tamper.echoes(echoed, payload) { echo(opcode, payload, &actions) }
    }

    /// Whether a compressed message's echo may be its own compressed octets, sent back without
    /// deflating it again (`DeflateChannel.sendsAsOwn` says when the client reads them alike):
    /// only for the correct server, whose echo is the message unchanged, and only when the
    /// client's messages start from an empty window (RFC 7692 §7.1.1.2). The echo stays exact
    /// and RFC 7692 §7.2.1 holds; the server's own compressor is still exercised by every
    /// message the client sent uncompressed or that reaches further than the server's window.
    private var forwardsCompressed: Bool {
        fault == nil && configuration.compressEchoes && deflate?.peerStartsAfresh == true
    }

    /// Sends one echo, compressed when permessage-deflate is in use.
    private func echo(_ opcode: Opcode, _ payload: [UInt8], _ actions: inout [SessionAction]) {
        if let channel = deflate, configuration.compressEchoes {
            emit(Frame(rsv: .rsv1, opcode: opcode, payload: channel.compress(payload)), &actions)
        } else {
            emit(Frame(opcode: opcode, payload: payload), &actions)
        }
    }

    private mutating func onControl(_ opcode: Opcode, _ payload: [UInt8], _ actions: inout [SessionAction]) {
        switch opcode {
        case .ping:
            guard phase == .open, fault != .noPong else { return }
            let answer = fault == .wrongPongPayload ? (payload.isEmpty ? [0x21] : payload.map { $0 ^ 0xFF }) : payload
            emit(Frame(opcode: .pong, payload: answer), &actions)
        case .close:
            onClose(payload, &actions)
        default:
            // Unsolicited pongs are ignored, RFC 6455 §5.5.3 ("a response to an unsolicited
            // Pong frame is not expected").
            if fault == .answerUnsolicitedPong, phase == .open { emit(Frame(opcode: .pong, payload: payload), &actions) }
        }
    }

    private mutating func onClose(_ payload: [UInt8], _ actions: inout [SessionAction]) {
        let parsed = ClosePayload.parse(payload)
        if fault == .crashOnInput, parsed.payload.code == .noStatusReceived { return actions.append(.crashServer) }
        for problem in parsed.problems {
            switch problem {
            case .reasonNotUTF8 where fault == .skipUTF8Validation: continue
            case .codeNotAllowed where fault == .acceptInvalidCloseCodes: continue
            case .oneByteBody where fault == .acceptMalformedClose: continue
            case .tooLong where fault == .acceptOversizedControl: continue
            case .reasonNotUTF8: return fail(.invalidFramePayloadData, "close reason is not UTF-8", &actions)
            default: return fail(.protocolError, "close frame: \(problem)", &actions)
            }
        }
        if fault == .noCloseReply {
            phase = .closed
            return
        }
        if fault == .dropTCP { return drop(&actions) }
        for (opcode, payload) in tamper.flush() { echo(opcode, payload, &actions) }
        var reply = ClosePayload(code: parsed.payload.code)
        if fault == .ignoreReservedBitsOnClose, !controlRSV.isEmpty { reply.code = .normalClosure }
        // The malformed-close fault answers a 1-byte body as if it were a normal closure.
        if fault == .acceptMalformedClose, parsed.problems.contains(.oneByteBody) { reply.code = .normalClosure }
        if fault == .wrongCloseCode { reply.code = parsed.payload.code == .goingAway ? .internalError : .goingAway }
        emit(Frame(opcode: .close, payload: reply.encoded()), &actions)
        if fault == .processAfterClose { return }  // keeps answering; closes TCP only on the client's FIN
        phase = .closed
        actions.append(.closeTCP)
    }

    /// Fails the WebSocket connection, RFC 6455 §7.1.7: a Close frame with `code`, then TCP close.
    private mutating func fail(_ code: CloseCode, _ reason: String, _ actions: inout [SessionAction]) {
        failure = (code, reason)
        if fault == .dropTCP { return drop(&actions) }
        emit(Frame(opcode: .close, payload: ClosePayload(code: code).encoded()), &actions)
        phase = .closed
        actions.append(.closeTCP)
    }

    /// Sends a frame; the `mask-frames` fault masks it (RFC 6455 §5.1: a server MUST NOT).
    private func emit(_ frame: Frame, _ actions: inout [SessionAction]) {
        var frame = frame
        if fault == .maskFrames { frame.maskingKey = MaskingKey(0x5A, 0xA5, 0x3C, 0xC3) }
        actions.append(.send(FrameEncoder.encode(frame)))
    }

    private mutating func drop(_ actions: inout [SessionAction]) {
        phase = .closed
        actions.append(.dropTCP)
    }
}
