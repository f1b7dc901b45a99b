import Cases

/// Turns what happened into the two verdicts, with reasons: Autobahn's rules, ordered as it
/// orders them, so that verdicts can be compared case by case (RFC 6455 wins where they part).
enum Judge {
    struct Judgement {
        var behaviour: BehaviourVerdict
        var close: CloseVerdict
        var reasons: [String]
        var firstDivergence: String?
    }

    /// Judges `events`. `progress` is the running case's matcher, which has compared some or all
    /// of them already (its digests are not computed again); without it they are compared here.
    static func judge(
        _ testCase: TestCase, events: [ObservedEvent], facts: CloseFacts, serverViolations: [String], progress: OutcomeMatcher? = nil
    ) -> Judgement {
        let expectation = testCase.expectation
        var matcher = progress ?? OutcomeMatcher(expectation)
        matcher.observe(events)
        var reasons: [String] = []
        var behaviour = BehaviourVerdict.failed
        var matched: ExpectedOutcome?
        if let index = matcher.matchedOutcome {
            matched = expectation.outcomes[index]
            behaviour = expectation.outcomes[index].verdict
        }
        let divergence = matched == nil ? matcher.firstDivergence(events) : nil
        if let divergence { reasons.append(divergence) }
        for violation in serverViolations {
            behaviour = .failed
            reasons.append("the server broke a rule: \(violation)")
        }
        let closeExpectation = matched?.close ?? expectation.close
        var close = closeVerdict(closeExpectation, facts, &reasons)
        if closeExpectation.wrongCodeFailsBehaviour, close == .wrongCode { behaviour = .failed }
        if closeExpectation.wrongEndpointFailsBehaviour, closeExpectation.initiator == .server, facts.closedByTester {
            behaviour = .failed
        }
        // The requirement level bounds what a deviation costs: a missed SHOULD is NON-STRICT and
        // a MAY only INFORMATIONAL, unless the server broke a rule outright.
        if behaviour == .failed, serverViolations.isEmpty {
            switch testCase.level {
            case .must: break
            case .should:
                behaviour = .nonStrict
                reasons.append("a SHOULD-level requirement: the deviation is NON-STRICT, not FAILED")
            case .may:
                behaviour = .informational
            }
        }
        // The same bound on the close axis: without a MUST, a wrong code or an unclean close is
        // a NON-STRICT (or INFORMATIONAL) case, the close verdict only informational; the
        // reasons keep what happened. A tester-side failure (FAILED BY CLIENT) is left as it is.
        var boundedCloseDivergence: String?
        if testCase.level != .must, serverViolations.isEmpty, [.wrongCode, .unclean, .failed].contains(close) {
            boundedCloseDivergence = reasons.last
            reasons.append("the close deviation (\(close.rawValue)) is bounded by the \(testCase.level.rawValue)-level requirement")
            close = .informational
            if behaviour == .ok || behaviour == .failed {
                behaviour = testCase.level == .should ? .nonStrict : .informational
            }
        }
        // The matched outcome's note explains its verdict only when nothing overrode it.
        if let matched, let note = matched.note, behaviour == matched.verdict { reasons.insert(note, at: 0) }
        if expectation.informational, serverViolations.isEmpty {
            reasons.insert("informational: the RFC allows either behaviour; observed " + describe(events), at: 0)
            behaviour = .informational
            close = .informational
        }
        return Judgement(
            behaviour: behaviour, close: close, reasons: reasons,
            firstDivergence: divergence ?? boundedCloseDivergence ?? (close == .ok || close == .informational ? nil : reasons.last))
    }

    /// True when `events` are exactly `expected` (a list judged once; a running case keeps an
    /// `OutcomeMatcher`).
    static func matches(_ events: [ObservedEvent], _ expected: [Event], _ matching: EventMatching) -> Bool {
        var matcher = OutcomeMatcher([expected], matching: matching)
        matcher.observe(events)
        return matcher.matches(0)
    }

    /// True when the events so far are a prefix of `expected` (nothing wrong yet).
    static func isPrefix(_ events: [ObservedEvent], of expected: [Event], _ matching: EventMatching) -> Bool {
        var matcher = OutcomeMatcher([expected], matching: matching)
        matcher.observe(events)
        return matcher.isPrefix(0)
    }

    private static func describe(_ events: [ObservedEvent]) -> String {
        events.isEmpty ? "no events" : events.map(\.description).joined(separator: ", ")
    }

    /// RFC 6455 §7 close rules in Autobahn's order: who closed, clean, code, who dropped TCP.
    static func closeVerdict(_ expected: CloseExpectation, _ facts: CloseFacts, _ reasons: inout [String]) -> CloseVerdict {
        if expected.initiator == .tester, !facts.closedByTester {
            reasons.append("the server started the closing handshake; the tester was to close (RFC 6455 §7.1.2)")
            return .failed
        }
        if expected.initiator == .server, facts.closedByTester {
            reasons.append("the server never failed the connection; the tester closed at its timer (RFC 6455 §7.1.7)")
            return .failed
        }
        if expected.requireClean, !facts.wasClean {
            reasons.append("closing handshake not clean: \(facts.notCleanReason ?? "unknown") (RFC 6455 §7.1.1)")
            return .unclean
        }
        if let code = facts.remoteCode, !expected.codes.contains(code) {
            let wanted = expected.codes.sorted().map(String.init).joined(separator: " or ")
            reasons.append("the server closed with \(code), expected \(wanted) or no code (RFC 6455 §7.4.1)")
            return .wrongCode
        }
        if facts.droppedByTester {
            reasons.append("the tester had to close TCP: the server SHOULD close it first (RFC 6455 §7.1.1)")
            return .failedByClient
        }
        return .ok
    }
}
