import PerMessageDeflate
import Platform
import Transport
import Wire

/// One connection of a load run, owned by one worker thread: the messages in flight (offset
/// and size in the payload pool, and when each was sent), the decoder of what comes back, and
/// the comparison of each echo with what was sent, octet for octet as it arrives.
final class LoadConnection: @unchecked Sendable {
    // @unchecked: an opener hands it over once; from then on one worker thread uses it.
    /// A message sent and not yet echoed.
    struct Flight {
        var opcode: Opcode
        var offset: Int
        var size: Int
        var sentAt: ContinuousClock.Instant
    }

    /// What a read gave the worker to act on.
    enum Event {
        case echoed(latency: Duration)
        case wrongEcho(String)
        case violation(String)
        case serverClosed(code: UInt16?)
        case ping([UInt8])
        case ended(String)
    }

    let index: Int
    let connection: any Connection
    let descriptor: Int32
    var decoder: FrameDecoder
    var flights: [Flight] = []
    private var flightStart = 0
    var sequence = 0
    /// Octets read with the 101, decoded once the worker adopts the connection.
    var unread: [UInt8] = []
    /// The server's answer when it agreed to permessage-deflate.
    var agreedDeflate: String?
    /// The worker's channel for that answer (fresh contexts both ways: shared by its connections).
    private(set) var deflate: DeflateChannel?
    /// The compressed payload of the message being read, when it came compressed.
    private var compressed: [UInt8]?
    private let maxPayload: Int
    var nextSend: ContinuousClock.Instant
    /// When our Close went out, in the close phase.
    var closeSent: ContinuousClock.Instant?
    private var masks: SplitMix64
    // The frame and message being read.
    private var frameOpcode: Opcode?
    private var control: [UInt8] = []
    private var messageOpcode: Opcode?
    private var matched = 0
    private var mismatch: String?

    init(index: Int, connection: any Connection, descriptor: Int32, maxPayload: Int, firstSend: ContinuousClock.Instant) {
        self.index = index
        self.connection = connection
        self.descriptor = descriptor
        decoder = FrameDecoder(sender: .server, allowedReservedBits: [], maxPayloadLength: UInt64(maxPayload))
        self.maxPayload = maxPayload
        nextSend = firstSend
        var system = SystemRandomNumberGenerator()
        masks = SplitMix64(seed: system.next())
    }

    var inFlight: Int { flights.count - flightStart }

    /// Compresses what it sends and reads RSV1 on the server's messages from now on.
    func use(_ channel: DeflateChannel) {
        deflate = channel
        decoder = FrameDecoder(sender: .server, allowedReservedBits: [.rsv1], maxPayloadLength: UInt64(maxPayload))
    }

    /// The frame octets of the next message, recorded as in flight.
    func nextMessage(pool: PayloadPool, plan: LoadPlan, now: ContinuousClock.Instant) -> [UInt8] {
        let size = plan.size(connection: index, sequence: sequence)
        let opcode: Opcode = sequence % 4 == 0 ? .text : .binary
        let offset = pool.offset(connection: index, sequence: sequence)
        sequence += 1
        flights.append(Flight(opcode: opcode, offset: offset, size: size, sentAt: now))
        let message = Array(pool.block(opcode)[offset..<(offset + size)])
        guard let deflate else { return frame(opcode, message) }
        return frame(opcode, deflate.compress(message), rsv: .rsv1)
    }

    /// A masked frame.
    func frame(_ opcode: Opcode, _ payload: [UInt8], rsv: ReservedBits = []) -> [UInt8] {
        FrameEncoder.encode(
            Frame(fin: true, rsv: rsv, opcode: opcode, maskingKey: MaskingKey(UInt32(truncatingIfNeeded: masks.next())), payload: payload))
    }

    /// When the oldest message in flight was sent.
    var oldestFlight: ContinuousClock.Instant? { inFlight > 0 ? flights[flightStart].sentAt : nil }

