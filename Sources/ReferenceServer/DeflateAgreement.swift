import PerMessageDeflate
import Wire

/// The reference server's answer to a client's permessage-deflate offers, RFC 7692 §5 and §7:
/// the first offer it may accept, answered as `PerMessageDeflateParameters.negotiate` does,
/// or the answer a negotiation fault (`Fault+Negotiation.swift`) gives instead.
enum DeflateAgreement {
    /// The channel the server applies and its `Sec-WebSocket-Extensions` value; nil when it
    /// accepts no offer.
    static func answer(_ headerValues: [String], fault: Fault?) -> (channel: DeflateChannel, response: String)? {
        var offers = ExtensionOffer.parseList(headerValues).offers
        if fault == .acceptInvalidDeflateOffer { offers = offers.map(readablePart) }
        // The negotiation faults answer as the default policy would, then misread it.
        let negotiation = PerMessageDeflateParameters.negotiate(
            offers: offers, policy: fault.map(Fault.deflateNegotiation.contains) == true ? PerMessageDeflateServerPolicy() : .referenceServer)
        guard var response = negotiation.response, let index = negotiation.acceptedOfferIndex else { return nil }
        let offer = PerMessageDeflateParameters.parse(offers[index], as: .offer).parameters
        // What the server applies: what it answers, unless a fault misreads it.
        var applied: PerMessageDeflateParameters?
        switch fault {
        case .answerLargerServerWindow?:
            if let bits = offer.serverMaxWindowBits, bits < 15 { response.serverMaxWindowBits = 15 }
        case .dropServerNoContextTakeover?:
            if offer.serverNoContextTakeover { response.serverNoContextTakeover = false }
        case .answerUnofferedClientWindow?:
            if offer.clientMaxWindowBits == nil { response.clientMaxWindowBits = .limit(15) }
        case .echoValuelessClientWindow?:
            if offer.clientMaxWindowBits == .supported, response.clientMaxWindowBits == nil {
                // The client then uses up to 15 bits, as without the parameter.
                applied = response
                response.clientMaxWindowBits = .supported
            }
        case .misreadMissingClientWindow?:
            if offer.clientMaxWindowBits == .supported, response.clientMaxWindowBits == nil {
                var misread = response
                misread.clientMaxWindowBits = .limit(8)
                applied = misread
            }
        default:
            break
        }
        var header = response.headerValue
        if fault == .answerDeflateTwice,
            let second = PerMessageDeflateParameters.negotiate(offers: Array(offers[(index + 1)...])).response
        {
            header += ", " + second.headerValue
        }
        guard let channel = try? DeflateChannel(agreed: applied ?? response, role: .server) else { return nil }
        return (channel, header)
    }

    /// `accept-invalid-deflate-offer`: a permessage-deflate offer with every parameter the
    /// server cannot read left out (unknown names, invalid values, repeats after the first).
    static func readablePart(_ element: ExtensionOffer) -> ExtensionOffer {
        guard element.hasName(PerMessageDeflateParameters.extensionName) else { return element }
        var kept = ExtensionOffer(element.name)
        var seen: Set<String> = []
        for parameter in element.parameters {
            let alone = ExtensionOffer(element.name, [parameter])
            guard PerMessageDeflateParameters.parse(alone, as: .offer).isValid, seen.insert(parameter.name.lowercased()).inserted
            else { continue }
            kept.parameters.append(parameter)
        }
        return kept
    }
}
