/// The body of a Close frame, RFC 6455 §5.5.1: nothing, or a 2-byte status code in network
/// byte order followed by a reason.
///
/// The reason is kept as raw bytes, not a `String`, so a case can send a reason that is not
/// UTF-8 and a judge can see exactly what a peer sent.
public struct ClosePayload: Hashable, Sendable {
    /// The status code, RFC 6455 §7.4; nil for an empty body.
    public var code: CloseCode?
    /// The reason bytes after the code; meant to be UTF-8 (RFC 6455 §5.5.1), not guaranteed.
    public var reason: [UInt8]

    /// A body with `code` and raw `reason` bytes.
    public init(code: CloseCode?, reason: [UInt8] = []) {
        self.code = code
        self.reason = reason
    }

    /// A body with `code` and a reason given as text (encoded as UTF-8).
    public init(code: CloseCode, reason: String) {
        self.init(code: code, reason: Array(reason.utf8))
    }

    /// The largest reason that fits a control frame: 125 - 2, RFC 6455 §5.5.
    public static let maxReasonLength = 123

    /// The reason as text, or nil when the bytes are not valid UTF-8 (RFC 3629).
    public var reasonText: String? {
        guard UTF8Validator.validate(reason) == .valid else { return nil }
        return String(decoding: reason, as: UTF8.self)
    }

    /// The wire bytes: empty when `code` is nil (the reason is then dropped, as a body without
    /// a code cannot carry one, RFC 6455 §5.5.1), otherwise the code big-endian and the reason.
    ///
    /// Total: a reason longer than `maxReasonLength` is encoded as given, so a case can send an
    /// oversized Close frame; the frame layer decides what to do with it.
    public func encoded() -> [UInt8] {
        guard let code else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + reason.count)
        bytes.append(UInt8(truncatingIfNeeded: code.rawValue >> 8))
        bytes.append(UInt8(truncatingIfNeeded: code.rawValue))
        bytes.append(contentsOf: reason)
        return bytes
    }

    /// Reads a Close frame body leniently: it always returns a payload, and lists the rules of
    /// RFC 6455 §5.5, §5.5.1 and §7.4 that the body breaks as data for the judge.
    public static func parse(_ payload: [UInt8]) -> ClosePayloadParse {
        var problems: [ClosePayloadProblem] = []
        if payload.count > 125 { problems.append(.tooLong(payload.count)) }
        switch payload.count {
        case 0:
            return ClosePayloadParse(payload: ClosePayload(code: nil), problems: problems)
        case 1:
            problems.append(.oneByteBody)
            return ClosePayloadParse(payload: ClosePayload(code: nil), problems: problems)
        default:
            let code = CloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
            let body = ClosePayload(code: code, reason: Array(payload[2...]))
            if !code.mayBeSentInCloseFrame { problems.append(.codeNotAllowed(code)) }
            if case .invalid(let offset) = UTF8Validator.validate(body.reason) {
                problems.append(.reasonNotUTF8(offset: offset))
            }
            return ClosePayloadParse(payload: body, problems: problems)
        }
    }
}

/// A rule of RFC 6455 that a Close frame body breaks.
public enum ClosePayloadProblem: Hashable, Sendable {
    /// A 1-byte body: a body, if present, starts with a 2-byte status code, RFC 6455 §5.5.1.
    case oneByteBody
    /// A status code no endpoint may send (1005, 1006, 1015, 0–999, ≥ 5000, …), RFC 6455 §7.4.
    case codeNotAllowed(CloseCode)
    /// The reason is not UTF-8, RFC 6455 §5.5.1 ("the data MUST be UTF-8-encoded"); `offset`
    /// counts from the first reason byte, and equals the reason length when it is truncated.
    case reasonNotUTF8(offset: Int)
    /// The whole body is over 125 bytes, the control frame limit of RFC 6455 §5.5.
    case tooLong(Int)

    /// The RFC section that states the rule.
    public var section: String {
        switch self {
        case .oneByteBody, .reasonNotUTF8: return "RFC 6455 §5.5.1"
        case .codeNotAllowed: return "RFC 6455 §7.4"
        case .tooLong: return "RFC 6455 §5.5"
        }
    }
}

/// What `ClosePayload.parse` found: the body as read, and the rules it breaks.
public struct ClosePayloadParse: Hashable, Sendable {
    /// The body as read; for a 1-byte body, one without a code (the stray byte is dropped).
    public var payload: ClosePayload
    /// The broken rules, in the order: length, shape, code, reason. Empty when conforming.
    public var problems: [ClosePayloadProblem]

    public init(payload: ClosePayload, problems: [ClosePayloadProblem]) {
        self.payload = payload
        self.problems = problems
    }

    /// True when the body breaks no rule.
    public var isConforming: Bool { problems.isEmpty }
}
