import Wire

/// A rule of RFC 6455 (or RFC 7692, under permessage-deflate) a fuzz input can break, named
/// in the RFC's words, with what a server must do about it. The raw value is a stable name
/// used in finding signatures.
public enum Rule: String, Hashable, Sendable, CaseIterable, Codable {
    /// A client frame without the MASK bit: "a client MUST mask all frames", and "a server
    /// MUST close the connection upon receiving a frame that is not masked", RFC 6455 §5.1.
    case unmaskedFrame = "unmasked-frame"
    /// RSV bits set that no negotiated extension defines: "MUST be 0 unless an extension is
    /// negotiated"; the receiver "MUST _Fail the WebSocket Connection_", RFC 6455 §5.2.
    case reservedBitsWithoutExtension = "reserved-bits"
    /// An opcode from %x3–7 or %xB–F: "if an unknown opcode is received, the receiving
    /// endpoint MUST _Fail the WebSocket Connection_", RFC 6455 §5.2.
    case reservedOpcode = "reserved-opcode"
    /// A length written in more octets than needed: "the minimal number of bytes MUST be used
    /// to encode the length", RFC 6455 §5.2. The MUST binds the sender; the RFC states no
    /// receiver action, so failing the connection is allowed, not required (the reference
    /// server fails it with 1002; `OracleOptions.lenient` accepts servers that read on).
    case nonMinimalLength = "non-minimal-length"
    /// A 64-bit length with the most significant bit set ("the most significant bit MUST be
    /// 0"), RFC 6455 §5.2.
    case lengthMostSignificantBitSet = "length-msb-set"
    /// A control frame with more than 125 payload octets: "All control frames MUST have a
    /// payload length of 125 bytes or less", RFC 6455 §5.5.
    case controlFrameTooLong = "control-frame-too-long"
    /// A control frame with FIN clear: "Control frames ... MUST NOT be fragmented", RFC 6455 §5.5.
    case fragmentedControlFrame = "fragmented-control-frame"
    /// A continuation frame with no message in progress, RFC 6455 §5.4.
    case continuationWithoutStart = "continuation-without-start"
    /// A text or binary frame while a fragmented message is unfinished: "fragments of one
    /// message MUST NOT be interleaved between fragments of another", RFC 6455 §5.4.
    case dataFrameInsideFragmentedMessage = "data-frame-inside-fragmented-message"
    /// A text message that is not UTF-8: "the endpoint MUST _Fail the WebSocket Connection_",
    /// RFC 6455 §8.1, with 1007 (§7.4.1).
    case invalidUTF8Text = "invalid-utf8-text"
    /// A Close body of one octet: a body "MUST start with a two-byte unsigned integer",
    /// RFC 6455 §5.5.1.
    case closeBodyOneByte = "close-body-one-byte"
    /// A Close code no endpoint may send (0–999, 1004–1006, 1015, unassigned, ≥ 5000),
    /// RFC 6455 §7.4.1–§7.4.2.
    case closeCodeNotAllowed = "close-code-not-allowed"
    /// A Close reason that is not UTF-8 ("the data MUST be UTF-8-encoded"), RFC 6455 §5.5.1.
    case closeReasonNotUTF8 = "close-reason-not-utf8"
    /// A message over the server's size limit, RFC 6455 §10.4 (limits SHOULD be imposed;
    /// 1009, §7.4.1). A limit is the server's choice, so lenient checking ignores it.
    case messageTooBig = "message-too-big"
    /// RSV1, the "Per-Message Compressed" bit, on a control frame or a continuation once
    /// permessage-deflate is agreed: "An endpoint MUST NOT set the Per-Message Compressed bit
    /// of control frames and non-first fragments of a data message. An endpoint receiving such
    /// a frame MUST _Fail the WebSocket Connection_", RFC 7692 §6.1.
    case compressedBitMisplaced = "compressed-bit-misplaced"
    /// A compressed message whose payload, with `00 00 ff ff` appended, is not DEFLATE data
    /// (RFC 7692 §7.2.2, RFC 1951): the server cannot recover the message and must fail the
    /// connection, with 1002 (a protocol error) or 1007 (data inconsistent with the message,
    /// RFC 6455 §7.4.1) — the reference server answers 1002, the engine's observer 1007.
    case invalidCompressedData = "invalid-deflate-data"
    /// A compressed message that refers back beyond all the data the server has inflated (or,
    /// under client_no_context_takeover, beyond the message itself): RFC 7692 §7.2.2 has the
    /// server inflate with the window of the messages before; the data is not there, so the
    /// message cannot be inflated and the connection must fail (1002 or 1007).
    case deflateDistanceTooFar = "deflate-distance-too-far"
    /// A compressed message that does not end on a DEFLATE block boundary once `00 00 ff ff`
    /// is appended: RFC 7692 §7.2.1 has the sender end every message with a flushed block, and
    /// states no receiver action, so a server may fail (1002 or 1007) or deliver what it
    /// inflated (`OracleOptions.failsUnterminatedDeflate`).
    case deflateUnterminated = "deflate-unterminated"
    /// A request head that is not HTTP/1.1 syntax (RFC 9112 §2.2, §5): refuse with 400.
    case handshakeMalformed = "handshake-malformed"
    /// A request that breaks RFC 6455 §4.2.1 (method, version, Host, Upgrade, Connection,
    /// key): "the server MUST stop processing the client's handshake and return an HTTP
    /// response with an appropriate error code (such as 400 Bad Request)".
    case handshakeRequest = "handshake-request"
    /// A `Sec-WebSocket-Version` other than 13: 426 Upgrade Required with the supported
    /// version, RFC 6455 §4.2.2 item 4 and §4.4.
    case handshakeVersion = "handshake-version"
    /// A request head over the server's limit: 431, RFC 6585 §5 (the limit is the server's).
    case handshakeTooLarge = "handshake-too-large"
    /// A request line or field ending in a bare LF: RFC 9112 §2.2 lets a server accept it or
    /// refuse; only the strict-server alternative refuses.
    case bareLineFeed = "handshake-bare-lf"

