import PerMessageDeflate
import Wire

/// What the server's `Sec-WebSocket-Extensions` answer agreed to, judged against the offer the
/// script's head made, as a client must judge it (RFC 6455 §4.1, §9.1; RFC 7692 §7).
enum ExtensionAnswer: Hashable, Sendable {
    /// No extension is in use.
    case none
    /// permessage-deflate, with the response parameters as the server sent them.
    case permessageDeflate(PerMessageDeflateParameters)
    /// An answer a client MUST fail the connection for: an extension never offered, a
    /// permessage-deflate response that no offer allows, an unreadable list.
    case broken(String)
    /// An offered extension other than permessage-deflate was agreed: not modelled.
    case unmodelled(String)

    /// Reads `answer` (the response's field values joined, nil when absent) against `offer`
    /// (the request's `Sec-WebSocket-Extensions` values).
    static func read(offer: [String], answer: String?) -> ExtensionAnswer {
        guard let answer, !answer.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .none }
        let answered = ExtensionOffer.parseList([answer])
        if let problem = answered.problems.first { return .broken("an unreadable Sec-WebSocket-Extensions answer (\(problem))") }
        let offered = ExtensionOffer.parseList(offer).offers
        for element in answered.offers where !offered.contains(where: { $0.hasName(element.name) }) {
            return .broken("the server agreed to \(element.name), which the client did not offer (RFC 6455 §9.1)")
        }
        let name = PerMessageDeflateParameters.extensionName
        let deflate = answered.offers.filter { $0.hasName(name) }
        if let other = answered.offers.first(where: { !$0.hasName(name) }) {
            return .unmodelled("the server agreed to \(other.name), which the oracle does not model")
        }
        guard let response = deflate.first else { return .none }
        guard deflate.count == 1 else { return .broken("permessage-deflate answered \(deflate.count) times (RFC 7692 §5)") }
        let offers = offered.filter { $0.hasName(name) }.map { PerMessageDeflateParameters.parse($0, as: .offer).parameters }
        guard offers.contains(where: { $0.validateResponse(response).isEmpty }) else {
            let problems = offers.first.map { $0.validateResponse(response) } ?? []
            return .broken(
                "a permessage-deflate answer no offer allows (RFC 7692 §7): \(problems.map(\.description).joined(separator: "; "))")
        }
        return .permessageDeflate(PerMessageDeflateParameters.parse(response, as: .response).parameters)
    }

    /// True when the answer names permessage-deflate at all, valid or not: the server's
    /// messages with RSV1 are then read as compressed.
    static func namesDeflate(_ answer: String?) -> Bool {
        guard let answer else { return false }
        return ExtensionOffer.parseList([answer]).offers.contains { $0.hasName(PerMessageDeflateParameters.extensionName) }
    }
}
