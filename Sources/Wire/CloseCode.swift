/// A close status code, RFC 6455 §7.4: the first two octets of a Close frame body, in network
/// byte order (§5.5.1).
///
/// An open set, not an enum: a conformance tool must send and recognise codes that no endpoint
/// may use (1005, 1015, 999, 5000) to check that peers reject them, and any 16-bit value can
/// arrive on the wire.
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 16-bit status code.
    public let rawValue: UInt16

    /// Any 16-bit value is a close code value; whether it may be sent is `mayBeSentInCloseFrame`.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// One table of named members, so the name and number can never drift apart.
    /// RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number Registry" (§11.7).
    private static let names: [UInt16: String] = [
        1000: "normalClosure", 1001: "goingAway", 1002: "protocolError", 1003: "unsupportedData",
        1004: "reserved1004", 1005: "noStatusReceived", 1006: "abnormalClosure",
        1007: "invalidFramePayloadData", 1008: "policyViolation", 1009: "messageTooBig",
        1010: "mandatoryExtension", 1011: "internalError", 1012: "serviceRestart",
        1013: "tryAgainLater", 1014: "badGateway", 1015: "tlsHandshake",
    ]

    /// 1000 normal closure: the purpose of the connection was fulfilled, RFC 6455 §7.4.1.
    public static let normalClosure = CloseCode(rawValue: 1000)
    /// 1001 going away: server shutting down or browser leaving the page, RFC 6455 §7.4.1.
    public static let goingAway = CloseCode(rawValue: 1001)
    /// 1002 protocol error, RFC 6455 §7.4.1.
    public static let protocolError = CloseCode(rawValue: 1002)
    /// 1003 unsupported data: a data type the endpoint cannot accept, RFC 6455 §7.4.1.
    public static let unsupportedData = CloseCode(rawValue: 1003)
    /// 1004 reserved, meaning to be defined, RFC 6455 §7.4.1; never sent.
    public static let reserved1004 = CloseCode(rawValue: 1004)
    /// 1005 no status code was present, RFC 6455 §7.4.1; for APIs only, MUST NOT be sent.
    public static let noStatusReceived = CloseCode(rawValue: 1005)
    /// 1006 closed without a Close frame, RFC 6455 §7.4.1; for APIs only, MUST NOT be sent.
    public static let abnormalClosure = CloseCode(rawValue: 1006)
    /// 1007 message data inconsistent with its type, e.g. non-UTF-8 text, RFC 6455 §7.4.1.
    public static let invalidFramePayloadData = CloseCode(rawValue: 1007)
    /// 1008 policy violation: a generic refusal, RFC 6455 §7.4.1.
    public static let policyViolation = CloseCode(rawValue: 1008)
    /// 1009 message too big to process, RFC 6455 §7.4.1.
    public static let messageTooBig = CloseCode(rawValue: 1009)
    /// 1010 mandatory extension: sent by a client the server did not negotiate with, RFC 6455 §7.4.1.
    public static let mandatoryExtension = CloseCode(rawValue: 1010)
    /// 1011 internal error ("Internal Error" in the IANA registry), RFC 6455 §7.4.1 and §11.7.
    public static let internalError = CloseCode(rawValue: 1011)
    /// 1012 service restart, IANA WebSocket Close Code Number Registry (RFC 6455 §11.7).
    public static let serviceRestart = CloseCode(rawValue: 1012)
    /// 1013 try again later, IANA WebSocket Close Code Number Registry (RFC 6455 §11.7).
    public static let tryAgainLater = CloseCode(rawValue: 1013)
    /// 1014 bad gateway, IANA WebSocket Close Code Number Registry (RFC 6455 §11.7).
    public static let badGateway = CloseCode(rawValue: 1014)
    /// 1015 TLS handshake failure, RFC 6455 §7.4.1; for APIs only, MUST NOT be sent.
    public static let tlsHandshake = CloseCode(rawValue: 1015)

    /// The member name for a named code (`"protocolError"`), nil for any other value.
    public var name: String? { Self.names[rawValue] }

    /// The range the code falls in, RFC 6455 §7.4.2.
    public var category: CloseCodeRange { CloseCodeRange(rawValue) }

    /// Whether an endpoint may put this code in a Close frame, RFC 6455 §7.4.
    ///
    /// Allowed: the codes in use of §7.4.1 (1000–1003, 1007–1011), the later IANA registrations
    /// 1012–1014, and the 3000–4999 ranges of §7.4.2. Not allowed: 0–999 ("not used"),
    /// 1004–1006 and 1015 (reserved / "MUST NOT be set as a status code in a Close control
    /// frame"), the unassigned rest of 1000–2999, and 5000 and above (outside §7.4.2's ranges).
    /// RFC 6455 gives the receiver no explicit rule; test suites (Autobahn 7.9.*) expect a
    /// receiver to fail the connection with 1002 on a forbidden code.
    public var mayBeSentInCloseFrame: Bool {
        switch rawValue {
        case 1000...1003, 1007...1011, 1012...1014, 3000...4999: return true
        default: return false
        }
    }

    public var description: String {
        "\(name ?? String(describing: category))(\(rawValue))"
    }
}

/// The ranges of close status codes, RFC 6455 §7.4.2.
public enum CloseCodeRange: String, Hashable, Sendable, CaseIterable {
    /// 0–999: "not used", RFC 6455 §7.4.2.
    case belowRange
    /// 1000–2999: reserved for this protocol, its revisions and extensions (permanent,
    /// publicly specified), RFC 6455 §7.4.2.
    case protocolDefined
    /// 3000–3999: for libraries, frameworks and applications, registered with IANA first come
    /// first served, RFC 6455 §7.4.2.
    case registeredLibraries
    /// 4000–4999: private use by prior agreement, not registered, RFC 6455 §7.4.2.
    case privateUse
    /// 5000–65535: outside every range RFC 6455 §7.4.2 defines.
    case aboveRange

    /// The range that contains `code`.
    public init(_ code: UInt16) {
        switch code {
        case 0..<1000: self = .belowRange
        case 1000..<3000: self = .protocolDefined
        case 3000..<4000: self = .registeredLibraries
        case 4000..<5000: self = .privateUse
        default: self = .aboveRange
        }
    }

    /// The codes in the range.
    public var codes: ClosedRange<UInt16> {
        switch self {
        case .belowRange: return 0...999
        case .protocolDefined: return 1000...2999
        case .registeredLibraries: return 3000...3999
        case .privateUse: return 4000...4999
        case .aboveRange: return 5000...UInt16.max
        }
    }
}
