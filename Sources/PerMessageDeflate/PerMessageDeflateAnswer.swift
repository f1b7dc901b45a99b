import Wire

/// The offer a server's permessage-deflate response accepts, and what the client then applies.
public struct AcceptedDeflateOffer: Hashable, Sendable {
    /// Index of the accepted offer among the permessage-deflate offers given.
    public var offerIndex: Int
    /// The parameters the client applies: the response plus what the offer promised
    /// (`appliedByClient(after:)`).
    public var applied: PerMessageDeflateParameters
}

extension PerMessageDeflateParameters {
    /// Reads a server's permessage-deflate response as a client must, RFC 7692 §5 and §7: it
    /// accepts one of `offers` (the client's permessage-deflate elements, in order), and only
    /// an offer the server was free to accept. The first valid offer the response answers
    /// correctly wins.
    ///
    /// An offer that breaks RFC 7692 §7 (an unknown or duplicate parameter, an invalid value)
    /// is one the server MUST decline, so a response that fits only such an offer is refused
    /// with that reason; a response that fits no offer is refused with what it breaks.
    public static func acceptedOffer(
        by response: ExtensionOffer, among offers: [ExtensionOffer]
    ) -> Result<AcceptedDeflateOffer, DeflateNegotiationError> {
        let answered = parse(response, as: .response)
        guard answered.isValid else {
            return .failure(DeflateNegotiationError(problems: answered.problems, text: Self.text(answered.problems)))
        }
        var mismatches: [(index: Int, problems: [PerMessageDeflateProblem])] = []
        var mustDecline: [(index: Int, problems: [PerMessageDeflateProblem])] = []
        for (index, element) in offers.enumerated() {
            let offer = parse(element, as: .offer)
            let problems = offer.parameters.validateResponse(answered.parameters)
            if !offer.isValid {
                if problems.isEmpty { mustDecline.append((index, offer.problems)) }
            } else if problems.isEmpty {
                return .success(
                    AcceptedDeflateOffer(offerIndex: index, applied: offer.parameters.appliedByClient(after: answered.parameters)))
            } else {
                mismatches.append((index, problems))
            }
        }
        func named(_ index: Int) -> String { "offer \(index + 1) (\(offers[index].headerValue))" }
        let each = mismatches.map { "as an answer to \(named($0.index)): \(Self.text($0.problems))" }
        if let wrong = mustDecline.first {
            let text =
                "the answer \(response.headerValue) fits only \(named(wrong.index)), which the server MUST decline: \(Self.text(wrong.problems))"
            return .failure(DeflateNegotiationError(problems: wrong.problems, text: ([text] + each).joined(separator: "; ")))
        }
        switch mismatches.count {
        case 0:
            return .failure(
                DeflateNegotiationError(
                    problems: [],
                    text: "the answer \(response.headerValue) accepts an offer although every offer must be declined (RFC 7692 §7)"))
        case 1:
            return .failure(DeflateNegotiationError(problems: mismatches[0].problems, text: Self.text(mismatches[0].problems)))
        default:
            return .failure(
                DeflateNegotiationError(
                    problems: mismatches[0].problems,
                    text: "the answer \(response.headerValue) fits none of the offers, " + each.joined(separator: "; ")))
        }
    }

    /// Problems in words, in order.
    static func text(_ problems: [PerMessageDeflateProblem]) -> String {
        problems.map(\.description).joined(separator: "; ")
    }
}
