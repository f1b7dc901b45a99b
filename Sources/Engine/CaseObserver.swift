import Cases
import PerMessageDeflate
import Wire

/// What the tester must do in reaction to the server: a pure state machine that turns
/// received octets into recorded events, close facts and replies (no I/O, no clock).
struct CaseObserver {
    /// A reply the I/O layer must write.
    enum Action: Equatable {
        case send(FrameSpec)
    }

    private(set) var events: [ObservedEvent] = []
    /// Events past `eventLimit`: counted, not kept (a server flooding pongs or messages).
    private(set) var eventsBeyondLimit = 0
    /// The most events kept: a server sending more than any outcome holds has already
    /// diverged, and what it sends beyond is a count, so a flood costs no memory.
    let eventLimit: Int
    /// Frames not noted in the transcript (past `noteLimit` between two drains).
    private(set) var notesBeyondLimit = 0
    /// Transcript lines kept between two drains by the runner.
    static let noteLimit = 512
    /// Rule breaks kept; the first one is what the verdict cites.
    static let violationLimit = 16
    private(set) var facts = CloseFacts()
    /// A close frame was sent by the tester.
    private(set) var testerSentClose = false
    /// A close frame arrived from the server.
    private(set) var serverSentClose = false
    /// Server rule breaks the tester saw (each also fails the connection).
    private(set) var serverViolations: [String] = []
    /// Transcript lines for decoded frames, drained by the runner.
    var notes: [(TranscriptEntry.Kind, String, UInt64?)] = []

    private var decoder: FrameDecoder
    private var head: FrameHead?
    private var frameDigest = MessageDigest()
    private var framePrefix: [UInt8] = []
    private var controlPayload: [UInt8] = []
    private var message: (opcode: Opcode, digest: MessageDigest, prefix: [UInt8], utf8: UTF8Validator, compressed: Bool)?
    /// The negotiated permessage-deflate channel: compressed messages are inflated as their
    /// octets arrive, bounded, and judged as what they inflate to (RFC 7692 §7.2.2); nothing
    /// compressed is buffered.
    private let deflate: DeflateChannel?
    /// Compressed echoes recognised as octet-for-octet copies of what the tester sent.
    var recognition = EchoRecognition()

    /// The most a compressed message may inflate to before the tester fails the connection
    /// (1009).
    let inflatedLimit: Int

    /// The tester's inflation cap unless a case expects larger: the catalogue's largest
    /// ordinary message.
    static let defaultInflatedLimit = 16 << 20
    /// No case raises the cap past this, whatever it expects.
    static let largestInflatedLimit = 128 << 20

    /// The cap for `testCase`: the default, or the largest message it accepts as an echo (a
    /// server that echoes a message inflating past a limit it may have, RFC 6455 §10.4), within
    /// `largestInflatedLimit`.
    static func inflatedLimit(for testCase: TestCase) -> Int {
        let expected = testCase.expectation.outcomes.flatMap(\.events).map { event -> Int in
            if case .message(_, let payload) = event { return payload.count }
            return 0
        }
        return min(largestInflatedLimit, max(defaultInflatedLimit, expected.max() ?? 0))
    }

    /// The event limit for `testCase`: well past the most events any of its outcomes holds.
    static func eventLimit(for testCase: TestCase) -> Int {
        1024 + 2 * (testCase.expectation.outcomes.map(\.events.count).max() ?? 0)
    }

    init(deflate: DeflateChannel?, inflatedLimit: Int = CaseObserver.defaultInflatedLimit, eventLimit: Int = 4096) {
        self.deflate = deflate
        self.inflatedLimit = inflatedLimit
        self.eventLimit = eventLimit
        // Payloads are streamed into digests, so the cap only bounds what a frame may declare.
        decoder = FrameDecoder(sender: .server, allowedReservedBits: deflate == nil ? [] : .rsv1, maxPayloadLength: 1 << 40)
    }

    /// The octets decoded so far from the server.
    var receivedOffset: UInt64 { decoder.offset }

    /// Records a checkpoint passed with the connection open.
    mutating func mark(_ name: String) {
        record(ObservedEvent(kind: .marker(name), digest: MessageDigest(), prefix: []))
    }

    /// Keeps an event, or counts it past the limit.
    private mutating func record(_ event: ObservedEvent) {
        guard events.count < eventLimit else {
            if eventsBeyondLimit == 0 { note(.note, "more than \(eventLimit) events from the server: the rest are counted, not kept") }
            eventsBeyondLimit += 1
            return
        }
        events.append(event)
    }

