import PerMessageDeflate
import Wire

/// Which permessage-deflate agreement (RFC 7692 §5) the oracle reads a session under.
///
/// Whether compression is on, and with what parameters, is the server's answer to the offer in
/// the script's head, so it is known only once the handshake response is in. Before that the
/// oracle reads a session as the reference server would answer (`asOffered`); a trial then
/// judges the reaction under the answer the server really gave (`declined` or `agreed`).
public enum DeflateReading: Hashable, Sendable {
    /// The reference server's answer to the offer in the head: the first acceptable
    /// permessage-deflate offer, accepted as `PerMessageDeflateParameters.negotiate` does under
    /// the reference server's policy.
    case asOffered
    /// No permessage-deflate: RSV1 has no meaning (RFC 6455 §5.2).
    case declined
    /// The server's response parameters, as it sent them.
    case agreed(PerMessageDeflateParameters)

    /// The response parameters in force for a request offering `offers` (its
    /// `Sec-WebSocket-Extensions` values), nil when nothing was agreed.
    public func agreement(offers: [String]) -> PerMessageDeflateParameters? {
        switch self {
        case .declined: return nil
        case .agreed(let parameters): return parameters
        case .asOffered:
            guard !offers.isEmpty else { return nil }
            return PerMessageDeflateParameters.negotiate(offers: ExtensionOffer.parseList(offers).offers, policy: .referenceServer)
                .response
        }
    }

    /// True when a server inflates the client's messages alike under both agreements (both
    /// none, or the same client window and context rule, RFC 7692 §7.1): the oracle then
    /// expects the same of it.
    static func inflatesAlike(_ one: PerMessageDeflateParameters?, _ other: PerMessageDeflateParameters?) -> Bool {
        switch (one, other) {
        case (nil, nil): return true
        case (let one?, let other?):
            let first = PerMessageDeflateConfiguration(agreed: one, role: .server)
            let second = PerMessageDeflateConfiguration(agreed: other, role: .server)
            return first.decompressorWindowBits == second.decompressorWindowBits
                && first.decompressorNoContextTakeover == second.decompressorNoContextTakeover
        default: return false
        }
    }

    /// The most octets the oracle inflates one compressed message to: the bombs the mutators
    /// make stay under it (16 MiB); a message that inflates further is out of the oracle's scope.
    public static let inflateCap = 16 << 20
}
