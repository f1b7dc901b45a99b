import Wire

/// The four extension parameters of permessage-deflate, RFC 7692 §7.1, as an offer or a
/// response states them.
///
/// A value type with no opinions: it holds what was written (or is to be written), so a fuzzer
/// can format offers a library would refuse to build, and the negotiation helpers judge it.
public struct PerMessageDeflateParameters: Hashable, Sendable, CustomStringConvertible {
    /// The registered extension token, RFC 7692 §7.
    public static let extensionName = "permessage-deflate"

    /// LZ77 window sizes a peer may state: "a decimal integer value without leading zeroes
    /// between 8 to 15, inclusive", RFC 7692 §7.1.2.1 and §7.1.2.2.
    public static let windowBitsRange = 8...15

    /// The parameter names, one table with each one's section, RFC 7692 §7.1.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        /// RFC 7692 §7.1.1.1; never has a value.
        case serverNoContextTakeover = "server_no_context_takeover"
        /// RFC 7692 §7.1.1.2; never has a value.
        case clientNoContextTakeover = "client_no_context_takeover"
        /// RFC 7692 §7.1.2.1; always has a value.
        case serverMaxWindowBits = "server_max_window_bits"
        /// RFC 7692 §7.1.2.2; a value is optional in an offer and required in a response.
        case clientMaxWindowBits = "client_max_window_bits"

        /// The RFC section that defines the parameter.
        public var section: String {
            switch self {
            case .serverNoContextTakeover: return "RFC 7692 §7.1.1.1"
            case .clientNoContextTakeover: return "RFC 7692 §7.1.1.2"
            case .serverMaxWindowBits: return "RFC 7692 §7.1.2.1"
            case .clientMaxWindowBits: return "RFC 7692 §7.1.2.2"
            }
        }
    }

    /// `client_max_window_bits`, which in an offer may carry no value: the client then only
    /// says it supports a response limiting its window, RFC 7692 §7.1.2.2.
    public enum ClientMaxWindowBits: Hashable, Sendable {
        /// Written without a value (legal in an offer only).
        case supported
        /// Written with a value: the client's window will be at most 2^bits octets.
        case limit(Int)

        /// The stated window bits, nil for the valueless form.
        public var bits: Int? {
            if case .limit(let bits) = self { return bits }
            return nil
        }
    }

    /// Where parameters appear; `client_max_window_bits` without a value is legal only in an
    /// offer, RFC 7692 §7.1.2.2.
    public enum Usage: Hashable, Sendable {
        case offer
        case response
    }

    /// The server will not take over LZ77 context between messages, RFC 7692 §7.1.1.1.
    public var serverNoContextTakeover: Bool
    /// The client will not take over LZ77 context between messages, RFC 7692 §7.1.1.2.
    public var clientNoContextTakeover: Bool
    /// The server's LZ77 window limit in bits, RFC 7692 §7.1.2.1.
    public var serverMaxWindowBits: Int?
    /// The client's LZ77 window limit, or its support for one, RFC 7692 §7.1.2.2.
    public var clientMaxWindowBits: ClientMaxWindowBits?

    public init(
        serverNoContextTakeover: Bool = false, clientNoContextTakeover: Bool = false,
        serverMaxWindowBits: Int? = nil, clientMaxWindowBits: ClientMaxWindowBits? = nil
    ) {
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
    }

    /// The parameters as a list element, in the order of RFC 7692 §7.1.
    public var offer: ExtensionOffer {
        var parameters: [ExtensionOffer.Parameter] = []
        if serverNoContextTakeover { parameters.append(.init(Name.serverNoContextTakeover.rawValue)) }
        if clientNoContextTakeover { parameters.append(.init(Name.clientNoContextTakeover.rawValue)) }
        if let bits = serverMaxWindowBits { parameters.append(.init(Name.serverMaxWindowBits.rawValue, "\(bits)")) }
        if let client = clientMaxWindowBits {
            parameters.append(.init(Name.clientMaxWindowBits.rawValue, client.bits.map { "\($0)" }))
        }
        return ExtensionOffer(Self.extensionName, parameters)
    }

    /// The `Sec-WebSocket-Extensions` element, e.g. `permessage-deflate; client_max_window_bits`.
    public var headerValue: String { offer.headerValue }

    public var description: String { headerValue }

    /// Parameters as read from one list element, with every RFC 7692 §7 rule the element breaks.
    public struct Parse: Hashable, Sendable {
        /// What the element states; for a duplicate or an invalid value the first valid
        /// occurrence counts, so the judge still sees a usable configuration.
        public var parameters: PerMessageDeflateParameters
        /// Empty when the element may be accepted as written.
        public var problems: [PerMessageDeflateProblem]

        public var isValid: Bool { problems.isEmpty }
    }

    /// Reads the parameters of a permessage-deflate element (its name is not checked here),
    /// reporting unknown and duplicate parameters and invalid values, RFC 7692 §7.
    public static func parse(_ element: ExtensionOffer, as usage: Usage) -> Parse {
        var parsed = Parse(parameters: PerMessageDeflateParameters(), problems: [])
        var seen: Set<Name> = []
        for parameter in element.parameters {
            guard let name = Name(rawValue: parameter.name.lowercased()) else {
                parsed.problems.append(.unknownParameter(parameter.name))
                continue
            }
            if !seen.insert(name).inserted { parsed.problems.append(.duplicateParameter(parameter.name)) }
            let invalid = PerMessageDeflateProblem.invalidValue(parameter: parameter.name, value: parameter.value)
            switch name {
            case .serverNoContextTakeover, .clientNoContextTakeover:
                guard parameter.value == nil else {
                    parsed.problems.append(invalid)
                    continue
                }
                if name == .serverNoContextTakeover {
                    parsed.parameters.serverNoContextTakeover = true
                } else {
                    parsed.parameters.clientNoContextTakeover = true
                }
            case .serverMaxWindowBits:
                guard let bits = parameter.value.flatMap(windowBits) else {
                    parsed.problems.append(invalid)
                    continue
                }
                if parsed.parameters.serverMaxWindowBits == nil { parsed.parameters.serverMaxWindowBits = bits }
            case .clientMaxWindowBits:
                let value: ClientMaxWindowBits
                if let text = parameter.value, let bits = windowBits(text) {
                    value = .limit(bits)
                } else if parameter.value == nil, usage == .offer {
                    value = .supported
                } else {
                    parsed.problems.append(invalid)
                    continue
                }
                if parsed.parameters.clientMaxWindowBits == nil { parsed.parameters.clientMaxWindowBits = value }
            }
        }
        return parsed
    }

    /// `1*DIGIT` without leading zeros, 8–15 (RFC 7692 §7.1.2.1): "08", "+9" and "9.0" are invalid.
    static func windowBits(_ text: String) -> Int? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            digits[0] != UInt8(ascii: "0"), let bits = Int(text), windowBitsRange.contains(bits)
        else { return nil }
        return bits
    }
}
