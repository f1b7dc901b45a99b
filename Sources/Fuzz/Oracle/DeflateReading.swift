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
    /// permessage-deflate offer, accepted as `PerMessageDeflateParameters.negotiate` does.
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
            return PerMessageDeflateParameters.negotiate(offers: ExtensionOffer.parseList(offers).offers).response
        }
    }

    /// The most octets the oracle inflates one compressed message to: the bombs the mutators
    /// make stay under it (16 MiB); a message that inflates further is out of the oracle's scope.
    public static let inflateCap = 16 << 20
}

extension PerMessageDeflateParameters {
    /// The server's decompressor under these response parameters (RFC 7692 §7.2.2): the client's
    /// window as agreed, emptied after every message when `emptiesWindow` (which RFC 7692 lets a
    /// server do only under client_no_context_takeover).
    func serverDecompressor(emptiesWindow: Bool) -> MessageDecompressor? {
        let configuration = PerMessageDeflateConfiguration(agreed: self, role: .server)
        return try? MessageDecompressor(
            windowBits: configuration.decompressorWindowBits,
            noContextTakeover: emptiesWindow && configuration.decompressorNoContextTakeover)
    }
}
