import Wire

/// Reads the server's side of the interleaving probe octet by octet and holds it to what an
/// echo server with one writer per connection sends: frames whose headers obey RFC 6455 §5.2
/// (unmasked, no reserved bits or opcodes, control frames short and whole), fragments of one
/// message not interleaved with another's (§5.4), each message the one sent, in order, text
/// valid UTF-8 (§8.1), and pongs carrying a ping's payload (§5.5.3). The first departure is the
/// finding, with the octets around it. Memory is bounded: payloads are capped before they are
/// kept, and only the expected echoes in flight are held.
struct InterleavingChecker {
    /// Messages sent and not yet echoed, in order.
    private(set) var expected: [(opcode: Opcode, payload: [UInt8])] = []
    private var expectedStart = 0
    /// Payloads of the pings sent.
    private var pings: Set<[UInt8]> = []
    private var decoder: FrameDecoder
    private var frame: (head: FrameHead, payload: [UInt8])?
    private var message: (opcode: Opcode, payload: [UInt8])?
    /// The last octets before the chunk being decoded, for the excerpt around a finding.
    private var before: [UInt8] = []
    private var fed: UInt64 = 0
    /// The first departure, in words, with the octets around it.
    private(set) var finding: String?
    /// The server's Close code, when it closed.
    private(set) var closedWith: String?
    /// Pings the server sent, to be answered.
    var serverPings: [[UInt8]] = []
    private(set) var echoes = 0
    private(set) var pongs = 0

    init(maxPayload: Int) {
        decoder = FrameDecoder(sender: .server, allowedReservedBits: [], maxPayloadLength: UInt64(maxPayload))
    }

    var outstanding: Int { expected.count - expectedStart }

    mutating func sent(_ opcode: Opcode, _ payload: [UInt8]) {
        expected.append((opcode, payload))
    }

    mutating func pinged(_ payload: [UInt8]) { pings.insert(payload) }

    /// Decodes `octets`; stops at the first finding or the server's Close.
    mutating func absorb(_ octets: [UInt8]) {
        guard finding == nil, closedWith == nil else { return }
        let start = fed
        for event in decoder.feed(octets) {
            switch event {
            case .head(let head, let violations):
                if let violation = violations.first {
                    return found("\(violation) in a frame header at octet \(head.streamOffset)", at: head.streamOffset, chunk: octets, start: start)
                }
                frame = (head, [])
            case .payload(let chunk):
                frame?.payload += chunk
            case .end:
                guard let (head, payload) = frame else { continue }
                frame = nil
                if let problem = complete(head, payload) { return found(problem, at: head.streamOffset, chunk: octets, start: start) }
                if closedWith != nil { return }
            }
        }
        fed += UInt64(octets.count)
        before = Array((before + octets).suffix(32))
        if expectedStart > 4096 {
            expected.removeFirst(expectedStart)
            expectedStart = 0
        }
    }

    /// One whole frame; a departure in words, or nil.
    private mutating func complete(_ head: FrameHead, _ payload: [UInt8]) -> String? {
        switch head.opcode {
        case .ping:
            serverPings.append(payload)
        case .pong:
            pongs += 1
            // An empty unsolicited pong is a heartbeat (§5.5.3); any other must echo a ping.
            if !payload.isEmpty, !pings.contains(payload) {
                return "a pong whose payload (\(Hex.encode(Array(payload.prefix(16))))) matches no ping sent, at octet \(head.streamOffset)"
            }
        case .close:
            closedWith = ClosePayload.parse(payload).payload.code.map { "\($0.rawValue)" } ?? "no code"
        case .continuation:
            message?.payload += payload
            if head.fin { return delivered() }
        default:
            message = (head.opcode, payload)
            if head.fin { return delivered() }
        }
        return nil
    }

    /// A whole message: the next one expected, unchanged.
    private mutating func delivered() -> String? {
        guard let (opcode, payload) = message else { return nil }
        message = nil
        let index = echoes
        echoes += 1
        guard expectedStart < expected.count else { return "message \(index + 1) came back, but only \(index) were sent" }
        let want = expected[expectedStart]
        expectedStart += 1
        if opcode != want.opcode { return "echo \(index + 1) is \(opcode), the message sent was \(want.opcode)" }
        if opcode == .text, case .invalid(let offset) = UTF8Validator.validate(payload) {
            return "echo \(index + 1) is text that is not UTF-8 at octet \(offset) of \(payload.count): a torn sequence"
        }
        if payload != want.payload {
            let at = zip(payload, want.payload).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(payload.count, want.payload.count)
            let got = Hex.encode(Array(payload.dropFirst(at).prefix(12)))
            let sent = Hex.encode(Array(want.payload.dropFirst(at).prefix(12)))
            return "echo \(index + 1) (\(payload.count) octets) differs from the message sent (\(want.payload.count) octets) from octet \(at): got \(got)…, sent \(sent)…"
        }
        return nil
    }

    private mutating func found(_ what: String, at offset: UInt64, chunk: [UInt8], start: UInt64) {
        // Up to 16 octets before the frame and 24 from it, as received.
        let window = before + chunk
        let position = Int(offset) - Int(start) + before.count
        let low = max(0, min(window.count, position - 16))
        let high = max(low, min(window.count, position + 24))
        // A frame that began in an earlier read has no octets here: its payload says enough.
        finding = high > low ? what + "; octets around it: " + Hex.encode(Array(window[low..<high])) : what
    }
}
