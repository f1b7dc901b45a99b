/// Which endpoint sent the octets being decoded; masking rules differ, RFC 6455 §5.1.
public enum EndpointRole: String, Hashable, Sendable {
    case client
    case server
}

/// A decoded frame header, RFC 6455 §5.2, with where it was found.
public struct FrameHead: Hashable, Sendable {
    public var fin: Bool
    public var rsv: ReservedBits
    public var opcode: Opcode
    public var maskingKey: MaskingKey?
    /// The payload length the header declares (it may be huge; nothing is allocated for it).
    public var payloadLength: UInt64
    /// Octets in the header: 2, plus 2 or 8 for an extended length, plus 4 for a key.
    public var headerLength: Int
    /// Offset in the stream of the header's first octet.
    public var streamOffset: UInt64
}

/// What the decoder saw, in stream order.
public enum FrameDecoderEvent: Hashable, Sendable {
    /// A complete header and the rules it breaks (empty when none).
    case head(FrameHead, [Violation])
    /// The next unmasked payload octets of the current frame.
    case payload([UInt8])
    /// The current frame's last payload octet arrived (also sent for empty payloads).
    case end
}

/// An incremental, lenient frame decoder: an explicit state machine that resumes at any
/// byte boundary (header, extended length, key or payload), so the same stream gives the same
/// events however TCP chops it.
///
/// It reports rule breaks as `Violation`s and goes on decoding. It holds at most one partial
/// header (≤ 14 octets) between calls; payload octets are passed on as they arrive, so a peer
/// that declares 2^63 octets costs nothing until it sends them.
public struct FrameDecoder: Sendable {
    /// Who sent the stream; decides the masking rule, RFC 6455 §5.1.
    public let sender: EndpointRole
    /// RSV bits that a negotiated extension defines (RSV1 under permessage-deflate).
    public let allowedReservedBits: ReservedBits
    /// Payload lengths above this are reported as `.payloadOverCap`.
    public let maxPayloadLength: UInt64

    private enum State: Sendable {
        case header
        case payload(head: FrameHead, remaining: UInt64, offset: UInt64)
    }

    private var state: State = .header
    private var pending: [UInt8] = []
    private var streamOffset: UInt64 = 0
    private var messageInProgress = false

    public init(sender: EndpointRole, allowedReservedBits: ReservedBits = [], maxPayloadLength: UInt64 = 64 << 20) {
        self.sender = sender
        self.allowedReservedBits = allowedReservedBits
        self.maxPayloadLength = maxPayloadLength
        pending.reserveCapacity(14)
    }

    /// Total octets consumed so far.
    public var offset: UInt64 { streamOffset }

    /// True while a fragmented data message has started and not finished, RFC 6455 §5.4.
    public var isInsideFragmentedMessage: Bool { messageInProgress }

    /// True when no frame is partly decoded: the stream could end here cleanly.
    public var isAtFrameBoundary: Bool {
        if case .header = state { return pending.isEmpty }
        return false
    }

    /// Consumes `bytes` and returns the events they complete.
    public mutating func feed(_ bytes: [UInt8]) -> [FrameDecoderEvent] {
        var events: [FrameDecoderEvent] = []
        bytes.withUnsafeBufferPointer { feed($0, into: &events) }
        return events
    }

