import Cases

extension Judge {
    /// The judgement once the opening handshake is taken into account, RFC 6455 §4: a refusal
    /// the case accepts is OK on both axes (there is no connection to close); an upgrade where
    /// a refusal was needed, a wrong refusal or a broken 101 is FAILED, bounded by the case's
    /// level like any deviation. `judgement` is what the rest of the case gave; `facts`, how the
    /// connection closed.
    static func opening(_ testCase: TestCase, _ outcome: OpeningOutcome, then judgement: Judgement, facts: CloseFacts? = nil) -> Judgement {
        switch outcome {
        case .proceed:
            return judgement
        case .refusedAsAccepted(let reason):
            return Judgement(behaviour: .ok, close: .ok, reasons: [reason], firstDivergence: nil)
        case .refusedWrongly(let reason), .brokenUpgrade(let reason):
            return Judgement(behaviour: bounded(testCase.level), close: .ok, reasons: [reason], firstDivergence: reason)
        case .upgradedWrongly(let reason):
            var failed = judgement
            failed.behaviour = bounded(testCase.level)
            failed.reasons.insert(reason, at: 0)
            failed.firstDivergence = reason
            return failed
        case .declined(let reason):
            return declined(reason, .unimplemented, judgement, facts)
        case .declinedAsRequired(let reason):
            return declined(reason, .ok, judgement, facts)
        case .refusedOffer(let reason):
            // No connection was opened, so none had to be closed.
            return Judgement(behaviour: .unimplemented, close: .ok, reasons: [reason], firstDivergence: nil)
        }
    }

    /// A declined permessage-deflate offer: `behaviour` as the case's decline rule says. The
    /// steps never ran, so no event was due: only how the connection closed counts, and the
    /// tester closed at once with 1000, as Autobahn does: that close is judged as a normal close
    /// (RFC 6455 §7.1.2), whatever close the case's own steps would call for.
    private static func declined(_ reason: String, _ behaviour: BehaviourVerdict, _ judgement: Judgement, _ facts: CloseFacts?) -> Judgement
    {
        if let facts {
            var closing: [String] = []
            let close = closeVerdict(.normalClose, facts, &closing)
            return Judgement(
                behaviour: behaviour, close: close, reasons: [reason] + closing, firstDivergence: close == .ok ? nil : closing.last)
        }
        let closing = judgement.reasons.filter { !$0.hasPrefix("event ") }
        return Judgement(
            behaviour: behaviour, close: judgement.close, reasons: [reason] + closing,
            firstDivergence: judgement.close == .ok ? nil : closing.last)
    }

    /// FAILED for a MUST, NON-STRICT for a SHOULD, INFORMATIONAL for a MAY.
    private static func bounded(_ level: Requirement) -> BehaviourVerdict {
        switch level {
        case .must: return .failed
        case .should: return .nonStrict
        case .may: return .informational
        }
    }
}