    /// The section that states the rule.
    public var section: String {
        switch self {
        case .unmaskedFrame: return "RFC 6455 §5.1"
        case .reservedBitsWithoutExtension, .reservedOpcode, .nonMinimalLength, .lengthMostSignificantBitSet: return "RFC 6455 §5.2"
        case .controlFrameTooLong, .fragmentedControlFrame: return "RFC 6455 §5.5"
        case .continuationWithoutStart, .dataFrameInsideFragmentedMessage: return "RFC 6455 §5.4"
        case .invalidUTF8Text: return "RFC 6455 §8.1"
        case .closeBodyOneByte, .closeReasonNotUTF8: return "RFC 6455 §5.5.1"
        case .closeCodeNotAllowed: return "RFC 6455 §7.4"
        case .messageTooBig: return "RFC 6455 §10.4"
        case .handshakeMalformed, .bareLineFeed: return "RFC 9112 §2.2"
        case .handshakeRequest: return "RFC 6455 §4.2.1"
        case .handshakeVersion: return "RFC 6455 §4.4"
        case .handshakeTooLarge: return "RFC 6585 §5"
        case .compressedBitMisplaced: return "RFC 7692 §6.1"
        case .invalidCompressedData, .deflateDistanceTooFar: return "RFC 7692 §7.2.2"
        case .deflateUnterminated: return "RFC 7692 §7.2.1"
        }
    }

    /// True for the rules of the opening handshake, answered with an HTTP status.
    public var isHandshakeRule: Bool { expectedStatus != nil }

    /// The HTTP status a server refuses with (any 4xx is accepted, RFC 6455 §4.2.1 says
    /// "such as"); nil for frame rules.
    public var expectedStatus: Int? {
        switch self {
        case .handshakeMalformed, .handshakeRequest, .bareLineFeed: return 400
        case .handshakeVersion: return 426
        case .handshakeTooLarge: return 431
        default: return nil
        }
    }

    /// The close codes a server may fail the connection with (a TCP close without a Close
    /// frame is also allowed, RFC 6455 §7.1.7); empty for handshake rules.
    public var closeCodes: [CloseCode] {
        switch self {
        case .invalidUTF8Text: return [.invalidFramePayloadData]
        // The reason is "data inconsistent with its type" (1007), or a malformed Close (1002).
        case .closeReasonNotUTF8: return [.invalidFramePayloadData, .protocolError]
        case .messageTooBig: return [.messageTooBig]
        // Data the extension cannot turn back into the message: a protocol error, or data
        // inconsistent with the message (RFC 6455 §7.4.1).
        case .invalidCompressedData, .deflateDistanceTooFar, .deflateUnterminated: return [.protocolError, .invalidFramePayloadData]
        // An absurd length may also be taken as too big.
        case .lengthMostSignificantBitSet: return [.protocolError, .messageTooBig]
        case .handshakeMalformed, .handshakeRequest, .handshakeVersion, .handshakeTooLarge, .bareLineFeed: return []
        default: return [.protocolError]
        }
    }
}
