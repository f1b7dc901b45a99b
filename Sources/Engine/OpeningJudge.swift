import Cases
import Wire

/// What the answer to a case's opening request decides, RFC 6455 §4: a pure function of the
/// response head, the case's expectation and the problems a client finds in a 101.
enum OpeningOutcome: Hashable, Sendable {
    /// Upgraded as the case needs: its steps run.
    case proceed
    /// Upgraded where the case needs a refusal: FAILED; the tester closes at once.
    case upgradedWrongly(String)
    /// Refused as the case accepts: the case ends here, OK.
    case refusedAsAccepted(String)
    /// Refused, but not as the case accepts (another status, a required field missing): FAILED.
    case refusedWrongly(String)
    /// A 101 that breaks §4.1 (accept key, Upgrade, Connection, an extension or subprotocol
    /// never offered) or RFC 7692 §5 (a permessage-deflate answer the offer does not allow):
    /// FAILED; the client MUST fail the connection.
    case brokenUpgrade(String)
    /// Upgraded without the permessage-deflate the case needs: UNIMPLEMENTED (an optional
    /// feature, Autobahn's rule); the tester closes at once.
    case declined(String)
    /// Upgraded without permessage-deflate where every offer breaks RFC 7692 §7 and the
    /// server MUST decline it: OK; the tester closes at once.
    case declinedAsRequired(String)
    /// Refused (4xx) where the case needed an upgrade with a permessage-deflate offer the server
    /// may decline: nothing to check, UNIMPLEMENTED, as for a declined offer.
    case refusedOffer(String)
}

enum OpeningJudge {
    /// The outcome of `response` for `expectation`; nil when the case needed an upgrade and got
    /// a refusal, which is a target error (the case could not run), not a verdict.
    static func judge(_ response: HTTPHead, _ expectation: OpeningExpectation, problems: [HandshakeProblem]) -> OpeningOutcome? {
        let status = response.statusCode ?? 0
        if status == 101 {
            if let problem = problems.first {
                return .brokenUpgrade("the server's 101 breaks the opening handshake: \(problem)")
            }
            if case .refused(let refusal) = expectation {
                return .upgradedWrongly("the server upgraded a request it must refuse (expected \(refusal))")
            }
            return .proceed
        }
        guard let refusal = expectation.refusal else {
            guard expectation == .upgradedAsStandard else { return nil }
            return .refusedWrongly("the server refused a valid request with \(response.startLine.prefix(80)), expected the upgrade")
        }
        guard refusal.accepts(status: status) else {
            return .refusedWrongly("the server refused with \(response.startLine.prefix(80)), expected \(refusal)")
        }
        for field in refusal.fields where !response.fields.listContains(field.name, token: field.token) {
            let sent = response.fields.values(field.name)
            let what = sent.isEmpty ? "no \(field.name) field" : "\(field.name): \(sent.joined(separator: ", "))"
            return .refusedWrongly("the server refused with \(status) but \(what), expected \(refusal)")
        }
        return .refusedAsAccepted("the server refused the request with \(response.startLine.prefix(80)), as the case expects")
    }

    /// The outcome of a client-error refusal (4xx) where the case needed an upgrade for its
    /// permessage-deflate offers: a server may refuse any connection (RFC 6455 §4.2.2), so
    /// refusing rather than declining the offer still accepts nothing. Where the offers must be
    /// declined (RFC 7692 §7) that is OK; elsewhere nothing could be checked, UNIMPLEMENTED. Nil
    /// for any other answer, or a case that offers no extension (a target error, as in `judge`).
    static func refusedOffer(_ response: HTTPHead, _ opening: Opening) -> OpeningOutcome? {
        guard !opening.deflateOffers.isEmpty, let status = response.statusCode, Refusal.clientError.statuses.contains(status) else {
            return nil
        }
        let line = response.startLine.prefix(80)
        switch opening.deflateDecline {
        case .required:
            return .refusedAsAccepted(
                "the server refused the opening handshake with \(line) rather than decline only the offer: the offer is not accepted, as RFC 7692 §7 requires (RFC 6455 §4.2.2 lets a server refuse a connection)"
            )
        case .unimplemented:
            return .refusedOffer(
                "the server refused the opening handshake with \(line) instead of declining the permessage-deflate offer: nothing to check (RFC 7692 is optional; RFC 6455 §4.2.2 lets a server refuse a connection)"
            )
        }
    }
}