    /// Decodes `octets`, checking echoes against the pool; what happened, in order.
    func absorb(_ octets: [UInt8], pool: PayloadPool, now: ContinuousClock.Instant) -> [Event] {
        var events: [Event] = []
        for event in decoder.feed(octets) {
            switch event {
            case .head(let head, let violations):
                if let violation = violations.first { return events + [.violation("\(violation)")] }
                frameOpcode = head.opcode
                control = []
                if head.opcode.startsDataMessage {
                    messageOpcode = head.opcode
                    matched = 0
                    mismatch = nil
                    // RSV1 on a message's first frame: compressed (RFC 7692 §6); the decoder
                    // allows it only where permessage-deflate was agreed.
                    compressed = head.rsv.contains(.rsv1) ? [] : nil
                }
            case .payload(let chunk):
                guard let opcode = frameOpcode else { continue }
                if opcode.isControl {
                    control += chunk.prefix(125 - min(125, control.count))
                } else if compressed != nil {
                    if compressed!.count + chunk.count > maxPayload {
                        mismatch = mismatch ?? "a compressed echo over \(maxPayload) octets"
                    } else {
                        compressed! += chunk
                    }
                } else {
                    compare(chunk, pool: pool)
                }
            case .end:
                guard let opcode = frameOpcode else { continue }
                frameOpcode = nil
                switch opcode {
                case .ping: events.append(.ping(control))
                case .close: events.append(.serverClosed(code: ClosePayload.parse(control).payload.code?.rawValue))
                case .pong: break
                default:
                    // A data frame ended: the message ends with its FIN (the decoder checked the sequence).
                    if decoder.isInsideFragmentedMessage { continue }
                    if let payload = compressed {
                        compressed = nil
                        inflateAndCompare(payload, pool: pool)
                    }
                    events.append(finishMessage(now: now))
                }
            }
        }
        return events
    }

    private func compare(_ chunk: [UInt8], pool: PayloadPool) {
        guard mismatch == nil else { return }
        guard inFlight > 0 else {
            mismatch = "a message came back with none in flight"
            return
        }
        let flight = flights[flightStart]
        guard matched + chunk.count <= flight.size else {
            mismatch = "an echo longer than the \(flight.size) octets sent"
            return
        }
        let block = pool.block(flight.opcode)
        let start = flight.offset + matched
        if !chunk.elementsEqual(block[start..<(start + chunk.count)]) {
            let at = zip(chunk, block[start...]).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
            let number = sequence - inFlight + 1
            let received = Array(chunk[at...].prefix(8))
            let sent = Array(block[(start + at)...].prefix(received.count))
            mismatch =
                "the echo of message \(number) (\(flight.opcode), \(flight.size) octets) differs from octet \(matched + at): "
                + "\(Hex.encode(received)) where \(Hex.encode(sent)) was sent"
        }
        matched += chunk.count
    }

    /// A compressed echo: inflated (at most one octet past the size sent), then compared.
    private func inflateAndCompare(_ payload: [UInt8], pool: PayloadPool) {
        guard mismatch == nil, let deflate, inFlight > 0 else { return }
        switch deflate.decompress(payload, maxOutput: flights[flightStart].size + 1) {
        case .success(let message):
            compare(message, pool: pool)
        case .failure(let failure):
            mismatch = "a compressed echo that does not inflate: \(failure)"
        }
    }

    private func finishMessage(now: ContinuousClock.Instant) -> Event {
        defer { messageOpcode = nil }
        guard inFlight > 0 else { return .wrongEcho("a message came back with none in flight") }
        let flight = flights[flightStart]
        flightStart += 1
        if flightStart > 64 {
            flights.removeFirst(flightStart)
            flightStart = 0
        }
        if let mismatch { return .wrongEcho(mismatch) }
        if messageOpcode != flight.opcode { return .wrongEcho("a \(flight.opcode) message came back as \(messageOpcode.map { "\($0)" } ?? "nothing")") }
        if matched != flight.size { return .wrongEcho("an echo of \(matched) octets for \(flight.size) sent") }
        return .echoed(latency: now - flight.sentAt)
    }
}