    /// Adds a transcript line, or counts it past the limit.
    private mutating func note(_ kind: TranscriptEntry.Kind, _ text: String, _ offset: UInt64? = nil) {
        guard notes.count < Self.noteLimit else { return notesBeyondLimit += 1 }
        notes.append((kind, text, offset))
    }

    /// Records why the closing handshake was not clean.
    mutating func noteNotClean(_ text: String) {
        if facts.notCleanReason == nil { facts.notCleanReason = text }
    }

    /// The kill timer fired: the tester fails the connection.
    mutating func failByTimer() { facts.failedByTester = true }

    /// Notes that the tester sends a close frame with `code` (nil: no code).
    mutating func testerCloses(code: UInt16?) {
        guard !testerSentClose else { return }
        testerSentClose = true
        facts.localCode = code
        if !serverSentClose { facts.closedByTester = true }
    }

    /// Consumes server octets; returns the replies they call for.
    mutating func receive(_ bytes: [UInt8]) -> [Action] {
        var actions: [Action] = []
        for event in decoder.feed(bytes) {
            switch event {
            case .head(let head, let violations): onHead(head, violations, &actions)
            case .payload(let chunk): onPayload(chunk, &actions)
            case .end: onEnd(&actions)
            }
        }
        return actions
    }

    private mutating func violation(_ text: String, code: UInt16, _ actions: inout [Action]) {
        if serverViolations.count < Self.violationLimit { serverViolations.append(text) }
        note(.note, "server broke a rule: \(text)")
        guard !testerSentClose else { return }
        facts.failedByTester = true
        testerCloses(code: code)
        actions.append(.send(.close(code: code)))
    }

    private mutating func onHead(_ head: FrameHead, _ violations: [Violation], _ actions: inout [Action]) {
        self.head = head
        frameDigest = MessageDigest()
        framePrefix = []
        controlPayload = []
        let summary = "\(head.opcode) FIN=\(head.fin ? 1 : 0)\(head.rsv.isEmpty ? "" : " \(head.rsv)") len=\(head.payloadLength)"
        note(.frameReceived, summary + (head.maskingKey.map { " mask=\($0)" } ?? ""), head.streamOffset)
        if let first = violations.first { violation(first.description, code: 1002, &actions) }
        if serverSentClose {
            // RFC 6455 §5.5.1: after sending a Close frame, an endpoint MUST NOT send more data
            // (and a second Close is no answer to anything).
            violation("\(head.opcode) frame after the server's close frame", code: 1002, &actions)
        }
        if head.opcode.startsDataMessage, !serverSentClose {
            message = (head.opcode, MessageDigest(), [], UTF8Validator(), deflate != nil && head.rsv.contains(.rsv1))
            if message?.compressed == true { recognition.begin() }
        }
    }

    private mutating func onPayload(_ chunk: [UInt8], _ actions: inout [Action]) {
        guard let head else { return }
        if head.opcode.isControl {
            if controlPayload.count < 125 { controlPayload.append(contentsOf: chunk.prefix(125 - controlPayload.count)) }
            return
        }
        guard let current = message, head.opcode == .continuation || head.opcode.startsDataMessage else { return }
        if current.compressed {
            if let octets = recognition.follow(chunk) { inflate(octets, final: false, &actions) }
            return
        }
        deliver(chunk, &actions)
    }

    /// Adds message octets (inflated, for a compressed message): digest, prefix, and UTF-8
    /// judged as they arrive (RFC 6455 §8.1).
    private mutating func deliver(_ octets: [UInt8], _ actions: inout [Action]) {
        guard var current = message else { return }
        current.digest.update(octets)
        if current.prefix.count < 64 { current.prefix.append(contentsOf: octets.prefix(64 - current.prefix.count)) }
        let utf8 = current.opcode == .text ? current.utf8.feed(octets) : .valid
        message = current
        if case .invalid(let offset) = utf8 {
            message = nil
            violation("invalid UTF-8 in a text message at offset \(offset)", code: 1007, &actions)
        }
    }