    /// Consumes `bytes`, appending the events they complete to `events`.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [FrameDecoderEvent]) {
        var index = 0
        while index < bytes.count {
            switch state {
            case .header:
                let needed = Self.headerLength(of: pending, nextByte: bytes[index])
                let take = min(needed - pending.count, bytes.count - index)
                pending.append(contentsOf: bytes[index..<index + take])
                index += take
                streamOffset += UInt64(take)
                if pending.count == needed, Self.headerLength(of: pending, nextByte: nil) == needed {
                    startFrame(into: &events)
                }
            case .payload(let head, let remaining, let offset):
                let take = Int(min(remaining, UInt64(bytes.count - index)))
                var chunk = Array(bytes[index..<index + take])
                if let key = head.maskingKey {
                    key.apply(to: &chunk, range: 0..<chunk.count, payloadOffset: offset)
                }
                index += take
                streamOffset += UInt64(take)
                events.append(.payload(chunk))
                if remaining == UInt64(take) {
                    events.append(.end)
                    state = .header
                } else {
                    state = .payload(head: head, remaining: remaining - UInt64(take), offset: offset + UInt64(take))
                }
            }
        }
    }

    /// Header octets needed given what is known so far (2 until the second octet is seen).
    private static func headerLength(of pending: [UInt8], nextByte: UInt8?) -> Int {
        let second: UInt8
        if pending.count >= 2 {
            second = pending[1]
        } else if pending.count == 1, let nextByte {
            second = nextByte
        } else {
            return 2
        }
        let lengthBytes: Int
        switch second & 0x7F {
        case 126: lengthBytes = 2
        case 127: lengthBytes = 8
        default: lengthBytes = 0
        }
        return 2 + lengthBytes + (second & 0x80 != 0 ? 4 : 0)
    }

    private mutating func startFrame(into events: inout [FrameDecoderEvent]) {
        let first = pending[0]
        let second = pending[1]
        let start = streamOffset - UInt64(pending.count)
        var length = UInt64(second & 0x7F)
        var cursor = 2
        var violations: [Violation] = []
        if length == 126 {
            length = UInt64(pending[2]) << 8 | UInt64(pending[3])
            cursor = 4
            if length < 126 {
                violations.append(Violation(.nonMinimalLength(declared: length, headerBytes: 2), at: start))
            }
        } else if length == 127 {
            length = pending[2..<10].reduce(0) { $0 << 8 | UInt64($1) }
            cursor = 10
            if length >> 63 != 0 {
                violations.append(Violation(.lengthMostSignificantBitSet, at: start))
            } else if length <= 0xFFFF {
                violations.append(Violation(.nonMinimalLength(declared: length, headerBytes: 8), at: start))
            }
        }
        var key: MaskingKey?
        if second & 0x80 != 0 {
            key = MaskingKey(pending[cursor], pending[cursor + 1], pending[cursor + 2], pending[cursor + 3])
        }
        let head = FrameHead(
            fin: first & 0x80 != 0, rsv: ReservedBits(rawValue: first), opcode: Opcode(rawValue: first),
            maskingKey: key, payloadLength: length, headerLength: pending.count, streamOffset: start)
        violations += judge(head)
        pending.removeAll(keepingCapacity: true)
        events.append(.head(head, violations))
        if length == 0 {
            events.append(.end)
        } else {
            state = .payload(head: head, remaining: length, offset: 0)
        }
    }

    /// The per-frame rules of RFC 6455 §5 and RFC 7692 §6.1, and the fragmentation state.
    private mutating func judge(_ head: FrameHead) -> [Violation] {
        var rules: [Violation.Rule] = []
        switch (sender, head.maskingKey) {
        case (.client, nil): rules.append(.unmaskedClientFrame)
        case (.server, .some): rules.append(.maskedServerFrame)
        default: break
        }
        let unexpected = head.rsv.subtracting(allowedReservedBits)
        if !unexpected.isEmpty { rules.append(.reservedBitsWithoutExtension(unexpected)) }
        if allowedReservedBits.contains(.rsv1), head.rsv.contains(.rsv1) {
            if head.opcode.isControl { rules.append(.compressedControlFrame) }
            if head.opcode == .continuation { rules.append(.compressedContinuationFrame) }
        }
        if head.opcode.isReserved { rules.append(.reservedOpcode(head.opcode)) }
        if head.opcode.isControl {
            if head.payloadLength > 125 { rules.append(.controlFrameTooLong(head.payloadLength)) }
            if !head.fin { rules.append(.fragmentedControlFrame) }
        } else if head.opcode == .continuation {
            if !messageInProgress { rules.append(.continuationWithoutStart) }
            if head.fin { messageInProgress = false }
        } else if head.opcode.startsDataMessage {
            if messageInProgress { rules.append(.dataFrameInsideFragmentedMessage(head.opcode)) }
            messageInProgress = !head.fin
        }
        if head.payloadLength > maxPayloadLength {
            rules.append(.payloadOverCap(declared: head.payloadLength, cap: maxPayloadLength))
        }
        return rules.map { Violation($0, at: head.streamOffset) }
    }
}
