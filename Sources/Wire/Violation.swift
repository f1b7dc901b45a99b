/// A rule of RFC 6455 or RFC 7692 that the peer broke, observed on the wire.
///
/// Peer misbehaviour is data, not an error: the decoder records a violation and keeps
/// decoding, and the judge (a case's expectation, the reference server) decides what it means.
public struct Violation: Hashable, Sendable, CustomStringConvertible {
    /// Which rule was broken, with the values that show how.
    public enum Rule: Hashable, Sendable {
        /// A client frame without the MASK bit, RFC 6455 §5.1 ("MUST mask all frames").
        case unmaskedClientFrame
        /// A server frame with the MASK bit, RFC 6455 §5.1 ("MUST NOT mask any frames").
        case maskedServerFrame
        /// RSV bits set that no negotiated extension defines, RFC 6455 §5.2.
        case reservedBitsWithoutExtension(ReservedBits)
        /// RSV1 on a control frame under permessage-deflate, RFC 7692 §6.1.
        case compressedControlFrame
        /// RSV1 on a continuation frame under permessage-deflate, RFC 7692 §6.1.
        case compressedContinuationFrame
        /// An opcode from the reserved ranges %x3–7 / %xB–F, RFC 6455 §5.2.
        case reservedOpcode(Opcode)
        /// A control frame whose payload exceeds 125 bytes, RFC 6455 §5.5.
        case controlFrameTooLong(UInt64)
        /// A control frame with FIN clear, RFC 6455 §5.5 ("MUST NOT be fragmented").
        case fragmentedControlFrame
        /// A length written in more bytes than needed, RFC 6455 §5.2 ("the minimal number of bytes").
        case nonMinimalLength(declared: UInt64, headerBytes: Int)
        /// A 64-bit length with its most significant bit set, RFC 6455 §5.2.
        case lengthMostSignificantBitSet
        /// A continuation frame with no message in progress, RFC 6455 §5.4.
        case continuationWithoutStart
        /// A text or binary frame while a fragmented message is unfinished, RFC 6455 §5.4.
        case dataFrameInsideFragmentedMessage(Opcode)
        /// A declared payload length above the decoder's cap; the octets are streamed, never
        /// buffered whole (RFC 6455 §10.4: implementations SHOULD impose limits).
        case payloadOverCap(declared: UInt64, cap: UInt64)
    }

    /// The broken rule.
    public var rule: Rule
    /// Offset in the byte stream of the first octet of the frame that broke it.
    public var streamOffset: UInt64

    public init(_ rule: Rule, at streamOffset: UInt64) {
        self.rule = rule
        self.streamOffset = streamOffset
    }

    /// The RFC section that states the rule.
    public var section: String {
        switch rule {
        case .unmaskedClientFrame, .maskedServerFrame: return "RFC 6455 §5.1"
        case .reservedBitsWithoutExtension, .reservedOpcode, .nonMinimalLength,
            .lengthMostSignificantBitSet:
            return "RFC 6455 §5.2"
        case .compressedControlFrame, .compressedContinuationFrame: return "RFC 7692 §6.1"
        case .controlFrameTooLong, .fragmentedControlFrame: return "RFC 6455 §5.5"
        case .continuationWithoutStart, .dataFrameInsideFragmentedMessage: return "RFC 6455 §5.4"
        case .payloadOverCap: return "RFC 6455 §10.4"
        }
    }

    public var description: String {
        let what: String
        switch rule {
        case .unmaskedClientFrame: what = "unmasked client frame"
        case .maskedServerFrame: what = "masked server frame"
        case .reservedBitsWithoutExtension(let bits): what = "\(bits) without a negotiated extension"
        case .compressedControlFrame: what = "RSV1 on a control frame"
        case .compressedContinuationFrame: what = "RSV1 on a continuation frame"
        case .reservedOpcode(let opcode): what = "reserved opcode \(opcode)"
        case .controlFrameTooLong(let length): what = "control frame payload of \(length) bytes (> 125)"
        case .fragmentedControlFrame: what = "fragmented control frame"
        case .nonMinimalLength(let length, let bytes):
            what = "length \(length) written in \(bytes) extended bytes"
        case .lengthMostSignificantBitSet: what = "64-bit length with the most significant bit set"
        case .continuationWithoutStart: what = "continuation frame without a message in progress"
        case .dataFrameInsideFragmentedMessage(let opcode):
            what = "\(opcode) frame inside an unfinished fragmented message"
        case .payloadOverCap(let declared, let cap): what = "declared length \(declared) over the cap of \(cap)"
        }
        return "\(what) at offset \(streamOffset) (\(section))"
    }
}