    /// Delivers a whole message recognised as one the tester sent: its digest and UTF-8 facts
    /// are the sent message's, known for the run (`Payload.facts`), so its octets are neither
    /// hashed nor validated again; text that is not valid UTF-8 goes the ordinary way, which
    /// finds the offset.
    private mutating func deliverRecognised(_ payload: Payload, _ actions: inout [Action]) {
        guard var current = message else { return }
        let facts = payload.facts
        guard current.digest.length == 0, current.opcode != .text || facts.validUTF8 else {
            return deliver(payload.materialize(), &actions)
        }
        current.digest = facts.digest
        current.prefix = payload.octets(in: 0..<64)
        message = current
    }

    /// Inflates compressed octets of the current message as they arrive, RFC 7692 §7.2.2
    /// (`final` at the end of its last frame, which adds the 00 00 ff ff tail); a failure to
    /// inflate fails the connection (§8).
    private mutating func inflate(_ octets: [UInt8], final: Bool, _ actions: inout [Action]) {
        guard let deflate, let current = message, current.compressed else { return }
        switch deflate.decompress(fragment: octets, isFinal: final, maxOutput: inflatedLimit) {
        case .success(let plain): deliver(plain, &actions)
        case .failure(.tooLarge):
            message = nil
            violation("a compressed message inflating past \(inflatedLimit) octets", code: 1009, &actions)
        case .failure(.invalidData(let text)):
            message = nil
            violation("a compressed message that does not inflate (RFC 7692 §8): \(text)", code: 1007, &actions)
        }
    }

    /// The last frame of a compressed message ended: a recognised echo is the message sent,
    /// whose octets join the decompressor's window as if inflated; any other is inflated to its
    /// end (the 00 00 ff ff tail, RFC 7692 §7.2.2).
    private mutating func endCompressed(_ actions: inout [Action]) {
        guard let deflate, let current = message, current.compressed else { return }
        let (recognised, replay) = recognition.end()
        if let recognised {
            // Only the last window's worth can join the window (RFC 7692 §7.1.2: 2^15 at most).
            let tail = deflate.peerStartsAfresh ? [] : recognised.octets(in: max(0, recognised.count - (1 << 15))..<recognised.count)
            deflate.absorbIntoWindow(tail)
            return deliverRecognised(recognised, &actions)
        }
        if !replay.isEmpty { inflate(replay, final: false, &actions) }
        inflate([], final: true, &actions)
    }

    private mutating func onEnd(_ actions: inout [Action]) {
        guard let head else { return }
        self.head = nil
        switch head.opcode {
        case .ping:
            // RFC 6455 §5.5.3: a pong for only the most recent of pings not yet answered is
            // enough, so a burst of pings read at once gets one pong.
            if !testerSentClose {
                actions.removeAll { if case .send(let frame) = $0 { return frame.opcode == .pong } else { return false } }
                actions.append(.send(.pong(.bytes(controlPayload))))
            }
        case .pong:
            var digest = MessageDigest()
            digest.update(controlPayload)
            record(ObservedEvent(kind: .pong, digest: digest, prefix: Array(controlPayload.prefix(64))))
        case .close:
            onClose(controlPayload, &actions)
        default:
            if head.fin, head.opcode == .continuation || head.opcode.startsDataMessage { endCompressed(&actions) }
            guard head.fin, let current = message else { return }
            message = nil
            if current.opcode == .text, current.utf8.stateAtEnd() != .valid {
                return violation("text message ends inside a UTF-8 sequence", code: 1007, &actions)
            }
            record(ObservedEvent(kind: .message(current.opcode), digest: current.digest, prefix: current.prefix))
        }
    }

    private mutating func onClose(_ payload: [UInt8], _ actions: inout [Action]) {
        guard !serverSentClose else { return }
        serverSentClose = true
        let parsed = ClosePayload.parse(payload)
        facts.remoteCode = parsed.payload.code?.rawValue
        let reason = parsed.payload.reason
        facts.remoteReason = reason.isEmpty ? nil : (parsed.payload.reasonText ?? PayloadText.describe(reason, total: reason.count))
        note(.note, "server closes with \(parsed.payload.code.map { "\($0)" } ?? "no code")")
        if let problem = parsed.problems.first {
            violation("close frame: \(problem) (\(problem.section))", code: 1002, &actions)
        }
        if !testerSentClose {
            // Answer at once with 1000, as RFC 6455 §5.5.1 requires (and Autobahn does).
            testerCloses(code: 1000)
            actions.append(.send(.close(code: 1000)))
        }
    }
}
