import Wire

/// A reason, from RFC 7692 §7, why a permessage-deflate offer must be declined by a server or
/// a response must make the client fail the connection.
///
/// Data, not an error: the negotiation collects every reason, and the judge (a case's
/// expectation, the reference server) decides what to do about them.
public enum PerMessageDeflateProblem: Hashable, Sendable, CustomStringConvertible {
    /// A parameter that RFC 7692 §7.1 does not define ("not defined for use in an offer" /
    /// "in a response", RFC 7692 §7 and §7.1).
    case unknownParameter(String)
    /// The same parameter twice ("multiple extension parameters with the same name", RFC 7692 §7).
    case duplicateParameter(String)
    /// A value where none is allowed, no value where one is required, or window bits that are
    /// not 8–15 written as `1*DIGIT` without leading zeros (RFC 7692 §7.1.1.1–§7.1.2.2).
    case invalidValue(parameter: String, value: String?)

    /// The client asked for a server window smaller than the server's policy supports, so the
    /// server declines the offer (RFC 7692 §7.1.2.1, §7: "doesn't support the configuration").
    case serverWindowBitsUnsupported(requested: Int, minimum: Int)
    /// The client asked for server_no_context_takeover and the server's policy cannot do it,
    /// so the server declines the offer (RFC 7692 §7.1.1.1).
    case serverNoContextTakeoverUnsupported

    /// The offer had server_no_context_takeover and the response lacks it: the server accepts
    /// that offer only by including it, RFC 7692 §7.1.1.1.
    case serverNoContextTakeoverNotConfirmed
    /// The offer had server_max_window_bits and the response lacks it: the server accepts that
    /// offer only by including it, RFC 7692 §7.1.2.1.
    case serverMaxWindowBitsNotConfirmed(offered: Int)
    /// The response's server_max_window_bits exceeds the offer's, RFC 7692 §7.1.2.1 ("the same
    /// or smaller value as the offer").
    case serverMaxWindowBitsAboveOffer(offered: Int, response: Int)
    /// client_max_window_bits in a response to an offer without it: the response "MUST NOT
    /// include" it, RFC 7692 §7.1.2.2.
    case clientMaxWindowBitsNotOffered(response: Int)
    /// The response's client_max_window_bits exceeds the value the client offered: it must be
    /// "equal to or smaller than the received value", RFC 7692 §7.1.2.2.
    case clientMaxWindowBitsAboveOffer(offered: Int, response: Int)

    /// The RFC section that states the rule.
    public var section: String {
        switch self {
        case .unknownParameter, .duplicateParameter: return "RFC 7692 §7"
        case .invalidValue(let parameter, _):
            return PerMessageDeflateParameters.Name(rawValue: parameter.lowercased())?.section ?? "RFC 7692 §7.1"
        case .serverWindowBitsUnsupported, .serverMaxWindowBitsNotConfirmed, .serverMaxWindowBitsAboveOffer:
            return "RFC 7692 §7.1.2.1"
        case .serverNoContextTakeoverUnsupported, .serverNoContextTakeoverNotConfirmed:
            return "RFC 7692 §7.1.1.1"
        case .clientMaxWindowBitsNotOffered, .clientMaxWindowBitsAboveOffer: return "RFC 7692 §7.1.2.2"
        }
    }

    public var description: String {
        let what: String
        switch self {
        case .unknownParameter(let name): what = "unknown parameter \(name)"
        case .duplicateParameter(let name): what = "duplicate parameter \(name)"
        case .invalidValue(let name, let value?): what = "invalid value \(ExtensionOffer.quote(value)) for \(name)"
        case .invalidValue(let name, nil): what = "missing value for \(name)"
        case .serverWindowBitsUnsupported(let requested, let minimum):
            what = "server_max_window_bits=\(requested) below the supported minimum \(minimum)"
        case .serverNoContextTakeoverUnsupported: what = "server_no_context_takeover not supported"
        case .serverNoContextTakeoverNotConfirmed: what = "offered server_no_context_takeover missing from response"
        case .serverMaxWindowBitsNotConfirmed(let offered):
            what = "offered server_max_window_bits=\(offered) missing from response"
        case .serverMaxWindowBitsAboveOffer(let offered, let response):
            what = "response server_max_window_bits=\(response) above offered \(offered)"
        case .clientMaxWindowBitsNotOffered(let response):
            what = "response client_max_window_bits=\(response) without an offer of it"
        case .clientMaxWindowBitsAboveOffer(let offered, let response):
            what = "response client_max_window_bits=\(response) above offered \(offered)"
        }
        return "\(what) (\(section))"
    }
}
