import Cases
import Client
import Transport
import Wire

/// Runs one case on one fresh connection: connect, open, perform the steps while reading
/// everything the server sends, then settle the closing handshake. Event-driven: every wait
/// ends the moment its event happens, bounded by a deadline; nothing sleeps to synchronise.
public struct CaseRunner: Sendable {
    public let target: TargetURL
    public let options: RunOptions

    public init(target: TargetURL, options: RunOptions = RunOptions()) {
        self.target = target
        self.options = options
    }

    /// Runs `testCase`; never throws: failures to connect or open are `.error` outcomes. The
    /// result names the trace id its opening handshake carried, whatever the outcome.
    public func run(_ testCase: TestCase) -> CaseResult {
        let start = ContinuousClock.now
        var session = CaseSession(testCase: testCase, options: options, start: start)
        var result = run(testCase, &session, start: start)
        result.traceID = session.traceParent?.traceIDHex
        return result
    }

    private func run(_ testCase: TestCase, _ session: inout CaseSession, start: ContinuousClock.Instant) -> CaseResult {
        var opening = OpeningOutcome.proceed
        do {
            opening = try session.open(target)
            switch opening {
            case .proceed:
                try session.perform(testCase.steps)
                try session.settle()
            case .upgradedWrongly, .declined, .declinedAsRequired:
                // Nothing to test on this connection: close it normally, at once.
                try session.sendClose(1000, reason: "nothing to test on this connection: closing with 1000")
                try session.settle()
            case .refusedAsAccepted, .refusedWrongly, .brokenUpgrade, .refusedOffer:
                break
            }
        } catch let error as CaseSession.Abort {
            session.end()
            return CaseResult(
                caseID: testCase.id, outcome: .error(error.text), reasons: [error.text], duration: ContinuousClock.now - start,
                transcript: session.transcript)
        } catch {
            session.note("tool error: \(error)")
            session.end()
            return CaseResult(
                caseID: testCase.id, outcome: .error("\(error)"), reasons: ["\(error)"], duration: ContinuousClock.now - start,
                transcript: session.transcript)
        }
        session.end()
        var judgement = Judge.judge(
            testCase, events: session.observer.events, facts: session.facts, serverViolations: session.observer.serverViolations,
            progress: session.progress)
        judgement = Judge.opening(testCase, opening, then: judgement, facts: session.facts)
        session.note("verdict: \(judgement.behaviour.rawValue) / \(judgement.close.rawValue)")
        return CaseResult(
            caseID: testCase.id, outcome: .judged(behaviour: judgement.behaviour, close: judgement.close), reasons: judgement.reasons,
            firstDivergence: judgement.firstDivergence, observed: session.observer.events, close: session.facts,
            duration: ContinuousClock.now - start, transcript: session.transcript)
    }
}
