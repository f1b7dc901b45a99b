/// A frame as decoded from the wire: the frame, its header facts, and the rules it broke.
public struct DecodedFrame: Hashable, Sendable, CustomStringConvertible {
    public var frame: Frame
    public var head: FrameHead
    public var violations: [Violation]
    /// True when the declared length was over the cap and the payload octets were dropped
    /// (counted, not kept), so `frame.payload` is empty.
    public var payloadDropped: Bool

    public var description: String {
        var text = frame.description + " @\(head.streamOffset)"
        if payloadDropped { text += " (payload of \(head.payloadLength) dropped)" }
        if !violations.isEmpty { text += " violations: " + violations.map(\.description).joined(separator: "; ") }
        return text
    }
}

/// Collects `FrameDecoder` events into whole frames, for code that wants frames rather than
/// a stream (clients, tests, transcripts).
///
/// Memory is bounded by the decoder's cap: a frame declared over it keeps no payload.
public struct FrameAssembler: Sendable {
    public private(set) var decoder: FrameDecoder
    private var current: (head: FrameHead, violations: [Violation], dropping: Bool)?
    private var payload: [UInt8] = []

    public init(decoder: FrameDecoder) { self.decoder = decoder }

    /// Consumes `bytes` and returns the frames they complete.
    public mutating func feed(_ bytes: [UInt8]) -> [DecodedFrame] {
        var frames: [DecodedFrame] = []
        for event in decoder.feed(bytes) {
            switch event {
            case .head(let head, let violations):
                let dropping = head.payloadLength > decoder.maxPayloadLength
                current = (head, violations, dropping)
                payload = []
                if !dropping { payload.reserveCapacity(Int(min(head.payloadLength, 1 << 20))) }
            case .payload(let chunk):
                if current?.dropping == false { payload.append(contentsOf: chunk) }
            case .end:
                guard let (head, violations, dropping) = current else { continue }
                let frame = Frame(
                    fin: head.fin, rsv: head.rsv, opcode: head.opcode, maskingKey: head.maskingKey, payload: payload)
                frames.append(DecodedFrame(frame: frame, head: head, violations: violations, payloadDropped: dropping))
                current = nil
                payload = []
            }
        }
        return frames
    }

    /// Payload octets of the frame in progress received so far (for transcripts of a cut-off frame).
    public var partialPayloadCount: Int { payload.count }

    /// True when no frame is partly received.
    public var isAtFrameBoundary: Bool { decoder.isAtFrameBoundary }
}
